/**
 * Input checks before matching: lesions the matcher cannot place are set aside with a message
 * that names the lesion and says what to fix; nothing here throws.
 */
import type { MatchIssue, MatchLesion } from './types'

export interface StudyRef {
  studyId: string
  studyOrder: number
}

export interface ValidatedLesions {
  lesions: MatchLesion[]
  issues: MatchIssue[]
}

function finite(values: readonly number[]): boolean {
  return values.every((v) => Number.isFinite(v))
}

/** The issues by which validateLesions leaves a lesion (its subject) out of every track. */
export const LEFT_OUT_CODES: ReadonlySet<string> = new Set(['invalid-position', 'invalid-size'])

/**
 * Keeps the lesions that can be matched and explains the others: a non-finite position or size,
 * a repeated lesion id. `studies` (optional) lists every study of the patient so that studies
 * without any bookmark are reported too.
 */
export function validateLesions(
  patientId: string,
  lesions: readonly MatchLesion[],
  studies: readonly StudyRef[] = [],
): ValidatedLesions {
  const issues: MatchIssue[] = []
  const kept: MatchLesion[] = []
  const seen = new Set<string>()
  for (const lesion of lesions) {
    if (seen.has(lesion.lesionId)) {
      issues.push({
        code: 'duplicate-bookmark',
        severity: 'warning',
        subject: lesion.lesionId,
        message: `lesion id ${lesion.lesionId} appears more than once; only its first record is matched`,
        hint: 'Give every bookmark its own id (re-import the study if the ids came from a file).',
      })
      continue
    }
    seen.add(lesion.lesionId)
    if (!finite(lesion.positionInScannerMm)) {
      issues.push({
        code: 'invalid-position',
        severity: 'error',
        subject: lesion.lesionId,
        message: `lesion ${lesion.lesionId} (study ${lesion.studyId}) has no valid position: [${lesion.positionInScannerMm.join(', ')}]`,
        hint: 'Check the bookmark’s key slice and axis end points in its source file; it is left out of every track until fixed.',
      })
      continue
    }
    if (!finite([lesion.longAxisMm, lesion.shortAxisMm ?? 0]) || !(lesion.longAxisMm > 0)) {
      issues.push({
        code: 'invalid-size',
        severity: 'error',
        subject: lesion.lesionId,
        message: `lesion ${lesion.lesionId} (study ${lesion.studyId}) has no valid size: long axis ${lesion.longAxisMm} mm, ${lesion.shortAxisMm === null ? 'no short axis' : `short axis ${lesion.shortAxisMm} mm`}`,
        hint: 'Re-measure the lesion (its long axis must be longer than 0 mm); it is left out of every track until fixed.',
      })
      continue
    }
    kept.push(lesion)
  }
  const withLesions = new Set(kept.map((l) => l.studyId))
  for (const study of studies) {
    if (withLesions.has(study.studyId)) continue
    issues.push({
      code: 'study-without-bookmarks',
      severity: 'warning',
      subject: study.studyId,
      message: `study ${study.studyId} of patient ${patientId} has no bookmark to match`,
      hint: 'Add RECIST bookmarks to this study if its lesions should be followed; tracks skip it meanwhile.',
    })
  }
  if (kept.length > 0 && withLesions.size < 2) {
    issues.push({
      code: 'single-study',
      severity: 'warning',
      subject: patientId,
      message: `patient ${patientId} has bookmarks in one study only; each lesion is its own track`,
      hint: 'Import the patient’s other studies (with their bookmarks) to follow lesions over time.',
    })
  }
  return { lesions: kept, issues }
}
