/**
 * Where a slice's pixels appear in a study view, computed independently of the app (the slice is
 * fitted whole and centred), and a screenshot of a view with the RECIST overlay on top.
 */
import assert from 'node:assert/strict'
import type { Locator } from 'playwright-core'
import type { TruthStudy } from '../../electron/core/synth/truth'
import { decodeScreenshot, type Rgba } from './pixels'

export interface ViewSize {
  width: number
  height: number
}

/**
 * Where pixel (x, y) of a slice appears in a viewport of the given size: the slice is fitted
 * whole (voxels edge to edge) and centred, columns to the right, rows downward.
 */
export function expectedViewPoint(study: TruthStudy, pixel: [number, number], size: ViewSize) {
  const [columns, rows] = study.matrix
  const spacing = study.pixelSpacingMm
  const scale = Math.min(size.width / (columns * spacing), size.height / (rows * spacing))
  return {
    x: size.width / 2 + (pixel[0] - (columns - 1) / 2) * spacing * scale,
    y: size.height / 2 + (pixel[1] - (rows - 1) / 2) * spacing * scale,
  }
}

/** The rectangle the whole slice must cover in the viewport (same fit as expectedViewPoint). */
export function expectedSliceRect(study: TruthStudy, size: ViewSize) {
  const [columns, rows] = study.matrix
  const topLeft = expectedViewPoint(study, [-0.5, -0.5], size)
  const bottomRight = expectedViewPoint(study, [columns - 0.5, rows - 0.5], size)
  return {
    x: topLeft.x,
    y: topLeft.y,
    width: bottomRight.x - topLeft.x,
    height: bottomRight.y - topLeft.y,
  }
}

export function midpoint([a, b]: [[number, number], [number, number]]): [number, number] {
  return [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2]
}

/** A screenshot of a study view's frame (canvas and RECIST overlay) and its viewport's size. */
export async function viewportImage(view: Locator): Promise<{ image: Rgba; size: ViewSize }> {
  const viewport = view.getByTestId('viewport')
  const box = await viewport.boundingBox()
  assert.ok(box, 'the viewport has a size')
  const png = await view.locator('.viewport-frame').screenshot()
  return { image: decodeScreenshot(png), size: { width: box.width, height: box.height } }
}
