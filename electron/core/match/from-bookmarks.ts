/**
 * Adapter from the app's bookmarks (patient LPS, studies with dates) to the matcher's lesions,
 * so imported DICOM and DeepLesion data run through the same engine as the DLS benchmark.
 */
import type { Bookmark, Study } from '../model/types'
import type { MatchLesion } from './types'

/**
 * One MatchLesion per bookmark. `centerLps` is already in the scanner (patient LPS) frame of its
 * series; the study order comes from `studies` (studyIndex), and `embeddings` (by bookmark id)
 * are attached where present.
 */
export function lesionsFromBookmarks(
  bookmarks: readonly Bookmark[],
  studies: readonly Study[],
  embeddings: ReadonlyMap<string, Float32Array> = new Map(),
): MatchLesion[] {
  const orderOf = new Map(studies.map((s) => [s.studyInstanceUid, s.studyIndex]))
  return bookmarks.map((b) => ({
    lesionId: b.bookmarkId,
    patientId: b.patientId,
    studyId: b.studyInstanceUid,
    // A study missing from `studies` still gets an order, after all known ones.
    studyOrder: orderOf.get(b.studyInstanceUid) ?? Number.MAX_SAFE_INTEGER,
    seriesId: b.seriesInstanceUid,
    positionInScannerMm: [...b.centerLps],
    longAxisMm: b.longAxisMm,
    shortAxisMm: b.shortAxisMm,
    lesionType: b.lesionType,
    embedding: embeddings.get(b.bookmarkId),
  }))
}
