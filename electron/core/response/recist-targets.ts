/**
 * RECIST 1.1 target lesions at baseline: the largest measurable lesions, at most five in all and
 * two per organ; every other lesion seen at baseline is a non-target, with the reason.
 */
import type { RecistLesion, RecistMeasurement, RecistNonTarget, RecistTarget } from './types'

/** RECIST 1.1 (Eisenhauer et al. 2009): smallest measurable long axis (CT, slices ≤ 5 mm). */
export const MEASURABLE_LONG_AXIS_MM = 10
/** Smallest short axis of a measurable (pathological) lymph node. */
export const MEASURABLE_NODE_SHORT_AXIS_MM = 15
export const MAX_TARGETS = 5
export const MAX_TARGETS_PER_ORGAN = 2

/** The diameter RECIST sums for a lesion: short axis of a node, long axis otherwise. */
export function summedDiameterMm(lesion: RecistLesion, measurement: RecistMeasurement): number {
  return lesion.nodal ? measurement.shortAxisMm : measurement.longAxisMm
}

function measurableReason(lesion: RecistLesion, measurement: RecistMeasurement): string | null {
  const mm = summedDiameterMm(lesion, measurement)
  if (lesion.nodal && mm < MEASURABLE_NODE_SHORT_AXIS_MM) {
    return `node short axis ${mm.toFixed(1)} mm < ${MEASURABLE_NODE_SHORT_AXIS_MM} mm (not measurable)`
  }
  if (!lesion.nodal && mm < MEASURABLE_LONG_AXIS_MM) {
    return `long axis ${mm.toFixed(1)} mm < ${MEASURABLE_LONG_AXIS_MM} mm (not measurable)`
  }
  return null
}

/**
 * Chooses the targets among the lesions measured at baseline (timepoint 0), largest first. A
 * lesion of unknown organ is limited by the five-lesion rule only: its organ cannot be compared.
 */
export function selectTargets(lesions: readonly RecistLesion[]): {
  targets: RecistTarget[]
  nonTargets: RecistNonTarget[]
} {
  const atBaseline = lesions.flatMap((lesion) => {
    const m = lesion.measurements[0]
    return m && m !== 'disappeared' ? [{ lesion, measurement: m }] : []
  })
  const bySize = [...atBaseline].sort(
    (x, y) => summedDiameterMm(y.lesion, y.measurement) - summedDiameterMm(x.lesion, x.measurement),
  )
  const targets: RecistTarget[] = []
  const nonTargets: RecistNonTarget[] = []
  const perOrgan = new Map<string, number>()
  for (const { lesion, measurement } of bySize) {
    const notMeasurable = measurableReason(lesion, measurement)
    const organCount = perOrgan.get(lesion.organ) ?? 0
    let reason = notMeasurable
    if (!reason && targets.length >= MAX_TARGETS) {
      reason = `${MAX_TARGETS} larger targets already chosen`
    } else if (!reason && lesion.organ !== '' && organCount >= MAX_TARGETS_PER_ORGAN) {
      reason = `${MAX_TARGETS_PER_ORGAN} larger targets already in the ${lesion.organ}`
    }
    if (reason) {
      nonTargets.push({ trackId: lesion.trackId, label: lesion.label, reason })
      continue
    }
    perOrgan.set(lesion.organ, organCount + 1)
    targets.push({
      trackId: lesion.trackId,
      label: lesion.label,
      axis: lesion.nodal ? 'short' : 'long',
      baselineMm: summedDiameterMm(lesion, measurement),
    })
  }
  return { targets, nonTargets }
}
