/**
 * RECIST 1.1 response at each follow-up: the sum of the target diameters against the baseline
 * (PR at −30 %) and the nadir (PD at +20 % and +5 mm), new lesions (PD), all targets gone (CR,
 * or PR while a non-target lesion is still there or not assessed: RECIST 1.1 Table 1), and NE
 * when a target was not measured — each category with the rule and numbers behind it.
 */
import { bestOverallResponse } from './best-response'
import { DEFAULT_RESPONSE_PROTOCOL, type ResponseProtocol } from './protocol'
import { selectTargets, summedDiameterMm } from './recist-targets'
import type {
  RecistAssessment,
  RecistLesion,
  RecistTarget,
  RecistTargetChoices,
  RecistTimepoint,
  RecistTimepointResult,
} from './types'

export const PARTIAL_RESPONSE_CHANGE = -0.3
export const PROGRESSION_CHANGE = 0.2
export const PROGRESSION_ABSOLUTE_MM = 5
/** A target lymph node under this short axis counts as normal for a complete response. */
export const NORMAL_NODE_SHORT_AXIS_MM = 10

interface TargetReading {
  target: RecistTarget
  /** Summed diameter here (0 when disappeared); undefined when not measured. */
  mm: number | undefined
}

const mm = (v: number) => `${v.toFixed(1)} mm`
const percent = (v: number) => `${v >= 0 ? '+' : '−'}${Math.abs(100 * v).toFixed(0)} %`

function readTargets(
  targets: readonly RecistTarget[],
  lesionOf: ReadonlyMap<string, RecistLesion>,
  timepoint: number,
): TargetReading[] {
  return targets.map((target) => {
    const lesion = lesionOf.get(target.trackId) as RecistLesion
    const m = lesion.measurements[timepoint]
    if (m === 'disappeared') return { target, mm: 0 }
    return { target, mm: m ? summedDiameterMm(lesion, m) : undefined }
  })
}

/** Lesions first bookmarked at `timepoint`, after the baseline. */
function newLesionsAt(lesions: readonly RecistLesion[], timepoint: number): string[] {
  return lesions
    .filter((l) => l.measurements.findIndex((m) => m !== undefined) === timepoint)
    .map((l) => l.label)
}

/**
 * The non-target lesions that are not gone at `timepoint`: measured there (a node at its normal
 * size, under 10 mm short axis, counts as gone), or not assessed (no bookmark, not recorded gone).
 */
function openNonTargets(
  nonTargets: readonly RecistLesion[],
  timepoint: number,
): { lesion: RecistLesion; assessed: boolean }[] {
  return nonTargets.flatMap((lesion) => {
    const m = lesion.measurements[timepoint]
    if (m === 'disappeared') return []
    if (m && lesion.nodal && m.shortAxisMm !== null && m.shortAxisMm < NORMAL_NODE_SHORT_AXIS_MM)
      return []
    return [{ lesion, assessed: m !== undefined }]
  })
}

/** Whether every target is gone: measured at 0 mm, or a node under 10 mm short axis. */
function everyTargetGone(readings: readonly TargetReading[]): boolean {
  return readings.every(
    (r) =>
      r.mm !== undefined &&
      (r.target.axis === 'short' ? r.mm < NORMAL_NODE_SHORT_AXIS_MM : r.mm === 0),
  )
}

/**
 * The category of a follow-up. `open` lists the non-targets not gone when every target is gone
 * (null otherwise): they turn a complete response into a partial one.
 */
