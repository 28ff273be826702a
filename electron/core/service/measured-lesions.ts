/**
 * A patient's bookmarks with the reader's measurements added (as bookmarks, and as matcher
 * lesions, to which the session adds their embeddings), for re-matching, the response reading
 * and the export; measurements that cannot be placed come back as issues.
 */
import {
  measuredBookmarks,
  type MeasuredSeries,
  type UnplacedMeasurement,
} from '../../api/measurements'
import type { TrackDecision, TrackIssueRecord } from '../../api/tracks'
import type { ImportResult } from '../import/result'
import { lesionsFromBookmarks } from '../match/from-bookmarks'
import type { MatchLesion } from '../match/types'
import type { Bookmark } from '../model/types'

export interface MeasuredLesions {
  /** The measured bookmarks alone. */
  bookmarks: Bookmark[]
  /** Their matcher lesions, in the patient's study order. */
  lesions: MatchLesion[]
  unplaced: UnplacedMeasurement[]
  issues: TrackIssueRecord[]
}

/** The issue of a measurement the service cannot place. */
export function unplacedIssue({ bookmarkId, problem }: UnplacedMeasurement): TrackIssueRecord {
  return {
    code: 'unplaced-measurement',
    severity: 'warning',
    subject: bookmarkId,
    message: `a lesion you measured is left out: ${problem}`,
    hint: 'Open the folder that holds its study again; the measurement is kept and applies once the series is back.',
  }
}

/** The measurements among `decisions` of patient `patientId` in `result`. */
export function measuredLesions(
  result: Pick<ImportResult, 'studies' | 'series'>,
  patientId: string,
  decisions: readonly TrackDecision[],
): MeasuredLesions {
  const studies = result.studies.filter((s) => s.patientId === patientId)
  const studyUids = new Set(studies.map((s) => s.studyInstanceUid))
  const seriesOf = (uid: string): MeasuredSeries | undefined =>
    result.series.find((s) => s.seriesInstanceUid === uid && studyUids.has(s.studyInstanceUid))
  const { bookmarks, unplaced } = measuredBookmarks(decisions, patientId, seriesOf)
  return {
    bookmarks,
    lesions: lesionsFromBookmarks(bookmarks, studies),
    unplaced,
    issues: unplaced.map(unplacedIssue),
  }
}

/**
 * The measurements among `decisions` (a decisions file: several patients) as bookmarks of the
 * patients whose studies they name, in `result`; the others with the reason they are left out.
 */
export function measuredBookmarksOfImport(
  result: Pick<ImportResult, 'studies' | 'series'>,
  decisions: readonly TrackDecision[],
): { bookmarks: Bookmark[]; unplaced: UnplacedMeasurement[] } {
  const measures = decisions.filter((d) => d.kind === 'measure')
  const patientOf = new Map(result.studies.map((s) => [s.studyInstanceUid, s.patientId]))
  const unplaced: UnplacedMeasurement[] = measures
    .filter((m) => !patientOf.has(m.studyInstanceUid))
    .map((m) => ({
      bookmarkId: m.bookmarkId,
      problem: `its study ${m.studyInstanceUid} is not loaded`,
    }))
  const bookmarks: Bookmark[] = []
  for (const patientId of new Set(
    measures.flatMap((m) => patientOf.get(m.studyInstanceUid) ?? []),
  )) {
    const own = measures.filter((m) => patientOf.get(m.studyInstanceUid) === patientId)
    const measured = measuredLesions(result, patientId, own)
    bookmarks.push(...measured.bookmarks)
    unplaced.push(...measured.unplaced)
  }
  return { bookmarks, unplaced }
}
