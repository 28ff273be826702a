/**
 * Lesions a reader measures in LesionTrack itself (a RECIST long and short axis drawn on a study
 * view, or the long axis alone): kept as decisions, and turned into bookmarks by this one function in the renderer (to
 * draw and list them) and in the service (to match, read and export them), so both agree.
 */
import { pixelToLps, type VolumeGeometry } from '../core/geometry/frames'
import type { Bookmark, LesionType, PixelXY } from '../core/model/types'

/** Ids of measured bookmarks start so, and no imported bookmark id does (UIDs are digits). */
export const MEASURED_ID_PREFIX = 'reader-'

/** A reader's RECIST measurement on one slice of a loaded series. */
export interface MeasureDecision {
  kind: 'measure'
  /** Id of the bookmark the measurement becomes ('reader-…'): decisions about it name it. */
  bookmarkId: string
  studyInstanceUid: string
  seriesInstanceUid: string
  /** Key slice k of the series. */
  sliceIndex: number
  /**
   * Long then short axis end points in the pixel frame of the key slice (x = column i, y = row j,
   * 0-based voxel centres): x1, y1, x2, y2 of the long axis, then of the short axis — or the long
   * axis' four alone, as RECIST 1.1 measures a lesion that is not a lymph node.
   */
  axesPx: number[]
  lesionType: LesionType
}

/**
 * What a measurement needs of its series: the grid, the slices' instance UIDs if known, and
 * where each slice came from ('' where the source has no image: nothing is measured there).
 */
export interface MeasuredSeries {
  studyInstanceUid: string
  geometry: VolumeGeometry
  sopInstanceUids?: readonly string[]
  sourceFiles?: readonly string[]
}

/** Why a measurement cannot be placed on its series, or undefined when it can. */
export function measurementProblem(
  decision: MeasureDecision,
  series: MeasuredSeries | undefined,
): string | undefined {
  if (!series) return `its series ${decision.seriesInstanceUid} is not loaded`
  if (series.studyInstanceUid !== decision.studyInstanceUid) {
    return `its series ${decision.seriesInstanceUid} is not of study ${decision.studyInstanceUid}`
  }
  const [columns, rows, slices] = series.geometry.dims
  if (decision.sliceIndex >= slices) {
    return `slice ${decision.sliceIndex + 1} is past the series' ${slices} slices`
  }
  if (series.sourceFiles?.[decision.sliceIndex] === '') {
    return `slice ${decision.sliceIndex + 1} has no image in the source: no imported file holds it`
  }
  const outside = decision.axesPx.some((v, n) => v < -0.5 || v > (n % 2 ? rows : columns) - 0.5)
  return outside ? `its axes leave the ${columns} × ${rows} image` : undefined
}

/** Length (mm) of a segment between two pixel points of one slice. */
function lengthMm(geometry: VolumeGeometry, [x1, y1]: PixelXY, [x2, y2]: PixelXY): number {
  const [si, sj] = geometry.spacingMm
  return Math.hypot((x2 - x1) * si, (y2 - y1) * sj)
}

/** A measurement's axes as drawn: the long axis, and the short one unless it was left out. */
export interface MeasuredAxes {
  longAxisPx: [PixelXY, PixelXY]
  shortAxisPx: [PixelXY, PixelXY] | null
}

/** The axes of `axesPx` (8 coordinates, or the long axis' 4 alone); see MeasureDecision. */
export function measuredAxes(axesPx: readonly number[]): MeasuredAxes {
  const [a, b, c, d, e, f, g, h] = axesPx
  return {
    longAxisPx: [
      [a, b],
      [c, d],
    ],
    shortAxisPx:
      axesPx.length === 8
        ? [
            [e, f],
            [g, h],
          ]
        : null,
  }
}

/** The coordinates a MeasureDecision stores for `axes`: the inverse of measuredAxes. */
export function axesPxOf(axes: MeasuredAxes): number[] {
  return [...axes.longAxisPx.flat(), ...(axes.shortAxisPx?.flat() ?? [])]
}

/**
 * The bookmark a placeable measurement becomes, labelled `label`: lengths from the pixel
 * spacing, centre (patient LPS, mm) at the long axis' midpoint as for imported bookmarks.
 */
export function measuredBookmark(
  decision: MeasureDecision,
  patientId: string,
  series: MeasuredSeries,
  label: string,
): Bookmark {
  const { longAxisPx, shortAxisPx } = measuredAxes(decision.axesPx)
  const [[a, b], [c, d]] = longAxisPx
  const { geometry } = series
  return {
    bookmarkId: decision.bookmarkId,
    patientId,
    studyInstanceUid: decision.studyInstanceUid,
    seriesInstanceUid: decision.seriesInstanceUid,
    sliceIndex: decision.sliceIndex,
    sopInstanceUid: series.sopInstanceUids?.[decision.sliceIndex] ?? '',
    longAxisPx,
    shortAxisPx,
    longAxisMm: lengthMm(geometry, ...longAxisPx),
    shortAxisMm: shortAxisPx && lengthMm(geometry, ...shortAxisPx),
    centerLps: pixelToLps(geometry, [(a + c) / 2, (b + d) / 2, decision.sliceIndex]),
    lesionType: decision.lesionType,
    label,
    source: 'reader',
    sourceFile: '',
  }
}

/** A measurement the service or renderer could not place, and why. */
export interface UnplacedMeasurement {
  bookmarkId: string
  problem: string
}

/**
 * The bookmarks of a patient's measurements, labelled 'Measured 1', 'Measured 2' … in decision
 * order; those that cannot be placed are listed with the reason.
 */
export function measuredBookmarks(
  decisions: readonly { kind: string }[],
  patientId: string,
  seriesOf: (seriesInstanceUid: string) => MeasuredSeries | undefined,
): { bookmarks: Bookmark[]; unplaced: UnplacedMeasurement[] } {
  const bookmarks: Bookmark[] = []
  const unplaced: UnplacedMeasurement[] = []
  for (const decision of decisions) {
    if (decision.kind !== 'measure') continue
    const measure = decision as MeasureDecision
    const series = seriesOf(measure.seriesInstanceUid)
    const problem = measurementProblem(measure, series)
    if (problem || !series) {
      unplaced.push({ bookmarkId: measure.bookmarkId, problem: problem ?? '' })
      continue
    }
    bookmarks.push(measuredBookmark(measure, patientId, series, `Measured ${bookmarks.length + 1}`))
  }
  return { bookmarks, unplaced }
}
