/**
 * The labels that travel with a bookmark's patch: its study order and, when a truth file says so,
 * the true identity of the physical lesion and its normalized position in the body.
 */
import type { Vec3 } from '../geometry/frames'
import type { ImportResult } from '../import/result'
import type { Bookmark } from '../model/types'

export interface LabelledBookmark {
  bookmark: Bookmark
  /** 1-based order of the bookmark's study within its patient. */
  studyIndex: number
  /** The physical lesion, the same in every study (only known for synthetic data). */
  lesionId?: string
  /** Body position normalized to [0, 1] per axis; see the model card for the definition. */
  normalizedLocation?: Vec3
}

/** Every bookmark of an import with its study order; no identities. */
export function studyOrderLabels(
  result: Pick<ImportResult, 'studies' | 'bookmarks'>,
): LabelledBookmark[] {
  const studyIndex = new Map(result.studies.map((s) => [s.studyInstanceUid, s.studyIndex]))
  return result.bookmarks.map((bookmark) => ({
    bookmark,
    studyIndex: studyIndex.get(bookmark.studyInstanceUid) ?? 0,
  }))
}
