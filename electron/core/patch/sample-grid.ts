/**
 * Trilinear sampling of an Int16 HU volume on a regular 2D grid of points given in the pixel frame.
 * The hot loop of patch extraction: typed arrays only, nothing allocated per sample.
 */
import type { Vec3, VolumeGeometry } from '../geometry/frames'

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
  const [ni, nj, nk] = geometry.dims
  const sliceStride = ni * nj
  const { originIjk: o, stepUIjk: su, stepVIjk: sv, sizePx } = grid
  let n = outOffset
  for (let v = 0; v < sizePx; v++) {
    let i = o[0] + v * sv[0]
    let j = o[1] + v * sv[1]
    let k = o[2] + v * sv[2]
    for (let u = 0; u < sizePx; u++, n++, i += su[0], j += su[1], k += su[2]) {
      let k0: number
      let wk: number
      if (k <= 0) {
        k0 = 0
        wk = 0
      } else if (k >= nk - 1) {
        k0 = nk - 1
        wk = 0
      } else {
        k0 = Math.floor(k)
        wk = k - k0
      }
      // With wk = 0 the second slice has no weight, so reading k0 twice keeps the index valid.
      const k1 = wk > 0 ? k0 + 1 : k0
      const i0 = Math.floor(i)
      const j0 = Math.floor(j)
      const wi = i - i0
      const wj = j - j0
      const base0 = k0 * sliceStride
      const base1 = k1 * sliceStride
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
      out[n] = plane0 + wk * (plane1 - plane0)
    }
  }
}
