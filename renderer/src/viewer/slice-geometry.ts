/**
 * Pure geometry of a slice view: where a slice lies along the normal, which way is "down" for
 * the patient, how to fit an image in a viewport, and RECIST axes in patient LPS.
 */
import { dot, pixelToLps, type Vec3, type VolumeGeometry } from '../../../electron/api/geometry'
import type { Bookmark } from '../../../electron/api/records'
import { displayAxes } from './display-axes'

/**
 * Position (mm) of slice k along its normal, signed so that superior is positive: for axial
 * slices this is the patient LPS z whichever way the series is stored, comparable across studies.
 */
export function slicePositionMm(geometry: VolumeGeometry, sliceIndex: number): number {
  const alongNormal = dot(pixelToLps(geometry, [0, 0, sliceIndex]), geometry.sliceNormal)
  return geometry.sliceNormal[2] < 0 ? -alongNormal : alongNormal
}

/**
 * The slice step (+1 or −1) that moves toward the patient's feet: scrolling down goes inferior
 * whatever order the series' slices are stored in. LPS +z is superior.
 */
export function inferiorStep(geometry: VolumeGeometry): 1 | -1 {
  return geometry.sliceNormal[2] > 0 ? -1 : 1
}

/** Centre (LPS) of slice k: the point the camera looks at. */
export function sliceCentreLps(geometry: VolumeGeometry, sliceIndex: number): Vec3 {
  const [ni, nj] = geometry.dims
  return pixelToLps(geometry, [(ni - 1) / 2, (nj - 1) / 2, sliceIndex])
}

/**
 * Half the viewport height in mm (vtk's parallel scale) so the whole slice, voxels edge to edge,
 * fits a viewport of the given width / height ratio, laid on screen as displayAxes says.
 */
export function fitParallelScaleMm(geometry: VolumeGeometry, aspect: number): number {
  const { right, down } = displayAxes(geometry)
  const widthMm = geometry.dims[right.axis] * geometry.spacingMm[right.axis]
  const heightMm = geometry.dims[down.axis] * geometry.spacingMm[down.axis]
  return Math.max(heightMm / 2, widthMm / (2 * aspect))
}

export interface RecistAxesLps {
  long: [Vec3, Vec3]
  /** Null when only the long axis was measured. */
  short: [Vec3, Vec3] | null
}

/** A bookmark's long and short axes in patient LPS, on its key slice of geometry's series. */
export function recistAxesLps(bookmark: Bookmark, geometry: VolumeGeometry): RecistAxesLps {
  const toLps = ([x, y]: [number, number]): Vec3 =>
    pixelToLps(geometry, [x, y, bookmark.sliceIndex])
  return {
    long: [toLps(bookmark.longAxisPx[0]), toLps(bookmark.longAxisPx[1])],
    short: bookmark.shortAxisPx && [toLps(bookmark.shortAxisPx[0]), toLps(bookmark.shortAxisPx[1])],
  }
}
