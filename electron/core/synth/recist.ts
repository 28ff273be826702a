/**
 * RECIST measurement of a lesion's cross-section on one slice, as a reader does it: the long axis
 * is the longest diameter (edge to edge), the short axis the longest diameter perpendicular to it
 * that crosses it. Pixel coordinates are 0-based pixel centers (x = column, y = row).
 */
import type { PixelXY } from '../model/types'

export interface RecistAxes {
  longAxisPx: [PixelXY, PixelXY]
  shortAxisPx: [PixelXY, PixelXY]
}

/** Pixels (column, row) of a lesion's cross-section. */
export type PixelSet = PixelXY[]

function convexHull(points: PixelXY[]): PixelXY[] {
  const sorted = [...points].sort((a, b) => a[0] - b[0] || a[1] - b[1])
  const cross = (o: PixelXY, a: PixelXY, b: PixelXY) =>
    (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])
  const build = (list: PixelXY[]) => {
    const hull: PixelXY[] = []
    for (const p of list) {
      while (hull.length >= 2 && cross(hull[hull.length - 2], hull[hull.length - 1], p) <= 0)
        hull.pop()
      hull.push(p)
    }
    hull.pop()
    return hull
  }
  return [...build(sorted), ...build([...sorted].reverse())]
}

/**
 * Long and short axis of a pixel set, or undefined when it is empty. The axes reach the outer
 * edges of the end pixels (half a pixel beyond their centers), as a caliper placed on the image.
 */
export function measureRecist(pixels: PixelSet): RecistAxes | undefined {
  if (pixels.length === 0) return undefined
  const hull = pixels.length < 3 ? pixels : convexHull(pixels)
  let best: [PixelXY, PixelXY] = [pixels[0], pixels[0]]
  let bestLength = 0
  for (let m = 0; m < hull.length; m++) {
    for (let n = m + 1; n < hull.length; n++) {
      const length = Math.hypot(hull[m][0] - hull[n][0], hull[m][1] - hull[n][1])
      if (length > bestLength) {
        bestLength = length
        best = [hull[m], hull[n]]
      }
    }
  }
  const [p1, p2] = best
  // A single pixel or column has no direction of its own: measure it along x.
  const along: PixelXY =
    bestLength > 0 ? [(p2[0] - p1[0]) / bestLength, (p2[1] - p1[1]) / bestLength] : [1, 0]
  const across: PixelXY = [-along[1], along[0]]
  // Longest chord perpendicular to the long axis, in 1-pixel bins along it, that crosses it.
  const bins = new Map<number, [number, number]>()
  for (const p of pixels) {
    const dx = p[0] - p1[0]
    const dy = p[1] - p1[1]
    const t = Math.round(dx * along[0] + dy * along[1])
    const s = dx * across[0] + dy * across[1]
    const range = bins.get(t)
    if (range) {
      range[0] = Math.min(range[0], s)
      range[1] = Math.max(range[1], s)
    } else bins.set(t, [s, s])
  }
  let chordT = 0
  let chord: [number, number] = [0, 0]
  for (const [t, range] of bins) {
    if (range[0] > 0.5 || range[1] < -0.5) continue
    if (range[1] - range[0] > chord[1] - chord[0]) {
      chord = range
      chordT = t
    }
  }
  const at = (t: number, s: number): PixelXY => [
    p1[0] + t * along[0] + s * across[0],
    p1[1] + t * along[1] + s * across[1],
  ]
  return {
    longAxisPx: [at(-0.5, 0), at(bestLength + 0.5, 0)],
    shortAxisPx: [at(chordT, chord[0] - 0.5), at(chordT, chord[1] + 0.5)],
  }
}

/** Length of an axis in pixels. */
export function axisLengthPx(axis: [PixelXY, PixelXY]): number {
  return Math.hypot(axis[1][0] - axis[0][0], axis[1][1] - axis[0][1])
}
