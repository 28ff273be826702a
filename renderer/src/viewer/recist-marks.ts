/**
 * The RECIST marks a study view draws: the bookmarks of the series and slice on screen, each as
 * long and short axis segments in patient LPS, the selected one flagged for emphasis.
 */
import type { VolumeGeometry } from '../../../electron/api/geometry'
import type { Bookmark } from '../../../electron/api/records'
import { recistAxesLps, type RecistAxesLps } from './slice-geometry'

export interface RecistMark {
  bookmarkId: string
  label: string
  selected: boolean
  axesLps: RecistAxesLps
}

/** A segment in view pixels (SVG line attributes). */
export interface ViewLine {
  x1: number
  y1: number
  x2: number
  y2: number
}

/** A mark as the overlay draws it: its axes in view pixels, its track's colour, its handles. */
export interface MarkInView extends RecistMark {
  long: ViewLine
  /** Null when only the long axis was measured. */
  short: ViewLine | null
  /** The track's colour; null before tracks are loaded (default RECIST colours). */
  colour: string | null
  /** Measured in the app: its axis ends are handles that measure it again. */
  measured: boolean
  /** Long axis ends, then short axis ends (when measured), in view pixels. */
  ends: [number, number][]
}

/** Marks for the bookmarks lying on slice k of the given series. */
export function recistMarksOnSlice(
  bookmarks: readonly Bookmark[],
  seriesInstanceUid: string,
  sliceIndex: number,
  geometry: VolumeGeometry,
  selectedBookmarkId: string | null,
): RecistMark[] {
  return bookmarks
    .filter((b) => b.seriesInstanceUid === seriesInstanceUid && b.sliceIndex === sliceIndex)
    .map((b) => ({
      bookmarkId: b.bookmarkId,
      label: b.label,
      selected: b.bookmarkId === selectedBookmarkId,
      axesLps: recistAxesLps(b, geometry),
    }))
}
