/**
 * A study's body profile: its slice measures resampled onto one along-body grid in patient LPS
 * mm shared by all studies, so that studies of any slice spacing compare point by point.
 */
import type { SliceMeasures } from './slice-measures'
import type { ImageAlignmentSettings } from './settings'

/** Profile channels compared between studies, each log1p(area / 1 cm²). */
export const PROFILE_CHANNELS = ['body', 'bone', 'airInside'] as const

export interface BodyProfile {
  /** Grid step (mm): point n lies at z = (firstIndex + n) · gridStepMm in the study's LPS. */
  gridStepMm: number
  firstIndex: number
  length: number
  /** One array per PROFILE_CHANNELS entry; NaN where no slice lies near the point. */
  channels: Float64Array[]
  /** Bone centroid (LPS mm) at each point; NaN where there is too little bone. */
  boneXMm: Float64Array
  boneYMm: Float64Array
  /** Slice spacing of the study (mm). */
  sliceSpacingMm: number
  /** In-plane distance between the pixels the measures read (mm). */
  sampleSpacingMm: number
}

const CM2 = 100

/**
 * Resamples `measures` with a triangular kernel whose half-width is the slice spacing (never
 * below `smoothingHalfWidthMm`): linear interpolation between thick slices, a little smoothing
 * of thin ones, so 1 mm and 5 mm studies of one body give alike profiles.
 */
export function bodyProfile(
  measures: SliceMeasures,
  settings: ImageAlignmentSettings,
): BodyProfile {
  const step = settings.gridStepMm
  const halfWidth = Math.max(settings.smoothingHalfWidthMm, measures.sliceSpacingMm)
  const { zMm } = measures
  let zLow = Infinity
  let zHigh = -Infinity
  for (const z of zMm) {
    zLow = Math.min(zLow, z)
    zHigh = Math.max(zHigh, z)
  }
  const firstIndex = Math.ceil(zLow / step)
  const length = Math.max(0, Math.floor(zHigh / step) - firstIndex + 1)
  const areas = [measures.bodyAreaMm2, measures.boneAreaMm2, measures.airInsideMm2]
  const channels = areas.map(() => new Float64Array(length).fill(NaN))
  const boneXMm = new Float64Array(length).fill(NaN)
  const boneYMm = new Float64Array(length).fill(NaN)
  // Slices in ascending z, so each grid point only visits the slices within its kernel.
  const order = [...zMm.keys()].sort((a, b) => zMm[a] - zMm[b])
  let start = 0
  for (let n = 0; n < length; n++) {
    const z = (firstIndex + n) * step
    while (start < order.length && zMm[order[start]] < z - halfWidth) start++
    let weight = 0
    const sums = [0, 0, 0]
    let boneWeight = 0
    let boneX = 0
    let boneY = 0
    for (let o = start; o < order.length && zMm[order[o]] <= z + halfWidth; o++) {
      const k = order[o]
      const w = 1 - Math.abs(zMm[k] - z) / halfWidth
      if (w <= 0) continue
      weight += w
      for (let c = 0; c < areas.length; c++) sums[c] += w * areas[c][k]
      const boneArea = measures.boneAreaMm2[k]
      if (boneArea > 0) {
        boneWeight += w * boneArea
        boneX += w * boneArea * measures.boneXMm[k]
        boneY += w * boneArea * measures.boneYMm[k]
      }
    }
    if (weight === 0) continue
    for (let c = 0; c < areas.length; c++) channels[c][n] = Math.log1p(sums[c] / weight / CM2)
    if (boneWeight / weight >= settings.minBoneAreaMm2) {
      boneXMm[n] = boneX / boneWeight
      boneYMm[n] = boneY / boneWeight
    }
  }
  return {
    gridStepMm: step,
    firstIndex,
    length,
    channels,
    boneXMm,
    boneYMm,
    sliceSpacingMm: measures.sliceSpacingMm,
    sampleSpacingMm: measures.sampleSpacingMm,
  }
}
