/**
 * One axial slice being painted, in Hounsfield units (float, row-major, i fastest), with the body-
 * frame millimetre position of every column and row so shapes are given in body coordinates.
 */
import type { PlaneNoise } from './value-noise'

/** Body-frame position (mm) of column i is x0Mm + i·spacingMm; of row j, y0Mm + j·spacingMm. */
export class SliceCanvas {
  readonly hu: Float32Array

  constructor(
    readonly width: number,
    readonly height: number,
    readonly x0Mm: number,
    readonly y0Mm: number,
    readonly spacingMm: number,
    /** Body-frame z (mm) of the slice center. */
    public zMm: number,
  ) {
    this.hu = new Float32Array(width * height)
  }

  fill(value: number): void {
    this.hu.fill(value)
  }

  /** Fractional column of a body x (mm). */
  column(xMm: number): number {
    return (xMm - this.x0Mm) / this.spacingMm
  }

  /** Fractional row of a body y (mm). */
  row(yMm: number): number {
    return (yMm - this.y0Mm) / this.spacingMm
  }
}

/** An axial section of a structure: a filled, possibly rotated ellipse in body millimetres. */
export interface Ellipse2D {
  cx: number
  cy: number
  rx: number
  ry: number
  /** Rotation of the rx axis from +x towards +y, radians. */
  angle: number
  hu: number
  /** Paint only over pixels whose current value lies in [lo, hi] (e.g. inside lung). */
  over?: [number, number]
  /** Pixels with body y above this (more posterior) are left alone: the back lies flat on the table. */
  clipYMaxMm?: number
  /** Low-frequency texture added to `hu`, for organs that are not uniform. */
  texture?: { noise: PlaneNoise; amplitudeHu: number }
}

/**
 * Paints an ellipse with an anti-aliased edge about one pixel wide: for each row it solves for the
 * span the ellipse covers, fills the inner part directly and computes partial coverage only at the
 * rim, so large shapes (the body outline) cost little more than a memset.
 */
export function paintEllipse(canvas: SliceCanvas, shape: Ellipse2D): void {
  const s = canvas.spacingMm
  const cx = canvas.column(shape.cx)
  const cy = canvas.row(shape.cy)
  const rx = shape.rx / s
  const ry = shape.ry / s
  if (rx <= 0 || ry <= 0) return
  const cos = Math.cos(shape.angle)
  const sin = Math.sin(shape.angle)
  // Quadratic form Q(u, v) = A u² + 2B uv + C v² with Q = 1 on the ellipse.
  const A = (cos * cos) / (rx * rx) + (sin * sin) / (ry * ry)
  const B = cos * sin * (1 / (rx * rx) - 1 / (ry * ry))
  const C = (sin * sin) / (rx * rx) + (cos * cos) / (ry * ry)
  const reach = Math.max(rx, ry) + 1
  const jMin = Math.max(0, Math.ceil(cy - reach))
  let jMax = Math.min(canvas.height - 1, Math.floor(cy + reach))
  if (shape.clipYMaxMm !== undefined) {
    jMax = Math.min(jMax, Math.floor(canvas.row(shape.clipYMaxMm)))
  }
  const hu = canvas.hu
  const [lo, hi] = shape.over ?? [-Infinity, Infinity]
  const texture = shape.texture
  // Plain shapes (no condition, no texture) fill the inside of each row with one call.
  const plain = shape.over === undefined && texture === undefined
  // In q = √Q units one pixel is about 1/r: grow the span by it, and compute partial coverage only
  // for pixels within it of the rim.
  const grow = 1 + 1 / Math.min(rx, ry)
  const innerQ = Math.max(0, 1 - 1 / Math.min(rx, ry))
  const innerQ2 = innerQ * innerQ
  const paintPixel = (i: number, j: number, v: number, rowOffset: number): void => {
    const u = i - cx
    const q2 = A * u * u + 2 * B * u * v + C * v * v
    let coverage = 1
    if (q2 > innerQ2) {
      const q = Math.sqrt(q2)
      // Distance to the rim ≈ (q − 1) / |∇q|, in pixels.
      const gx = A * u + B * v
      const gy = B * u + C * v
      const gradient = Math.sqrt(gx * gx + gy * gy) / q
      coverage = 0.5 - (q - 1) / gradient
      if (coverage <= 0) return
      if (coverage > 1) coverage = 1
    }
    const n = rowOffset + i
    const current = hu[n]
    if (current < lo || current > hi) return
    const target = texture
      ? shape.hu + texture.amplitudeHu * texture.noise.at(canvas.x0Mm + i * s, canvas.y0Mm + j * s)
      : shape.hu
    hu[n] = current + (target - current) * coverage
  }
  for (let j = jMin; j <= jMax; j++) {
    const v = j - cy
    const [iMin, iMax] = span(A, B, C, cx, v, grow, canvas.width)
    if (iMin > iMax) continue
    const rowOffset = j * canvas.width
    const [fillMin, fillMax] = plain ? span(A, B, C, cx, v, innerQ, canvas.width) : [iMax + 1, iMax]
    if (fillMin > fillMax) {
      for (let i = iMin; i <= iMax; i++) paintPixel(i, j, v, rowOffset)
      continue
    }
    for (let i = iMin; i < fillMin; i++) paintPixel(i, j, v, rowOffset)
    hu.fill(shape.hu, rowOffset + fillMin, rowOffset + fillMax + 1)
    for (let i = fillMax + 1; i <= iMax; i++) paintPixel(i, j, v, rowOffset)
  }
}

/** Columns of row offset v (pixels from the center) where √Q ≤ q, clipped to the canvas. */
function span(
  A: number,
  B: number,
  C: number,
  cx: number,
  v: number,
  q: number,
  width: number,
): [number, number] {
  // A u² + 2B v u + (C v² − q²) ≤ 0
  const disc = B * B * v * v - A * (C * v * v - q * q)
  if (disc < 0) return [0, -1]
  const root = Math.sqrt(disc)
  return [
    Math.max(0, Math.ceil(cx + (-B * v - root) / A)),
    Math.min(width - 1, Math.floor(cx + (-B * v + root) / A)),
  ]
}

/** Fills a horizontal band of rows between body y limits and x limits (mm) — the CT table. */
export function paintBand(
  canvas: SliceCanvas,
  yTopMm: number,
  yBottomMm: number,
  xMinMm: number,
  xMaxMm: number,
  hu: number,
): void {
  const jMin = Math.max(0, Math.ceil(canvas.row(yTopMm)))
  const jMax = Math.min(canvas.height - 1, Math.floor(canvas.row(yBottomMm)))
  const iMin = Math.max(0, Math.ceil(canvas.column(xMinMm)))
  const iMax = Math.min(canvas.width - 1, Math.floor(canvas.column(xMaxMm)))
  for (let j = jMin; j <= jMax; j++) {
    canvas.hu.fill(hu, j * canvas.width + iMin, j * canvas.width + iMax + 1)
  }
}
