/**
 * Along-body shift between two studies: normalized cross-correlation of their body profiles over
 * every shift that leaves enough overlap, with the peak's sharpness against the runner-up.
 */
import { PROFILE_CHANNELS, type BodyProfile } from './body-profile'
import type { ImageAlignmentSettings } from './settings'

export interface ProfileShift {
  /** z shift (mm) taking the moving study's LPS to the reference's: zRef = zMoving + shiftZMm. */
  shiftZMm: number
  /** The same shift in whole grid steps (for reading matched levels). */
  shiftSteps: number
  /** Correlation of all channels together at the peak (−1 … 1). */
  correlation: number
  overlapMm: number
  /** Evidence of the peak: Fisher z of the correlation × √(independent levels − 3). */
  score: number
  /** Best evidence of any other local peak at least runnerUpExclusionMm away (0 if none). */
  runnerUpScore: number
}

interface ShiftScore {
  correlation: number
  overlapMm: number
  score: number
}

const MAX_CORRELATION = 0.999

/** Channels are centred separately but pooled: Σ cov / √(Σ var_ref · Σ var_moving). */
function scoreShift(
  reference: BodyProfile,
  moving: BodyProfile,
  steps: number,
  settings: ImageAlignmentSettings,
): ShiftScore | undefined {
  // Moving point n lies at grid index moving.firstIndex + n; shifted by `steps` it meets
  // reference point n + offset.
  const offset = moving.firstIndex + steps - reference.firstIndex
  const nLow = Math.max(0, -offset)
  const nHigh = Math.min(moving.length, reference.length - offset)
  if ((nHigh - nLow) * reference.gridStepMm < settings.minOverlapMm) return undefined
  let covariance = 0
  let varianceRef = 0
  let varianceMoving = 0
  let count = 0
  for (let c = 0; c < PROFILE_CHANNELS.length; c++) {
    const a = reference.channels[c]
    const b = moving.channels[c]
    let n = 0
    let sa = 0
    let sb = 0
    let saa = 0
    let sbb = 0
    let sab = 0
    for (let p = nLow; p < nHigh; p++) {
      const va = a[p + offset]
      const vb = b[p]
      if (Number.isNaN(va) || Number.isNaN(vb)) continue
      n++
      sa += va
      sb += vb
      saa += va * va
      sbb += vb * vb
      sab += va * vb
    }
    if (n === 0) continue
    covariance += sab - (sa * sb) / n
    varianceRef += saa - (sa * sa) / n
    varianceMoving += sbb - (sb * sb) / n
    count = Math.max(count, n)
  }
  const overlapMm = count * reference.gridStepMm
  if (overlapMm < settings.minOverlapMm) return undefined
  const denominator = Math.sqrt(varianceRef * varianceMoving)
  // Flat profiles (air, a phantom) have no anatomy to line up: no evidence either way.
  const correlation = denominator > 1e-9 ? covariance / denominator : 0
  const clipped = Math.max(-MAX_CORRELATION, Math.min(MAX_CORRELATION, correlation))
  const levels = Math.max(0, overlapMm / settings.correlationLengthMm - 3)
  return { correlation, overlapMm, score: Math.atanh(clipped) * Math.sqrt(levels) }
}

/**
 * The z shift that best lines `moving` up with `reference`, refined between grid steps by a
 * parabola through the peak, or undefined when the scan ranges never overlap enough.
 */
export function correlateProfiles(
  reference: BodyProfile,
  moving: BodyProfile,
  settings: ImageAlignmentSettings,
): ProfileShift | undefined {
  const lowest = reference.firstIndex - moving.firstIndex - moving.length
  const highest = reference.firstIndex + reference.length - moving.firstIndex
  const scores: (ShiftScore | undefined)[] = []
  let best = -1
  for (let steps = lowest; steps <= highest; steps++) {
    const s = scoreShift(reference, moving, steps, settings)
    scores.push(s)
    if (s && (best < 0 || s.score > (scores[best] as ShiftScore).score)) best = scores.length - 1
  }
  if (best < 0) return undefined
  const peak = scores[best] as ShiftScore
  const before = scores[best - 1]?.score
  const after = scores[best + 1]?.score
  let fraction = 0
  if (before !== undefined && after !== undefined) {
    const curvature = before - 2 * peak.score + after
    if (curvature < 0) fraction = Math.max(-0.5, Math.min(0.5, (before - after) / (2 * curvature)))
  }
  const exclusion = settings.runnerUpExclusionMm / reference.gridStepMm
  let runnerUpScore = 0
  for (let n = 0; n < scores.length; n++) {
    const s = scores[n]
    if (!s || Math.abs(n - best) <= exclusion) continue
    const isLocalPeak =
      (scores[n - 1]?.score ?? -Infinity) <= s.score &&
      (scores[n + 1]?.score ?? -Infinity) <= s.score
    if (isLocalPeak) runnerUpScore = Math.max(runnerUpScore, s.score)
  }
  const shiftSteps = lowest + best
  return {
    shiftZMm: (shiftSteps + fraction) * reference.gridStepMm,
    shiftSteps,
    correlation: peak.correlation,
    overlapMm: peak.overlapMm,
    score: peak.score,
    runnerUpScore,
  }
}
