/**
 * A lesion thumbnail: the square of the key slice around a bookmark, in a display window, as RGBA
 * pixels, oriented as the study views show the slice. Square in millimetres (pixel spacing may
 * differ along rows and columns), nearest voxel.
 */
import type { VolumeVoxels } from '../../../electron/api/records'
import { displayAxes, type ScreenAxis } from './display-axes'

export interface ThumbnailRequest {
  /** Key slice k and the bookmark centre on it (pixel x = column i, y = row j). */
  sliceIndex: number
  centrePx: readonly [number, number]
  /** Side of the square shown, in mm. */
  sideMm: number
  /** Side of the thumbnail in screen pixels. */
  sizePx: number
  windowHu: number
  levelHu: number
}

/** The thumbnail's RGBA pixels (grey; black outside the volume). */
export function thumbnailPixels(
  volume: VolumeVoxels,
  request: ThumbnailRequest,
): Uint8ClampedArray<ArrayBuffer> {
  const [ni, nj, nk] = volume.geometry.dims
  const { right, down } = displayAxes(volume.geometry)
  // Pixels (i, j) per mm of a step right and of a step down the thumbnail: laid like the view.
  const pixelsPerMm = (axis: ScreenAxis) =>
    [0, 1].map((a) => (a === axis.axis ? axis.sign / volume.geometry.spacingMm[a] : 0))
  const rightStep = pixelsPerMm(right)
  const downStep = pixelsPerMm(down)
  const { sizePx, sideMm, windowHu, levelHu } = request
  const out = new Uint8ClampedArray(sizePx * sizePx * 4)
  const k = Math.round(request.sliceIndex)
  const low = levelHu - windowHu / 2
  for (let y = 0; y < sizePx; y++) {
    for (let x = 0; x < sizePx; x++) {
      // Screen pixel centre → mm from the bookmark centre → voxel.
      const dxMm = ((x + 0.5) / sizePx - 0.5) * sideMm
      const dyMm = ((y + 0.5) / sizePx - 0.5) * sideMm
      const i = Math.round(request.centrePx[0] + dxMm * rightStep[0] + dyMm * downStep[0])
      const j = Math.round(request.centrePx[1] + dxMm * rightStep[1] + dyMm * downStep[1])
      const o = 4 * (y * sizePx + x)
      out[o + 3] = 255
      if (i < 0 || j < 0 || i >= ni || j >= nj || k < 0 || k >= nk) continue
      const hu = volume.hu[i + ni * (j + nj * k)]
      const grey = (255 * (hu - low)) / windowHu
      out[o] = out[o + 1] = out[o + 2] = grey
    }
  }
  return out
}
