/**
 * Fast paths of grid sampling for the usual case, an axial series sampled on axial planes: the
 * column of a sample depends only on u and its row only on v, so both are looked up once per grid.
 */
import type { VolumeGeometry } from '../geometry/frames'
import type { SampleGrid } from './sample-grid'

// Per-grid lookup tables, grown on demand and reused: the hot path allocates nothing.
let columnIndex = new Int32Array(64)
let columnWeight = new Float32Array(64)

function tablesFor(size: number): void {
  if (columnIndex.length >= size) return
  columnIndex = new Int32Array(size)
  columnWeight = new Float32Array(size)
}

/** Bilinear value of the 2 × 2 voxels whose top-left is at index `p` of rows `ni` long. */
function bilinear(hu: Int16Array, p: number, ni: number, wi: number, wj: number): number {
  const a = hu[p]
  const top = a + wi * (hu[p + 1] - a)
  const c = hu[p + ni]
  return top + wj * (c + wi * (hu[p + ni + 1] - c) - top)
}

/** True when u moves only along i and v only along j, on one slice position. */
export function isSeparable(grid: SampleGrid): boolean {
  const { stepUIjk: su, stepVIjk: sv } = grid
  return su[1] === 0 && su[2] === 0 && sv[0] === 0 && sv[2] === 0
}

/**
 * Bilinear samples of slice k0, or trilinear between k0 and k1 with weight wk on k1, on a
 * separable grid. Returns false, writing nothing, when the grid's 2 × 2 footprint leaves the
 * image: the caller then takes the general path, which knows what lies outside.
 */
export function sampleSeparableInterior(
  geometry: VolumeGeometry,
  hu: Int16Array,
  grid: SampleGrid,
  k0: number,
  k1: number,
  wk: number,
  out: Float32Array,
  outOffset: number,
): boolean {
  const [ni, nj] = geometry.dims
  const { originIjk: o, stepUIjk: su, stepVIjk: sv, sizePx: size } = grid
  const last = size - 1
  const iLow = Math.floor(Math.min(o[0], o[0] + last * su[0]))
  const iHigh = Math.floor(Math.max(o[0], o[0] + last * su[0]))
  const jLow = Math.floor(Math.min(o[1], o[1] + last * sv[1]))
  const jHigh = Math.floor(Math.max(o[1], o[1] + last * sv[1]))
  if (iLow < 0 || jLow < 0 || iHigh + 1 >= ni || jHigh + 1 >= nj) return false
  tablesFor(size)
  // Locals, not the module's reassignable bindings: V8 can then keep them in registers.
  const columns = columnIndex
  const weights = columnWeight
  for (let u = 0; u < size; u++) {
    const i = o[0] + u * su[0]
    const i0 = Math.floor(i)
    columns[u] = i0
    weights[u] = i - i0
  }
  const base0 = k0 * ni * nj
  const base1 = k1 * ni * nj
  let n = outOffset
  for (let v = 0; v < size; v++) {
    const j = o[1] + v * sv[1]
    const j0 = Math.floor(j)
    const wj = j - j0
    const row0 = base0 + j0 * ni
    if (wk === 0) {
      for (let u = 0; u < size; u++, n++) {
        out[n] = bilinear(hu, row0 + columns[u], ni, weights[u], wj)
      }
      continue
    }
    const row1 = base1 + j0 * ni
    for (let u = 0; u < size; u++, n++) {
      const plane0 = bilinear(hu, row0 + columns[u], ni, weights[u], wj)
      const plane1 = bilinear(hu, row1 + columns[u], ni, weights[u], wj)
      out[n] = plane0 + wk * (plane1 - plane0)
    }
  }
  return true
}

/**
 * Nearest-voxel samples of slice k on a separable grid; points beyond the image read `outsideHu`.
 * Columns and rows outside are marked once per grid, not tested per sample.
 */
export function sampleSeparableNearest(
  geometry: VolumeGeometry,
  hu: Int16Array,
  grid: SampleGrid,
  k: number,
  outsideHu: number,
  out: Float32Array,
  outOffset: number,
): void {
  const [ni, nj] = geometry.dims
  const { originIjk: o, stepUIjk: su, stepVIjk: sv, sizePx: size } = grid
  tablesFor(size)
  for (let u = 0; u < size; u++) {
    const i = Math.floor(o[0] + u * su[0] + 0.5)
    columnIndex[u] = i >= 0 && i < ni ? i : -1
  }
  const base = k * ni * nj
  let n = outOffset
  for (let v = 0; v < size; v++) {
    const j = Math.floor(o[1] + v * sv[1] + 0.5)
    if (j < 0 || j >= nj) {
      out.fill(outsideHu, n, n + size)
      n += size
      continue
    }
    const row = base + j * ni
    for (let u = 0; u < size; u++, n++) {
      const i = columnIndex[u]
      out[n] = i >= 0 ? hu[row + i] : outsideHu
    }
  }
}
