/**
 * Puts axes a report gives in patient coordinates (SCOORD3D: LPS mm in a frame of reference) on
 * the imported slice they were drawn on, so that they become bookmarks like axes drawn on an image
 * (SCOORD): the slice of a series of that frame of reference whose plane holds both ends.
 */
import { lpsToPixel } from '../geometry/frames'
import type { Series } from '../model/types'
import {
  isImageAxis,
  type ImageAxis,
  type SrAxis,
  type SrMeasurement,
  type WorldAxis,
} from '../sr/measurement-report'

/**
 * Ends may lie this share of the slice spacing off a slice plane and still be on it: a viewer
 * writes points on the plane it shows (off by rounding only), and a quarter slice is never
 * nearer another slice.
 */
const ON_PLANE_SHARE = 0.25

/** An axis on one slice of one series, and how far (mm) its ends lie off the slice plane. */
interface Placement {
  axis: ImageAxis
  offPlaneMm: number
}

function placeOn(axis: WorldAxis, series: Series): Placement | undefined {
  const { geometry } = series
  const [first, second] = axis.pointsLps.map((point) => lpsToPixel(geometry, point))
  const k = Math.round(first[2])
  if (k !== Math.round(second[2]) || k < 0 || k >= geometry.dims[2]) return undefined
  const spacingK = geometry.spacingMm[2]
  const offPlaneMm = Math.max(Math.abs(first[2] - k), Math.abs(second[2] - k)) * spacingK
  const sopInstanceUid = series.sopInstanceUids[k]
  if (offPlaneMm > ON_PLANE_SHARE * spacingK || !sopInstanceUid) return undefined
  return {
    axis: {
      lengthMm: axis.lengthMm,
      pointsPx: [
        [first[0], first[1]],
        [second[0], second[1]],
      ],
      referencedSopInstanceUid: sopInstanceUid,
      referencedFrameNumber: series.frameNumbers?.[k] || null,
    },
    offPlaneMm,
  }
}

/**
 * The axis on an image: as it is when drawn on one, else on the slice nearest its ends among the
 * series of its frame of reference (of `studyUid` when the report names none); undefined when no
 * slice holds both ends.
 */
function onImage(axis: SrAxis, series: readonly Series[], studyUid: string): ImageAxis | undefined {
  if (isImageAxis(axis)) return axis
  const candidates = series.filter((s) =>
    axis.frameOfReferenceUid
      ? s.frameOfReferenceUid === axis.frameOfReferenceUid
      : s.studyInstanceUid === studyUid,
  )
  let best: Placement | undefined
  for (const s of candidates) {
    const placed = placeOn(axis, s)
    if (placed && (!best || placed.offPlaneMm < best.offPlaneMm)) best = placed
  }
  return best?.axis
}

/** Why an axis given in 3D coordinates cannot be a bookmark's: it lies on no imported slice. */
function offSlice(name: string, axis: SrAxis, studyUid: string): string {
  const frame =
    !isImageAxis(axis) && axis.frameOfReferenceUid
      ? `of frame of reference ${axis.frameOfReferenceUid}`
      : `of study ${studyUid}`
  return `its ${name}, given in patient coordinates (SCOORD3D), lies on no slice of an imported series ${frame}; the bookmark is skipped`
}

/**
 * The measurement with its axes on images, or why it cannot be: the words name the axis given
 * in 3D coordinates that lies on no imported slice.
 */
export function measurementOnImages(
  measurement: SrMeasurement,
  series: readonly Series[],
  studyUid: string,
): SrMeasurement<ImageAxis> | string {
  const longAxis = onImage(measurement.longAxis, series, studyUid)
  if (!longAxis) return offSlice('long axis', measurement.longAxis, studyUid)
  if (measurement.shortAxis === null) return { ...measurement, longAxis, shortAxis: null }
  const shortAxis = onImage(measurement.shortAxis, series, studyUid)
  if (!shortAxis) return offSlice('short axis', measurement.shortAxis, studyUid)
  return { ...measurement, longAxis, shortAxis }
}
