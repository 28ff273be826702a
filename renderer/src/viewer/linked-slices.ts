/**
 * Scrolling the studies of a patient together: the slice of another study at the same body level,
 * found through each study's translation into the aligned patient frame (alignedMm = scannerLpsMm
 * + translationMm, as the matcher reports it).
 */
import {
  lpsToPixel,
  pixelToLps,
  type Vec3,
  type VolumeGeometry,
} from '../../../electron/api/geometry'

/** A view's series geometry and its study's translation into the aligned patient frame (mm). */
export interface AlignedSeries {
  geometry: VolumeGeometry
  translationMm: Vec3
}

export interface LinkedSlice {
  /** The slice index to show, clamped into the series. */
  sliceIndex: number
  /** False when the level lies outside the series' range: the index is its nearest end slice. */
  inside: boolean
}

/** The aligned patient-frame point (LPS mm) at the centre of slice k of a series. */
export function alignedSliceCentreMm(series: AlignedSeries, sliceIndex: number): Vec3 {
  const [ni, nj] = series.geometry.dims
  const scannerLps = pixelToLps(series.geometry, [(ni - 1) / 2, (nj - 1) / 2, sliceIndex])
  return [0, 1, 2].map((d) => scannerLps[d] + series.translationMm[d]) as Vec3
}

/**
 * The slice of `target` nearest to the aligned point `alignedMm`: the point is taken back into
 * the target study's scanner frame, then into its pixel frame; only the slice coordinate counts.
 */
export function linkedSlice(target: AlignedSeries, alignedMm: Vec3): LinkedSlice {
  const scannerLps = [0, 1, 2].map((d) => alignedMm[d] - target.translationMm[d]) as Vec3
  const k = lpsToPixel(target.geometry, scannerLps)[2]
  const last = target.geometry.dims[2] - 1
  const sliceIndex = Math.min(last, Math.max(0, Math.round(k)))
  return { sliceIndex, inside: k >= -0.5 && k <= last + 0.5 }
}
