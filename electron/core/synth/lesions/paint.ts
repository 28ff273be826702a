/**
 * Paints a lesion into slices with partial volume: the slice slab is sampled at several depths
 * and the in-plane edge is anti-aliased, so a small nodule in a 5 mm slice looks faint as on CT.
 * The same coverage decides which pixels a reader would measure.
 */
import type { SliceCanvas } from '../raster/canvas'
import type { SlicePainter } from '../raster/render'
import { lesionHuAt, lesionReachMm, shapeAt, type LesionAtStudy } from './lesion'

/** Depth samples per slab: about one per 1.25 mm of slice thickness. */
function depthSamples(slabMm: [number, number]): number[] {
  const thickness = slabMm[1] - slabMm[0]
  const count = Math.max(1, Math.round(thickness / 1.25))
  return Array.from({ length: count }, (_, m) => slabMm[0] + ((m + 0.5) / count) * thickness)
}

export interface PixelCoverage {
  /** Fraction of the pixel's volume inside the lesion, 0…1. */
  coverage: number
  /** Mean HU of the lesion tissue within the pixel (meaningful when coverage > 0). */
  hu: number
}

/** Lesion coverage and tissue HU of one pixel (body-frame center x, y; slab = its z extent). */
export function pixelCoverage(
  at: LesionAtStudy,
  xMm: number,
  yMm: number,
  depthsMm: number[],
  pixelMm: number,
): PixelCoverage {
  let covered = 0
  let huSum = 0
  for (const z of depthsMm) {
    const shape = shapeAt(at, xMm, yMm, z)
    let c = 0.5 - shape.distanceMm / pixelMm
    if (c <= 0) continue
    if (c > 1) c = 1
    covered += c
    huSum += c * lesionHuAt(at, Math.min(1, shape.ratio), xMm, yMm, z)
  }
  return { coverage: covered / depthsMm.length, hu: covered > 0 ? huSum / covered : 0 }
}

/** Calls `visit` for every pixel of the canvas grid the lesion may touch in this slab. */
export function forEachLesionPixel(
  canvas: Pick<SliceCanvas, 'width' | 'height' | 'x0Mm' | 'y0Mm' | 'spacingMm'>,
  at: LesionAtStudy,
  slabMm: [number, number],
  visit: (i: number, j: number, pixel: PixelCoverage) => void,
): void {
  const reach = lesionReachMm(at).inPlane + canvas.spacingMm
  const s = canvas.spacingMm
  const [cx, cy] = at.centerBodyMm
  const iMin = Math.max(0, Math.floor((cx - reach - canvas.x0Mm) / s))
  const iMax = Math.min(canvas.width - 1, Math.ceil((cx + reach - canvas.x0Mm) / s))
  const jMin = Math.max(0, Math.floor((cy - reach - canvas.y0Mm) / s))
  const jMax = Math.min(canvas.height - 1, Math.ceil((cy + reach - canvas.y0Mm) / s))
  const depths = depthSamples(slabMm)
  for (let j = jMin; j <= jMax; j++) {
    const y = canvas.y0Mm + j * s
    for (let i = iMin; i <= iMax; i++) {
      const pixel = pixelCoverage(at, canvas.x0Mm + i * s, y, depths, s)
      if (pixel.coverage > 0) visit(i, j, pixel)
    }
  }
}

/** A painter for the renderer: blends the lesion over whatever anatomy lies beneath it. */
export function lesionPainter(at: LesionAtStudy): SlicePainter {
  const reachZ = lesionReachMm(at).z
  return {
    zLowMm: at.centerBodyMm[2] - reachZ,
    zHighMm: at.centerBodyMm[2] + reachZ,
    paint(canvas, slabMm) {
      forEachLesionPixel(canvas, at, slabMm, (i, j, pixel) => {
        const n = j * canvas.width + i
        canvas.hu[n] += (pixel.hu - canvas.hu[n]) * pixel.coverage
      })
    },
  }
}
