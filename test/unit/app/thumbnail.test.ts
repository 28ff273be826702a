// Lesion thumbnails must show the right place of the right slice at the right scale: a bright
// block in a dark volume with unequal row and column spacing appears centred, as wide and tall in
// millimetres as it is, only on its own slice, and the world outside the volume is black.
import { describe, expect, it } from 'vitest'
import type { VolumeVoxels } from '../../../electron/api/records'
import { thumbnailPixels } from '../../../renderer/src/viewer/thumbnail'
import { storedReversed } from './geometries'

const [NI, NJ, NK] = [40, 30, 3]

/** Air everywhere; on slice 1 a +1000 HU block over columns 18–22 and rows 13–17. */
function volume(): VolumeVoxels {
  const hu = new Int16Array(NI * NJ * NK).fill(-1000)
  for (let j = 13; j <= 17; j++) for (let i = 18; i <= 22; i++) hu[i + NI * (j + NJ * 1)] = 1000
  return {
    seriesInstanceUid: '1.2.3',
    hu,
    geometry: {
      dims: [NI, NJ, NK],
      spacingMm: [0.5, 1.0, 5],
      originLps: [0, 0, 0],
      rowDirection: [1, 0, 0],
      columnDirection: [0, 1, 0],
      sliceNormal: [0, 0, 1],
    },
  }
}

const request = {
  sliceIndex: 1,
  centrePx: [20, 15] as const,
  sideMm: 20,
  sizePx: 20,
  windowHu: 400,
  levelHu: 40,
}

/** Grey value of thumbnail pixel (x, y). */
const grey = (pixels: Uint8ClampedArray, x: number, y: number) => pixels[4 * (y * 20 + x)]

describe('thumbnailPixels', () => {
  it('centres the bookmark and keeps millimetres square', () => {
    const pixels = thumbnailPixels(volume(), request)
    expect(grey(pixels, 10, 10)).toBe(255)
    expect(grey(pixels, 0, 0)).toBe(0)
    // 1 mm per thumbnail pixel: the block is 5 columns × 0.5 mm = 2.5 mm wide, 5 rows × 1 mm tall.
    const row = Array.from({ length: 20 }, (_, x) => grey(pixels, x, 10)).filter((g) => g === 255)
    const column = Array.from({ length: 20 }, (_, y) => grey(pixels, 10, y)).filter(
      (g) => g === 255,
    )
    expect(row.length).toBeGreaterThanOrEqual(2)
    expect(row.length).toBeLessThanOrEqual(3)
    expect(column).toHaveLength(5)
  })

  it('reads only the key slice, and paints outside the volume black', () => {
    const other = thumbnailPixels(volume(), { ...request, sliceIndex: 0 })
    expect(grey(other, 10, 10)).toBe(0)
    // In a lung window air is grey, so black can only mean outside the volume.
    const lung = { ...request, windowHu: 1500, levelHu: -600 }
    const edge = thumbnailPixels(volume(), { ...lung, centrePx: [0, 0], sideMm: 40 })
    // The top-left quarter lies outside the volume: black, fully opaque.
    expect(Array.from(edge.subarray(0, 4))).toEqual([0, 0, 0, 255])
    expect(grey(edge, 15, 15)).toBeGreaterThan(0)
  })
})

describe('thumbnailPixels of a series scanned feet first or prone', () => {
  it.each([
    ['feet first', -1, 1, -1],
    ['prone', -1, -1, 1],
  ] as const)('shows the lesion %s as it shows it head first supine', (_, r, c, n) => {
    // An off-centre request, so that a mirrored thumbnail differs from the original, between
    // voxel centres, so that no thumbnail pixel is a tie between two voxels.
    const offCentre = { ...request, centrePx: [17.3, 12.2] as const }
    const expected = thumbnailPixels(volume(), offCentre)
    // The same region stored as another scan would store it: reversed along the flipped axes.
    const flipped = storedReversed(volume(), [r < 0, c < 0, n < 0])
    const at = (index: number, count: number, sign: number) =>
      sign === 1 ? index : count - 1 - index
    const shown = thumbnailPixels(flipped, {
      ...offCentre,
      sliceIndex: at(1, NK, n),
      centrePx: [at(17.3, NI, r), at(12.2, NJ, c)],
    })
    // The block lies right of and below the centre: a mirrored thumbnail would differ.
    expect(grey(expected, 11, 12)).toBe(255)
    expect(grey(expected, 7, 7)).toBe(0)
    expect(shown).toEqual(expected)
  })
})
