/**
 * Smooth 3D value noise in body millimetres: organ and lesion textures that stay attached to the
 * anatomy, so the same liver looks the same in every study. Written without closures because it
 * runs for every textured pixel.
 */

function latticeValue(seed: number, x: number, y: number, z: number): number {
  let h = Math.imul(x, 0x27d4eb2d) ^ Math.imul(y, 0x165667b1) ^ Math.imul(z, 0x1b873593) ^ seed
  h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d)
  h = Math.imul(h ^ (h >>> 12), 0x297a2d39)
  h ^= h >>> 15
  return (h >>> 0) / 2147483648 - 1
}

/** Noise in [−1, 1] varying over about `cellMm`; `seed` picks an independent field. */
export function valueNoise3(
  seed: number,
  xMm: number,
  yMm: number,
  zMm: number,
  cellMm: number,
): number {
  const x = xMm / cellMm
  const y = yMm / cellMm
  const z = zMm / cellMm
  const xi = Math.floor(x)
  const yi = Math.floor(y)
  const zi = Math.floor(z)
  let tx = x - xi
  let ty = y - yi
  let tz = z - zi
  tx = tx * tx * (3 - 2 * tx)
  ty = ty * ty * (3 - 2 * ty)
  tz = tz * tz * (3 - 2 * tz)
  const v000 = latticeValue(seed, xi, yi, zi)
  const v100 = latticeValue(seed, xi + 1, yi, zi)
  const v010 = latticeValue(seed, xi, yi + 1, zi)
  const v110 = latticeValue(seed, xi + 1, yi + 1, zi)
  const v001 = latticeValue(seed, xi, yi, zi + 1)
  const v101 = latticeValue(seed, xi + 1, yi, zi + 1)
  const v011 = latticeValue(seed, xi, yi + 1, zi + 1)
  const v111 = latticeValue(seed, xi + 1, yi + 1, zi + 1)
  const a0 = v000 + (v100 - v000) * tx
  const b0 = v010 + (v110 - v010) * tx
  const a1 = v001 + (v101 - v001) * tx
  const b1 = v011 + (v111 - v011) * tx
  const c0 = a0 + (b0 - a0) * ty
  const c1 = a1 + (b1 - a1) * ty
  return c0 + (c1 - c0) * tz
}

/**
 * The same noise restricted to one axial plane, with the z interpolation done once per lattice
 * point: per pixel it costs four lookups instead of eight hashes.
 */
export class PlaneNoise {
  private readonly values: Float32Array
  private readonly columns: number
  private readonly xiMin: number
  private readonly yiMin: number

  constructor(
    seed: number,
    zMm: number,
    private readonly cellMm: number,
    xRangeMm: [number, number],
    yRangeMm: [number, number],
  ) {
    this.xiMin = Math.floor(xRangeMm[0] / cellMm) - 1
    this.yiMin = Math.floor(yRangeMm[0] / cellMm) - 1
    this.columns = Math.floor(xRangeMm[1] / cellMm) + 2 - this.xiMin + 1
    const rows = Math.floor(yRangeMm[1] / cellMm) + 2 - this.yiMin + 1
    this.values = new Float32Array(this.columns * rows)
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < this.columns; c++) {
        this.values[r * this.columns + c] = valueNoise3(
          seed,
          (this.xiMin + c) * cellMm,
          (this.yiMin + r) * cellMm,
          zMm,
          cellMm,
        )
      }
    }
  }

  /** Noise at a body-frame point of this plane (x, y within the ranges given at construction). */
  at(xMm: number, yMm: number): number {
    const x = xMm / this.cellMm - this.xiMin
    const y = yMm / this.cellMm - this.yiMin
    const c = Math.floor(x)
    const r = Math.floor(y)
    let tx = x - c
    let ty = y - r
    tx = tx * tx * (3 - 2 * tx)
    ty = ty * ty * (3 - 2 * ty)
    const n = r * this.columns + c
    const v = this.values
    const top = v[n] + (v[n + 1] - v[n]) * tx
    const bottom = v[n + this.columns] + (v[n + this.columns + 1] - v[n + this.columns]) * tx
    return top + (bottom - top) * ty
  }
}
