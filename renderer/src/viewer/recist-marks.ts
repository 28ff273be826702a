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
