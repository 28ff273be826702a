/**
 * The reader's RECIST choices as decisions: each names its lesion by the track's first bookmark
 * (for a target, its baseline bookmark), so the choice follows the lesion through re-matching.
 */
import type { ResponseDecision, TrackRecord } from '../../../electron/api/tracks'
import type { StoredDecision } from '../db/database'

/** The bookmark a choice about `track` names. */
export function choiceBookmark(track: TrackRecord): string {
  return track.timepoints[0].bookmarkId
}

/** Stored decisions of `kind` that name a bookmark of `track`. */
export function storedChoices(
  track: TrackRecord,
  decisions: readonly StoredDecision[],
  kind: ResponseDecision['kind'],
): StoredDecision[] {
  const ids = new Set(track.timepoints.map((t) => t.bookmarkId))
  return decisions.filter(
    (d) => d.decision.kind === kind && 'lesionId' in d.decision && ids.has(d.decision.lesionId),
  )
}
