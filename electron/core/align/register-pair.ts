/**
 * Registers one study onto another from their body profiles: the along-body shift first, then
 * the in-plane shift at the matched levels, with a confidence — or a refusal saying why.
 */
import type { Vec3 } from '../geometry/frames'
import type { BodyProfile } from './body-profile'
import { inPlaneShift } from './in-plane-shift'
import { correlateProfiles } from './profile-correlation'
import type { ImageAlignmentSettings } from './settings'

export interface PairRegistration {
  /** Added to the moving study's scanner LPS (mm) to reach the reference's; absent when refused. */
  translationMm?: Vec3
  /**
   * 0 … 1: how much the best along-body peak stands out:
   * 1 − (runner-up evidence / peak evidence).
   * 0 when refused for lack of overlap or anatomy.
   */
  confidence: number
  /** Profile correlation at the chosen shift (NaN when nothing overlapped). */
  correlation: number
  overlapMm: number
  /** Why no translation is given. */
  refusal?: string
}

const round = (value: number, digits = 2) => Number(value.toFixed(digits))

/** Registers `moving` onto `reference`; see the module comment. */
export function registerProfiles(
  reference: BodyProfile,
  moving: BodyProfile,
  settings: ImageAlignmentSettings,
): PairRegistration {
  const along = correlateProfiles(reference, moving, settings)
  if (!along) {
    return {
      confidence: 0,
      correlation: NaN,
      overlapMm: 0,
      refusal: `the scan ranges cannot share ${settings.minOverlapMm} mm of the body`,
    }
  }
  const { correlation, overlapMm } = along
  const confidence =
    along.score > 0 ? Math.max(0, Math.min(1, 1 - along.runnerUpScore / along.score)) : 0
  const measured = { confidence, correlation, overlapMm }
  if (correlation < settings.minCorrelation) {
    return {
      ...measured,
      refusal: `the body profiles correlate at ${round(correlation)} at best (below ${settings.minCorrelation}): the images do not show the same anatomy`,
    }
  }
  if (confidence < settings.minConfidence) {
    return {
      ...measured,
      refusal: `two positions along the body fit almost equally well (confidence ${round(confidence)}, below ${settings.minConfidence})`,
    }
  }
  const inPlane = inPlaneShift(reference, moving, along.shiftSteps)
  if (!inPlane || inPlane.levels < settings.minInPlaneLevels) {
    return {
      ...measured,
      refusal: `only ${inPlane?.levels ?? 0} matched level(s) show bone in both studies (need ${settings.minInPlaneLevels}) to place them in-plane`,
    }
  }
  const maxSpreadMm =
    settings.maxInPlaneSpreadSamples * Math.max(reference.sampleSpacingMm, moving.sampleSpacingMm)
  if (inPlane.spreadMm > maxSpreadMm) {
    return {
      ...measured,
      refusal: `the matched levels disagree in-plane by ${round(inPlane.spreadMm, 1)} mm (more than ${round(maxSpreadMm, 1)} mm)`,
    }
  }
  return { ...measured, translationMm: [inPlane.shiftXMm, inPlane.shiftYMm, along.shiftZMm] }
}
