/**
 * Where a presentation state's DISPLAY coordinates lie on the image. A graphic in DISPLAY units is
 * placed by fractions of the displayed area — (0, 0) its top-left corner, (1, 1) its bottom-right
 * as seen on the screen, after the state's rotation and flip (PS3.3 C.10.5.1.1) — so reading it
 * back onto image pixels needs the displayed area that applies to that image (Displayed Area
 * Selection, PS3.3 C.10.4) and the spatial transformation (Image Rotation, then Image Horizontal
 * Flip, PS3.3 C.10.6). The result is in the frame of PIXEL units: (0, 0) the top-left corner of
 * the top-left pixel, x along columns, y along rows.
 */
import type { NaturalDataset } from 'dcmjs'
import type { PixelXY } from '../model/types'
import { items, type ContentItem } from '../sr/content-tree'
import { referencedFrames, type DrawnImage } from './image-references'

/**
 * The affine map from display fractions (u, v) to image pixel coordinates of one image:
 * pixel = corner + u · across + v · down.
 */
export interface DisplayedArea {
  corner: PixelXY
  /** The displayed area's width on screen, as a vector in image pixels. */
  across: PixelXY
  /** Its height on screen, as a vector in image pixels. */
  down: PixelXY
}

/**
 * The image directions (pixels) that point right and down on the screen after rotating the image
 * clockwise by `rotation` degrees: at 90° the image's first column ends up along the top, read
 * from its last row to its first (as dcmp2pgm renders a state).
 */
const SCREEN_DIRECTIONS: Record<number, [PixelXY, PixelXY]> = {
  0: [
    [1, 0],
    [0, 1],
  ],
  90: [
    [0, -1],
    [1, 0],
  ],
  180: [
    [-1, 0],
    [0, -1],
  ],
  270: [
    [0, 1],
    [-1, 0],
  ],
}

function numberPair(value: unknown): [number, number] | undefined {
  const values = items(value).map(Number)
  return values.length === 2 && values.every(Number.isFinite) ? [values[0], values[1]] : undefined
}

/** Does a Displayed Area Selection item apply to `image`? Without references: every image. */
function appliesTo(selection: ContentItem, image: DrawnImage): boolean {
  const references = items(selection.ReferencedImageSequence)
  if (references.length === 0) return true
  return references.some((reference) => {
    if (String(reference.ReferencedSOPInstanceUID ?? '') !== image.sopInstanceUid) return false
    const frames = referencedFrames(reference)
    return frames.length === 0 || image.frameNumber === null || frames.includes(image.frameNumber)
  })
}

/**
 * The displayed area of `image` in the state, or undefined when no selection applies to it, its
 * corners are missing, or the rotation is not one of 0, 90, 180, 270 degrees.
 */
export function displayedAreaOf(
  dataset: NaturalDataset,
  image: DrawnImage,
): DisplayedArea | undefined {
  const selection = items(dataset.DisplayedAreaSelectionSequence).find((s) => appliesTo(s, image))
  const topLeft = selection && numberPair(selection.DisplayedAreaTopLeftHandCorner)
  const bottomRight = selection && numberPair(selection.DisplayedAreaBottomRightHandCorner)
  const directions = SCREEN_DIRECTIONS[Number(dataset.ImageRotation ?? 0)]
  if (!topLeft || !bottomRight || !directions) return undefined
  const flipped = String(dataset.ImageHorizontalFlip ?? 'N').trim() === 'Y'
  const right: PixelXY = flipped ? [-directions[0][0], -directions[0][1]] : directions[0]
  const downward = directions[1]
  // The corners name pixels (1-based column\row), so the area runs from the outer edge of one to
  // the outer edge of the other; taking the box they span also reads a state that names its
  // corners before the rotation rather than after it.
  const left = Math.min(topLeft[0], bottomRight[0]) - 1
  const top = Math.min(topLeft[1], bottomRight[1]) - 1
  const width = Math.max(topLeft[0], bottomRight[0]) - left
  const height = Math.max(topLeft[1], bottomRight[1]) - top
  const extentAlong = (d: PixelXY) => Math.abs(d[0]) * width + Math.abs(d[1]) * height
  const across: PixelXY = [right[0] * extentAlong(right), right[1] * extentAlong(right)]
  const down: PixelXY = [downward[0] * extentAlong(downward), downward[1] * extentAlong(downward)]
  const centre: PixelXY = [left + width / 2, top + height / 2]
  return {
    corner: [centre[0] - (across[0] + down[0]) / 2, centre[1] - (across[1] + down[1]) / 2],
    across,
    down,
  }
}

/** The image pixel coordinates (PIXEL units) of the display fractions (u, v). */
export function displayToPixel(area: DisplayedArea, u: number, v: number): PixelXY {
  return [
    area.corner[0] + u * area.across[0] + v * area.down[0],
    area.corner[1] + u * area.across[1] + v * area.down[1],
  ]
}
