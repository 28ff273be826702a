/**
 * Where a slice's pixels appear in a study view, computed independently of the app (the slice is
 * fitted whole and centred, or magnified about a chosen pixel), and a screenshot of a view with
 * the RECIST overlay on top.
 */
import assert from 'node:assert/strict'
import type { Locator } from 'playwright-core'
import type { TruthStudy } from '../../electron/core/synth/truth'
import { decodeScreenshot, type Rgba } from './pixels'

export interface ViewSize {
  width: number
  height: number
}

/** Pixels of a mark's colour it must have within MARK_RADIUS_PX of an axis midpoint. */
export const MIN_MARK_PIXELS = 4
export const MARK_RADIUS_PX = 6

/** A view zoomed `zoom` times over the fit with slice pixel `centrePx` (x, y) at its centre. */
export interface ViewZoom {
  centrePx: [number, number]
  zoom: number
}

/**
 * Where pixel (x, y) of a slice appears in a viewport of the given size: the slice is fitted
 * whole (voxels edge to edge) and centred, columns to the right, rows downward; or, zoomed, that
 * fit magnified about the zoom's centre pixel, which sits at the viewport centre.
 */
export function expectedViewPoint(
  study: TruthStudy,
  pixel: [number, number],
  size: ViewSize,
  zoomed?: ViewZoom,
) {
  const [columns, rows] = study.matrix
  const spacing = study.pixelSpacingMm
  const fit = Math.min(size.width / (columns * spacing), size.height / (rows * spacing))
  const scale = fit * (zoomed?.zoom ?? 1)
  const [cx, cy] = zoomed?.centrePx ?? [(columns - 1) / 2, (rows - 1) / 2]
  return {
    x: size.width / 2 + (pixel[0] - cx) * spacing * scale,
    y: size.height / 2 + (pixel[1] - cy) * spacing * scale,
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
