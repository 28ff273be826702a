/**
 * Matches many patients at once: groups lesions and decisions by patient and runs the
 * per-patient matcher on each, in patient id order.
 */
import type { Vec3 } from '../geometry/frames'
import { matchPatient, type PatientMatchDetail } from './match-patient'
import type { MatcherModel } from './model'
import type { MatchIssue, MatchLesion, UserDecision } from './types'
import type { StudyRef } from './validate'

export interface MatchAllOptions {
  decisions?: readonly UserDecision[]
  /** Every study of every patient by patient id, to report studies without bookmarks. */
  studiesByPatient?: ReadonlyMap<string, readonly StudyRef[]>
  /** Known study translations (e.g. from image registration), by study id. */
  priorTranslations?: Map<string, Vec3>
  priorSource?: string
}

function lesionIdsOf(decision: UserDecision): string[] {
  return decision.kind === 'mark-new'
    ? [decision.lesionId]
    : [decision.lesionIdA, decision.lesionIdB]
}

/** Runs matchPatient for every patient that has lesions or studies. */
export function matchAllPatients(
  lesions: readonly MatchLesion[],
  model: MatcherModel,
  options: MatchAllOptions = {},
): PatientMatchDetail[] {
  const byPatient = new Map<string, MatchLesion[]>()
  for (const lesion of lesions) {
    const list = byPatient.get(lesion.patientId)
    if (list) list.push(lesion)
    else byPatient.set(lesion.patientId, [lesion])
  }
  for (const patientId of options.studiesByPatient?.keys() ?? []) {
    if (!byPatient.has(patientId)) byPatient.set(patientId, [])
  }
  const patientOfLesion = new Map(lesions.map((l) => [l.lesionId, l.patientId]))
  const decisionsByPatient = new Map<string, UserDecision[]>()
  for (const decision of options.decisions ?? []) {
    const patientId = lesionIdsOf(decision)
      .map((id) => patientOfLesion.get(id))
      .find((p) => p !== undefined)
    if (patientId === undefined) continue
    const list = decisionsByPatient.get(patientId)
    if (list) list.push(decision)
    else decisionsByPatient.set(patientId, [decision])
  }
  return [...byPatient.keys()].sort().map((patientId) =>
    matchPatient(patientId, byPatient.get(patientId) as MatchLesion[], model, {
      decisions: decisionsByPatient.get(patientId),
      studies: options.studiesByPatient?.get(patientId),
      alignment: { priorTranslations: options.priorTranslations, priorSource: options.priorSource },
    }),
  )
}

/** One issue per decision that names no lesion of any patient given (nothing to apply it to). */
export function unplacedDecisions(
  lesions: readonly MatchLesion[],
  decisions: readonly UserDecision[],
): MatchIssue[] {
  const known = new Set(lesions.map((l) => l.lesionId))
  return decisions
    .filter((d) => lesionIdsOf(d).every((id) => !known.has(id)))
    .map((d) => ({
      code: 'unknown-lesion' as const,
      severity: 'warning' as const,
      subject: lesionIdsOf(d).join(' – '),
      message: `a saved decision (${d.kind}) refers only to lesions that are not among the bookmarks: ${lesionIdsOf(d).join(', ')}`,
      hint: 'The bookmarks were deleted or their studies not imported; the decision is kept and applies again once they are back.',
    }))
}