function categorise(
  timepoint: RecistTimepoint,
  readings: readonly TargetReading[],
  newLesions: readonly string[],
  open: readonly { lesion: RecistLesion; assessed: boolean }[] | null,
  baselineMm: number,
  nadirMm: number,
  sumMm: number,
): Pick<RecistTimepointResult, 'category' | 'rule'> {
  if (newLesions.length > 0) {
    return { category: 'PD', rule: `new lesion: ${newLesions.join(', ')}` }
  }
  if (timepoint.nonTargetProgression) {
    return {
      category: 'PD',
      rule: 'unequivocal progression of the non-target lesions, in the reader’s judgement',
    }
  }
  if (readings.length === 0) {
    return {
      category: 'NE',
      rule: 'no measurable target lesion at baseline, and no new lesion',
    }
  }
  const overNadir = sumMm - nadirMm
  // Missing targets can only add to the sum, so progression is read even from an incomplete sum.
  if (overNadir >= PROGRESSION_ABSOLUTE_MM && overNadir >= PROGRESSION_CHANGE * nadirMm) {
    return {
      category: 'PD',
      rule: `sum ${mm(sumMm)} is ${percent(overNadir / nadirMm)} (+${mm(overNadir)}) over the nadir ${mm(nadirMm)}: ≥ +20 % and ≥ +5 mm`,
    }
  }
  const missing = readings.filter((r) => r.mm === undefined).map((r) => r.target.label)
  if (missing.length > 0) {
    return {
      category: 'NE',
      rule: `${missing.join(', ')} not measured at this study (a lesion not bookmarked is not assumed gone)`,
    }
  }
  if (open !== null && open.length === 0) {
    return {
      category: 'CR',
      rule: `every lesion gone (lymph nodes under ${NORMAL_NODE_SHORT_AXIS_MM} mm short axis)`,
    }
  }
  if (open !== null) {
    const still = open.filter((o) => o.assessed).map((o) => o.lesion.label)
    const unseen = open.filter((o) => !o.assessed).map((o) => o.lesion.label)
    const why = [
      still.length > 0 ? `${still.join(', ')} still there` : '',
      unseen.length > 0 ? `${unseen.join(', ')} not assessed` : '',
    ].filter(Boolean)
    return {
      category: 'PR',
      rule: `every target gone, but non-target ${why.join('; ')}: a complete response needs every lesion gone`,
    }
  }
  const change = (sumMm - baselineMm) / baselineMm
  if (change <= PARTIAL_RESPONSE_CHANGE) {
    return {
      category: 'PR',
      rule: `sum ${mm(sumMm)} is ${percent(change)} from the baseline ${mm(baselineMm)}: ≤ −30 %`,
    }
  }
  return {
    category: 'SD',
    rule: `sum ${mm(sumMm)}: ${percent(change)} from the baseline ${mm(baselineMm)} (PR needs ≤ −30 %), ${percent(overNadir / nadirMm)} over the nadir ${mm(nadirMm)} (PD needs ≥ +20 % and ≥ +5 mm)`,
  }
}

/**
 * Reads the RECIST 1.1 response of one patient: targets chosen at the first timepoint (with the
 * reader's changes), then one category per later timepoint. `lesions[i].measurements` is indexed
 * like `timepoints`.
 */
export function assessRecist(
  timepoints: readonly RecistTimepoint[],
  lesions: readonly RecistLesion[],
  choices?: RecistTargetChoices,
  protocol: ResponseProtocol = DEFAULT_RESPONSE_PROTOCOL,
): RecistAssessment {
  const { targets, nonTargets } = selectTargets(lesions, choices)
  const lesionOf = new Map(lesions.map((l) => [l.trackId, l]))
  const nonTargetLesions = nonTargets.map((n) => lesionOf.get(n.trackId) as RecistLesion)
  const baselineMm = targets.reduce((sum, t) => sum + t.baselineMm, 0)
  const results: RecistTimepointResult[] = []
  let nadirMm = baselineMm
  timepoints.forEach((timepoint, k) => {
    if (k === 0) {
      results.push({
        studyId: timepoint.studyId,
        studyIds: timepoint.studyIds,
        label: timepoint.label,
        sumMm: targets.length > 0 ? baselineMm : null,
        measuredTargets: targets.length,
        notMeasured: [],
        nonTargetsOpen: [],
        changeFromBaseline: targets.length > 0 ? 0 : null,
        nadirMm: null,
        newLesions: [],
        category: 'baseline',
        rule: `baseline: ${targets.length} target lesion${targets.length === 1 ? '' : 's'}, sum ${mm(baselineMm)}`,
      })
      return
    }
    const readings = readTargets(targets, lesionOf, k)
    const measured = readings.filter((r) => r.mm !== undefined)
    const sumMm = measured.reduce((sum, r) => sum + (r.mm as number), 0)
    const complete = measured.length === readings.length && readings.length > 0
    const newLesions = newLesionsAt(lesions, k)
    const open =
      readings.length > 0 && everyTargetGone(readings) ? openNonTargets(nonTargetLesions, k) : null
    results.push({
      studyId: timepoint.studyId,
      studyIds: timepoint.studyIds,
      label: timepoint.label,
      sumMm: measured.length > 0 ? sumMm : null,
      measuredTargets: measured.length,
      notMeasured: readings.filter((r) => r.mm === undefined).map((r) => r.target.trackId),
      nonTargetsOpen: (open ?? []).map((o) => o.lesion.trackId),
      changeFromBaseline: complete ? (sumMm - baselineMm) / baselineMm : null,
      nadirMm: targets.length > 0 ? nadirMm : null,
      newLesions,
      ...categorise(timepoint, readings, newLesions, open, baselineMm, nadirMm, sumMm),
    })
    // Only a complete sum can be a new nadir: a missing target would make it look smaller.
    if (complete) nadirMm = Math.min(nadirMm, sumMm)
  })
  const notes: string[] = []
  if (nonTargets.length > 0) {
    notes.push(
      'Non-target lesions are not measured: their unequivocal progression is the reader’s judgement (Non-target PD).',
    )
  }
  const best = bestOverallResponse(
    results,
    timepoints.map((t) => t.date ?? ''),
    protocol.stableDiseaseMinDays,
  )
  return { targets, nonTargets, timepoints: results, best, notes }
}
