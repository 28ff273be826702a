/**
 * Trilinear sampling of an Int16 HU volume on a regular 2D grid of points given in the pixel frame.
 * The hot loop of patch extraction: typed arrays only, nothing allocated per sample.
 */
import type { Vec3, VolumeGeometry } from '../geometry/frames'
import { isSeparable, sampleSeparableInterior, sampleSeparableNearest } from './sample-axial'

/** A square grid of sample points: pixel ijk of sample (u, v) = originIjk + u·stepUIjk + v·stepVIjk. */
export interface SampleGrid {
  originIjk: Vec3
  stepUIjk: Vec3
  stepVIjk: Vec3
  /** Samples per side; the grid holds sizePx × sizePx points, u fastest. */
  sizePx: number
}

/**
 * Pixel-frame change (Δi, Δj, Δk) for one millimetre along each patient axis (LPS x, y, z).
 * The direction cosines are orthonormal, so the inverse of the geometry's matrix is its transpose.
 */
export function ijkPerMm(geometry: VolumeGeometry): { x: Vec3; y: Vec3; z: Vec3 } {
  const { rowDirection: r, columnDirection: c, sliceNormal: n, spacingMm: s } = geometry
  const along = (axis: 0 | 1 | 2): Vec3 => [r[axis] / s[0], c[axis] / s[1], n[axis] / s[2]]
  return { x: along(0), y: along(1), z: along(2) }
}

/** The voxel (i, j) of the slice starting at `base`, or `outsideHu` beyond the image. */
function voxelOr(
  hu: Int16Array,
  base: number,
  i: number,
  j: number,
  ni: number,
  nj: number,
  outsideHu: number,
): number {
  return i >= 0 && j >= 0 && i < ni && j < nj ? hu[base + j * ni + i] : outsideHu
}

/** Slice pair and weight for a fractional slice position, clamped to the first and last slice. */
function slicePair(k: number, nk: number): { k0: number; k1: number; wk: number } {
  if (k <= 0) return { k0: 0, k1: 0, wk: 0 }
  if (k >= nk - 1) return { k0: nk - 1, k1: nk - 1, wk: 0 }
  const k0 = Math.floor(k)
  return { k0, k1: k0 + 1, wk: k - k0 }
}

/**
 * Writes the HU value at every grid point into `out` from `outOffset` (u fastest).
 * In-plane, points beyond the image read `outsideHu` (the scanner saw nothing there); along the
 * slice axis they clamp to the first or last slice, so a bookmark on an end slice still gets a patch.
 */
export function sampleGridHu(
  geometry: VolumeGeometry,
  hu: Int16Array,
  grid: SampleGrid,
  outsideHu: number,
  out: Float32Array,
  outOffset: number,
): void {
  // Axial series with axial output planes (the usual case) keep k fixed over the whole grid:
  // the slice pair is found once and a plane falling on a slice reads that slice alone.
  if (grid.stepUIjk[2] === 0 && grid.stepVIjk[2] === 0) {
    const { k0, k1, wk } = slicePair(grid.originIjk[2], geometry.dims[2])
    if (
      isSeparable(grid) &&
      sampleSeparableInterior(geometry, hu, grid, k0, k1, wk, out, outOffset)
    ) {
      return
    }
    if (wk === 0) sampleSlice(geometry, hu, grid, k0, outsideHu, out, outOffset)
    else sampleTwoSlices(geometry, hu, grid, k0, k1, wk, outsideHu, out, outOffset)
    return
  }
  sampleOblique(geometry, hu, grid, outsideHu, out, outOffset)
}

/** Bilinear samples of slice `k` along the grid (its k steps are zero). */
function sampleSlice(
  geometry: VolumeGeometry,
  hu: Int16Array,
  grid: SampleGrid,
  k: number,
  outsideHu: number,
  out: Float32Array,
  outOffset: number,
): void {
  const [ni, nj] = geometry.dims
  const base = k * ni * nj
  const { originIjk: o, stepUIjk: su, stepVIjk: sv, sizePx } = grid
  let n = outOffset
  for (let v = 0; v < sizePx; v++) {
    let i = o[0] + v * sv[0]
    let j = o[1] + v * sv[1]
    for (let u = 0; u < sizePx; u++, n++, i += su[0], j += su[1]) {
      const i0 = Math.floor(i)
      const j0 = Math.floor(j)
      const wi = i - i0
      const wj = j - j0
      let a: number, b: number, c: number, d: number
      if (i0 >= 0 && j0 >= 0 && i0 + 1 < ni && j0 + 1 < nj) {
        const p = base + j0 * ni + i0
        a = hu[p]
        b = hu[p + 1]
        c = hu[p + ni]
        d = hu[p + ni + 1]
      } else {
        a = voxelOr(hu, base, i0, j0, ni, nj, outsideHu)
        b = voxelOr(hu, base, i0 + 1, j0, ni, nj, outsideHu)
        c = voxelOr(hu, base, i0, j0 + 1, ni, nj, outsideHu)
        d = voxelOr(hu, base, i0 + 1, j0 + 1, ni, nj, outsideHu)
      }
      const top = a + wi * (b - a)
      const bottom = c + wi * (d - c)
      out[n] = top + wj * (bottom - top)
    }
  }
}

