/**
 * Zoom and pan of a slice view as a focus: the patient LPS point (mm) at the view centre and a
 * magnification over the whole-slice fit. Kept in LPS so it survives scrolling to other slices.
 */
import { dot, type Vec3, type VolumeGeometry } from '../../../electron/api/geometry'
import { displayAxes } from './display-axes'
import { fitParallelScaleMm, sliceCentreLps } from './slice-geometry'

export interface ViewFocus {
  /** Patient LPS point (mm) shown at the view centre, projected onto whichever slice is shown. */
  centreLps: Vec3
  /** Magnification over the fit of the whole slice (1 = the whole slice fits the view). */
  zoom: number
}

export const MIN_ZOOM = 1
export const MAX_ZOOM = 16

/**
 * A chosen lesion is shown with about this many long axes of context across the slice's extent,
 * and never with less than this field (mm): enough anatomy to recognise where it is.
 */
const LESION_FIELD_LONG_AXES = 8
const LESION_FIELD_MIN_MM = 100

function clampZoom(zoom: number): number {
  return Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, zoom))
}

/** The larger in-plane extent (mm) of a slice, voxels edge to edge: what the fit shows. */
function sliceExtentMm(geometry: VolumeGeometry): number {
  return Math.max(
    geometry.dims[0] * geometry.spacingMm[0],
    geometry.dims[1] * geometry.spacingMm[1],
  )
}

/**
 * A focus centred on a lesion (its RECIST centre, LPS mm), zoomed to show a lesion of
 * `longAxisMm` with context. The field is in mm, so series of different pixel spacing given one
 * long axis are shown at one scale.
 */
export function lesionFocus(
  geometry: VolumeGeometry,
  centreLps: Vec3,
  longAxisMm: number,
): ViewFocus {
  const fieldMm = Math.max(LESION_FIELD_MIN_MM, LESION_FIELD_LONG_AXES * longAxisMm)
  return { centreLps: [...centreLps], zoom: clampZoom(sliceExtentMm(geometry) / fieldMm) }
}

/**
 * The point (LPS mm) the camera looks at on slice k: the focus centre moved along the slice
 * normal onto the slice, or the slice centre without a focus.
 */
export function focalPointLps(
  geometry: VolumeGeometry,
  sliceIndex: number,
  focus: ViewFocus | undefined,
): Vec3 {
  const sliceCentre = sliceCentreLps(geometry, sliceIndex)
  if (!focus) return sliceCentre
  const n = geometry.sliceNormal
  const offNormal = dot([0, 1, 2].map((d) => focus.centreLps[d] - sliceCentre[d]) as Vec3, n)
  return [0, 1, 2].map((d) => focus.centreLps[d] - offNormal * n[d]) as Vec3
}

/** Half the view height in mm (vtk's parallel scale) for a view of the given CSS size. */
export function parallelScaleMm(
  geometry: VolumeGeometry,
  focus: ViewFocus | undefined,
  widthPx: number,
  heightPx: number,
): number {
  return fitParallelScaleMm(geometry, widthPx / Math.max(1, heightPx)) / (focus?.zoom ?? 1)
}

/** Millimetres per CSS pixel of a view of the given size at the focus' zoom. */
export function mmPerViewPixel(
  geometry: VolumeGeometry,
  focus: ViewFocus | undefined,
  size: { width: number; height: number },
): number {
  return (2 * parallelScaleMm(geometry, focus, size.width, size.height)) / size.height
}

/**
 * The patient LPS point (mm) on slice k under a point of the view, given in CSS pixels from its
 * top-left corner (screen right and down as displayAxes lays the slice).
 */
export function lpsAtViewPoint(
  geometry: VolumeGeometry,
  sliceIndex: number,
  focus: ViewFocus | undefined,
  size: { width: number; height: number },
  [x, y]: [number, number],
): Vec3 {
  const mmPerPx = mmPerViewPixel(geometry, focus, size)
  const right = (x - size.width / 2) * mmPerPx
  const down = (y - size.height / 2) * mmPerPx
  const focal = focalPointLps(geometry, sliceIndex, focus)
  const { right: r, down: c } = displayAxes(geometry)
  return [0, 1, 2].map((d) => focal[d] + right * r.lps[d] + down * c.lps[d]) as Vec3
}

/**
 * The focus after zooming by `factor` about `anchorLps` (the point under the cursor, which stays
 * where it is on screen); null when the result is the plain fit.
 */
export function zoomedFocus(
  geometry: VolumeGeometry,
  sliceIndex: number,
  focus: ViewFocus | undefined,
  factor: number,
  anchorLps: Vec3 = focalPointLps(geometry, sliceIndex, focus),
): ViewFocus | null {
  const zoom = focus?.zoom ?? 1
  const next = clampZoom(zoom * factor)
  if (next === MIN_ZOOM) return null
  const centre = focalPointLps(geometry, sliceIndex, focus)
  const keep = zoom / next
  return {
    centreLps: [0, 1, 2].map((d) => anchorLps[d] + (centre[d] - anchorLps[d]) * keep) as Vec3,
    zoom: next,
  }
}

/**
 * The focus after dragging the image by (right, down) mm on screen: the image follows the
 * pointer, so the centre moves the other way (screen directions as displayAxes lays the slice).
 */
export function pannedFocus(
  geometry: VolumeGeometry,
  sliceIndex: number,
  focus: ViewFocus | undefined,
  rightMm: number,
  downMm: number,
): ViewFocus {
  const centre = focalPointLps(geometry, sliceIndex, focus)
  const { right, down } = displayAxes(geometry)
  return {
    centreLps: [0, 1, 2].map(
      (d) => centre[d] - rightMm * right.lps[d] - downMm * down.lps[d],
    ) as Vec3,
    zoom: focus?.zoom ?? 1,
  }
}
