/**
 * Turns a RECIST measurement the reader drew on a study view into decisions: the measured lesion,
 * and, when the chosen track was not seen in that study, the confirmed link that makes the
 * measurement that track's (its bookmark in the nearest study, by study order).
 */
import {
  axesPxOf,
  MEASURED_ID_PREFIX,
  type MeasureDecision,
  type MeasuredAxes,
} from '../../../electron/api/measurements'
import { nearestInOrder } from '../../../electron/api/nearest-in-order'
import type { TrackDecision, TrackRecord } from '../../../electron/api/tracks'
import type { StudyView } from '../stores/viewer-store'

/** A drawn axis: its two end points in the pixel frame of a slice (x = i, y = j). */
export type Segment = [[number, number], [number, number]]

/** A new measured bookmark id, unlike any imported one. */
export function newMeasuredId(): string {
  return `${MEASURED_ID_PREFIX}${crypto.randomUUID()}`
}

/** The decisions one measurement on `view` of study `studyUid` makes; see the module comment. */
export function measurementDecisions(
  studyUid: string,
  view: StudyView,
  axes: MeasuredAxes,
  track: TrackRecord | null,
  studyOrder: (studyUid: string) => number,
  bookmarkId: string = newMeasuredId(),
): TrackDecision[] {
  const joins =
    track && !track.timepoints.some((p) => p.studyInstanceUid === studyUid) ? track : null
  const measure: MeasureDecision = {
    kind: 'measure',
    bookmarkId,
    studyInstanceUid: studyUid,
    seriesInstanceUid: view.seriesInstanceUid,
    sliceIndex: view.sliceIndex,
    axesPx: axesPxOf(axes),
    lesionType: joins?.lesionType ?? -1,
  }
  const nearest = joins
    ? nearestInOrder(joins.timepoints, (p) => studyOrder(p.studyInstanceUid), studyOrder(studyUid))
    : undefined
  if (!nearest) return [measure]
  return [measure, { kind: 'confirm-link', lesionIdA: nearest.bookmarkId, lesionIdB: bookmarkId }]
}
