/**
 * Names a bookmark the way an oncologist would say it ('Lesion 2 in study 3 (2024-06-01)'), for
 * the review buttons' labels and the list of decisions, from the current patient's records.
 */
import { LESION_TYPE_NAMES } from '../../../electron/api/lesion-types'
import type { TrackDecision } from '../../../electron/api/tracks'
import type { RecordsStore } from '../stores/records-store'
import type { TracksStore } from '../stores/tracks-store'

/** A function naming bookmarks of the current patient; unknown ids are named as such. */
export function bookmarkNamer(records: RecordsStore, tracks: TracksStore) {
  return function nameOf(bookmarkId: string): string {
    const bookmark = records.currentBookmarks().find((b) => b.bookmarkId === bookmarkId)
    const study = records
      .currentStudies()
      .find((s) => s.studyInstanceUid === bookmark?.studyInstanceUid)
    if (!bookmark || !study) return `bookmark ${bookmarkId} (not in the loaded studies)`
    const lesion = tracks.labelOfBookmark(bookmarkId) ?? `bookmark ${bookmark.label}`
    const date = study.studyDate ? ` (${study.studyDate})` : ''
    return `${lesion} in study ${study.studyIndex}${date}`
  }
}

/** A function naming studies of the current patient by index and date. */
export function studyNamer(records: RecordsStore) {
  return function studyName(studyUid: string): string {
    const study = records.currentStudies().find((s) => s.studyInstanceUid === studyUid)
    if (!study) return `study ${studyUid} (not loaded)`
    return `study ${study.studyIndex}${study.studyDate ? ` (${study.studyDate})` : ''}`
  }
}

/** A stored decision in words, with its bookmarks and studies named by `nameOf`, `studyName`. */
export function decisionWords(
  decision: TrackDecision,
  nameOf: (id: string) => string,
  studyName: (studyUid: string) => string,
): string {
  switch (decision.kind) {
    case 'confirm-link':
      return `Confirmed: ${nameOf(decision.lesionIdA)} and ${nameOf(decision.lesionIdB)} are the same lesion`
    case 'reject-link':
      return `Not the same lesion: ${nameOf(decision.lesionIdA)} and ${nameOf(decision.lesionIdB)}`
    case 'mark-new':
      return `New lesion: ${nameOf(decision.lesionId)}`
    case 'choose-baseline':
      return `Baseline: ${studyName(decision.studyInstanceUid)}`
    case 'mark-nontarget-progression':
      return `Non-target progression at ${studyName(decision.studyInstanceUid)}`
    case 'separate-timepoint':
      return `Own timepoint: ${studyName(decision.studyInstanceUid)}`
    case 'choose-target':
      return `Target: the lesion of ${nameOf(decision.lesionId)}`
    case 'drop-target':
      return `Not a target: the lesion of ${nameOf(decision.lesionId)}`
    case 'mark-node':
      return `Lymph node: the lesion of ${nameOf(decision.lesionId)}`
    case 'mark-gone':
      return `Gone at ${studyName(decision.studyInstanceUid)}: the lesion of ${nameOf(decision.lesionId)}`
    case 'measure':
      return `Measured: ${nameOf(decision.bookmarkId)}`
    case 'set-type':
      return `Type ${LESION_TYPE_NAMES[decision.lesionType]}: ${nameOf(decision.bookmarkId)}`
  }
}
