/**
 * Embeddings of the lesions a reader measures in the app, by the model the import ran: each
 * measurement embedded once (measuring again by a handle is another measurement), from the
 * volume the study view already holds, so that a measured lesion is matched like an imported one.
 */
import type { TrackIssueRecord } from '../../api/tracks'
import { embedBookmarks } from '../embed/embed-bookmarks'
import type { EmbeddingRunner } from '../embed/embedding-runner'
import type { Bookmark } from '../model/types'
import type { PatchVolume } from '../patch/extract'

/** Opens the embedder the import ran; null when there is none. */
export type OpenEmbedder = () => Promise<EmbeddingRunner | null>

/** One measurement of a measured bookmark: its series, slice and both axes. */
function measurementKey(b: Bookmark): string {
  const axes = [...b.longAxisPx, ...b.shortAxisPx].flat().join(',')
  return `${b.bookmarkId}|${b.seriesInstanceUid}|${b.sliceIndex}|${axes}`
}

export class MeasuredEmbeddings {
  private readonly vectors = new Map<string, Float32Array>()
  private embedder: Promise<EmbeddingRunner | null> | undefined

  /** Without `openEmbedder` no measurement is embedded (they are matched on geometry alone). */
  constructor(private readonly openEmbedder?: OpenEmbedder) {}

  /**
   * The embeddings of `bookmarks` by bookmark id, reading volumes with `volume`. One that cannot
   * be embedded is left out, with an issue: it is matched on position, size and type alone.
   */
  async of(
    bookmarks: readonly Bookmark[],
    volume: (seriesInstanceUid: string) => Promise<PatchVolume>,
  ): Promise<{ vectors: Map<string, Float32Array>; issues: TrackIssueRecord[] }> {
    const vectors = new Map<string, Float32Array>()
    const todo: Bookmark[] = []
    for (const bookmark of bookmarks) {
      const known = this.vectors.get(measurementKey(bookmark))
      if (known) vectors.set(bookmark.bookmarkId, known)
      else todo.push(bookmark)
    }
    if (todo.length === 0 || !this.openEmbedder) return { vectors, issues: [] }
    try {
      this.embedder ??= this.openEmbedder()
      const runner = await this.embedder
      if (!runner) return { vectors, issues: [] }
      const volumes = new Map<string, PatchVolume>()
      for (const { seriesInstanceUid } of todo) {
        if (!volumes.has(seriesInstanceUid)) {
          volumes.set(seriesInstanceUid, await volume(seriesInstanceUid))
        }
      }
      const result = await embedBookmarks(runner, volumes, todo)
      for (const bookmark of todo) {
        const vector = result.vectors.get(bookmark.bookmarkId)
        if (!vector) continue
        vectors.set(bookmark.bookmarkId, vector)
        this.vectors.set(measurementKey(bookmark), vector)
      }
      return { vectors, issues: [] }
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error)
      const issues = todo.map((b): TrackIssueRecord => ({
        code: 'measurement-not-embedded',
        severity: 'warning',
        subject: b.bookmarkId,
        message: `a lesion you measured was matched on position, size and type only: its image embedding could not be computed (${reason})`,
        hint: 'Check its track closely; the measurement is kept, and embedded again on the next change',
      }))
      return { vectors, issues }
    }
  }
}