/** Samples between slices k0 and k1 (weight wk on k1): bilinear on each, then linear across. */
function sampleTwoSlices(
  geometry: VolumeGeometry,
  hu: Int16Array,
  grid: SampleGrid,
  k0: number,
  k1: number,
  wk: number,
  outsideHu: number,
  out: Float32Array,
  outOffset: number,
): void {
  const [ni, nj] = geometry.dims
  const base0 = k0 * ni * nj
  const base1 = k1 * ni * nj
  const { originIjk: o, stepUIjk: su, stepVIjk: sv, sizePx } = grid
  let n = outOffset
  for (let v = 0; v < sizePx; v++) {
    let i = o[0] + v * sv[0]
    let j = o[1] + v * sv[1]
    for (let u = 0; u < sizePx; u++, n++, i += su[0], j += su[1]) {
      const i0 = Math.floor(i)
      const j0 = Math.floor(j)
      out[n] = trilinear(hu, base0, base1, i0, j0, i - i0, j - j0, wk, ni, nj, outsideHu)
    }
  }
}

/** The general case (oblique series or planes): every sample finds its own slice pair. */
function sampleOblique(
  geometry: VolumeGeometry,
  hu: Int16Array,
  grid: SampleGrid,
  outsideHu: number,
  out: Float32Array,
  outOffset: number,
): void {
  const [ni, nj, nk] = geometry.dims
  const sliceStride = ni * nj
  const { originIjk: o, stepUIjk: su, stepVIjk: sv, sizePx } = grid
  let n = outOffset
  for (let v = 0; v < sizePx; v++) {
    let i = o[0] + v * sv[0]
    let j = o[1] + v * sv[1]
    let k = o[2] + v * sv[2]
    for (let u = 0; u < sizePx; u++, n++, i += su[0], j += su[1], k += su[2]) {
      const { k0, k1, wk } = slicePair(k, nk)
      const i0 = Math.floor(i)
      const j0 = Math.floor(j)
      out[n] = trilinear(
        hu,
        k0 * sliceStride,
        k1 * sliceStride,
        i0,
        j0,
        i - i0,
        j - j0,
        wk,
        ni,
        nj,
        outsideHu,
      )
    }
  }
}

/** Trilinear value from the 2 × 2 footprint at (i0, j0) on the slices starting at base0 and base1. */
function trilinear(
  hu: Int16Array,
  base0: number,
  base1: number,
  i0: number,
  j0: number,
  wi: number,
  wj: number,
  wk: number,
  ni: number,
  nj: number,
  outsideHu: number,
): number {
  let a: number, b: number, c: number, d: number, e: number, f: number, g: number, h: number
  if (i0 >= 0 && j0 >= 0 && i0 + 1 < ni && j0 + 1 < nj) {
    const p = j0 * ni + i0
    a = hu[base0 + p]
    b = hu[base0 + p + 1]
    c = hu[base0 + p + ni]
    d = hu[base0 + p + ni + 1]
    e = hu[base1 + p]
    f = hu[base1 + p + 1]
    g = hu[base1 + p + ni]
    h = hu[base1 + p + ni + 1]
  } else {
    a = voxelOr(hu, base0, i0, j0, ni, nj, outsideHu)
    b = voxelOr(hu, base0, i0 + 1, j0, ni, nj, outsideHu)
    c = voxelOr(hu, base0, i0, j0 + 1, ni, nj, outsideHu)
    d = voxelOr(hu, base0, i0 + 1, j0 + 1, ni, nj, outsideHu)
    e = voxelOr(hu, base1, i0, j0, ni, nj, outsideHu)
    f = voxelOr(hu, base1, i0 + 1, j0, ni, nj, outsideHu)
    g = voxelOr(hu, base1, i0, j0 + 1, ni, nj, outsideHu)
    h = voxelOr(hu, base1, i0 + 1, j0 + 1, ni, nj, outsideHu)
  }
  const top0 = a + wi * (b - a)
  const bottom0 = c + wi * (d - c)
  const top1 = e + wi * (f - e)
  const bottom1 = g + wi * (h - g)
  const plane0 = top0 + wj * (bottom0 - top0)
  const plane1 = top1 + wj * (bottom1 - top1)
  return plane0 + wk * (plane1 - plane0)
}

/**
 * Nearest-voxel value at every grid point (same layout and edge rules as sampleGridHu). For coarse
 * grids, where interpolation adds nothing but a second image row to fetch from memory.
 */
export function sampleGridNearestHu(
  geometry: VolumeGeometry,
  hu: Int16Array,
  grid: SampleGrid,
  outsideHu: number,
  out: Float32Array,
  outOffset: number,
): void {
  const [ni, nj, nk] = geometry.dims
  if (isSeparable(grid)) {
    const k = Math.min(nk - 1, Math.max(0, Math.floor(grid.originIjk[2] + 0.5)))
    sampleSeparableNearest(geometry, hu, grid, k, outsideHu, out, outOffset)
    return
  }
  const sliceStride = ni * nj
  const { originIjk: o, stepUIjk: su, stepVIjk: sv, sizePx } = grid
  let n = outOffset
  for (let v = 0; v < sizePx; v++) {
    let i = o[0] + v * sv[0] + 0.5
    let j = o[1] + v * sv[1] + 0.5
    let k = o[2] + v * sv[2] + 0.5
    for (let u = 0; u < sizePx; u++, n++, i += su[0], j += su[1], k += su[2]) {
      const i0 = Math.floor(i)
      const j0 = Math.floor(j)
      const k0 = Math.min(nk - 1, Math.max(0, Math.floor(k)))
      out[n] = voxelOr(hu, k0 * sliceStride, i0, j0, ni, nj, outsideHu)
    }
  }
}
