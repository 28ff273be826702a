/**
 * RECIST 1.1 target lesions at baseline: the largest measurable lesions, at most five in all and
 * two per organ, then the reader's changes (a dropped target becomes a non-target, a chosen
 * lesion a target when the rules allow); every other lesion seen at baseline is a non-target.
 */
import type {
  RecistLesion,
  RecistMeasurement,
  RecistNonTarget,
  RecistTarget,
  RecistTargetChoices,
} from './types'

/** RECIST 1.1 (Eisenhauer et al. 2009): smallest measurable long axis (CT, slices ≤ 5 mm). */
export const MEASURABLE_LONG_AXIS_MM = 10
/** Smallest short axis of a measurable (pathological) lymph node. */
export const MEASURABLE_NODE_SHORT_AXIS_MM = 15
export const MAX_TARGETS = 5
export const MAX_TARGETS_PER_ORGAN = 2

const NO_CHOICES: RecistTargetChoices = { chosen: new Set(), dropped: new Set() }

/** The diameter RECIST sums for a lesion: short axis of a node, long axis otherwise. */
export function summedDiameterMm(lesion: RecistLesion, measurement: RecistMeasurement): number {
  if (!lesion.nodal) return measurement.longAxisMm
  if (measurement.shortAxisMm === null) {
    throw new Error(`${lesion.label} is a node: its measurements need a short axis`)
  }
  return measurement.shortAxisMm
}

function notMeasurable(lesion: RecistLesion, measurement: RecistMeasurement): string | null {
  const mm = summedDiameterMm(lesion, measurement)
  if (lesion.nodal && mm < MEASURABLE_NODE_SHORT_AXIS_MM) {
    return `node short axis ${mm.toFixed(1)} mm < ${MEASURABLE_NODE_SHORT_AXIS_MM} mm (not measurable)`
  }
  if (!lesion.nodal && mm < MEASURABLE_LONG_AXIS_MM) {
    return `long axis ${mm.toFixed(1)} mm < ${MEASURABLE_LONG_AXIS_MM} mm (not measurable)`
  }
  return null
}

interface Candidate {
  lesion: RecistLesion
  measurement: RecistMeasurement
}

/** Why `candidate` cannot join `targets`, or null when it can. */
function blockedBy(candidate: Candidate, targets: readonly Candidate[]): string | null {
  const measurable = notMeasurable(candidate.lesion, candidate.measurement)
  if (measurable) return measurable
  if (targets.length >= MAX_TARGETS) return `${MAX_TARGETS} targets already`
  const organ = candidate.lesion.organ
  // A lesion of unknown organ is limited by the five-lesion rule only: no organ to compare.
  if (
    organ !== '' &&
    targets.filter((t) => t.lesion.organ === organ).length >= MAX_TARGETS_PER_ORGAN
  ) {
    return `${MAX_TARGETS_PER_ORGAN} targets already in the ${organ}`
  }
  return null
}

/**
 * Chooses the targets among the lesions measured at baseline (timepoint 0): largest first under
 * the rules, without the reader's dropped ones, then the reader's chosen ones where they fit.
 */
export function selectTargets(
  lesions: readonly RecistLesion[],
  choices: RecistTargetChoices = NO_CHOICES,
): { targets: RecistTarget[]; nonTargets: RecistNonTarget[] } {
  const bySize = lesions
    .flatMap((lesion): Candidate[] => {
      const m = lesion.measurements[0]
      return m && m !== 'disappeared' ? [{ lesion, measurement: m }] : []
    })
    .sort(
      (x, y) =>
        summedDiameterMm(y.lesion, y.measurement) - summedDiameterMm(x.lesion, x.measurement),
    )
  const chosen: Candidate[] = []
  const byRule = new Set<Candidate>()
  const reasonOf = new Map<Candidate, string>()
  for (const candidate of bySize) {
    if (choices.dropped.has(candidate.lesion.trackId)) {
      reasonOf.set(candidate, 'dropped by the reader')
      continue
    }
    if (choices.chosen.has(candidate.lesion.trackId)) continue
    const blocked = blockedBy(candidate, chosen)
    if (blocked) reasonOf.set(candidate, blocked)
    else {
      chosen.push(candidate)
      byRule.add(candidate)
    }
  }
  for (const candidate of bySize.filter((c) => choices.chosen.has(c.lesion.trackId))) {
    const blocked = blockedBy(candidate, chosen)
    if (blocked) reasonOf.set(candidate, `chosen by the reader, but ${blocked}`)
    else chosen.push(candidate)
  }
  const chosenSet = new Set(chosen)
  return {
    targets: bySize
      .filter((c) => chosenSet.has(c))
      .map((c) => ({
        trackId: c.lesion.trackId,
        label: c.lesion.label,
        chosenBy: byRule.has(c) ? 'rule' : 'reader',
        axis: c.lesion.nodal ? 'short' : 'long',
        baselineMm: summedDiameterMm(c.lesion, c.measurement),
      })),
    nonTargets: bySize
      .filter((c) => !chosenSet.has(c))
      .map((c) => ({
        trackId: c.lesion.trackId,
        label: c.lesion.label,
        reason: reasonOf.get(c) ?? '',
      })),
  }
}
