/**
 * Small builders for hand-made matcher inputs, so each test states only what it is about.
 */
import type { Vec3 } from '../../../electron/core/geometry/frames'
import type { MatchLesion } from '../../../electron/core/match/types'

/** A lesion of patient P in study `S<order>`, series 1 unless given. */
export function lesion(
  lesionId: string,
  studyOrder: number,
  positionInScannerMm: Vec3,
  longAxisMm: number,
  extra: Partial<MatchLesion> = {},
): MatchLesion {
  return {
    lesionId,
    patientId: 'P',
    studyId: `S${studyOrder}`,
    studyOrder,
    seriesId: `S${studyOrder}/1`,
    positionInScannerMm,
    longAxisMm,
    shortAxisMm: 0.7 * longAxisMm,
    lesionType: -1,
    ...extra,
  }
}

/** Adds `shiftMm` to a body-frame point: where a scanner shifted by it sees the point. */
export function shifted(bodyMm: Vec3, shiftMm: Vec3): Vec3 {
  return [bodyMm[0] + shiftMm[0], bodyMm[1] + shiftMm[1], bodyMm[2] + shiftMm[2]]
}
