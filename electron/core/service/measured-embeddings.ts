/**
 * Embeddings of the lesions a reader measures in the app, by the model the import ran: each
 * measurement embedded once (measuring again by a handle is another measurement), from the
 * volume the study view already holds, so that a measured lesion is matched like an imported one.
 */
import type { TrackIssueRecord } from '../../api/tracks'
import { embedBookmarks } from '../embed/embed-bookmarks'
import { EmbeddingCache } from '../embed/embedding-cache'
import type { EmbeddingRunner } from '../embed/embedding-runner'
import type { Bookmark } from '../model/types'
import type { PatchVolume } from '../patch/extract'

/** Opens the embedder the import ran; null when there is none. */
export type OpenEmbedder = () => Promise<EmbeddingRunner | null>

export class MeasuredEmbeddings {
  /** One vector per measurement: measuring again by a handle changes the bookmark's fingerprint. */
  private readonly cache = new EmbeddingCache()
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
    if (bookmarks.length === 0 || !this.openEmbedder) return { vectors: new Map(), issues: [] }
    let todo: Bookmark[] = [...bookmarks]
    let modelVersion: string | null = null
    try {
      this.embedder ??= this.openEmbedder()
      const runner = await this.embedder
      if (!runner) return { vectors: new Map(), issues: [] }
      modelVersion = runner.info.modelVersion
      todo = bookmarks.filter((b) => !this.cache.get(runner.info.modelVersion, b))
      const volumes = new Map<string, PatchVolume>()
      for (const { seriesInstanceUid } of todo) {
        if (!volumes.has(seriesInstanceUid)) {
          volumes.set(seriesInstanceUid, await volume(seriesInstanceUid))
        }
      }
      const result = await embedBookmarks(runner, volumes, [...bookmarks], { cache: this.cache })
      return { vectors: result.vectors, issues: [] }
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error)
      const issues = todo.map((b): TrackIssueRecord => ({
        code: 'measurement-not-embedded',
        severity: 'warning',
        subject: b.bookmarkId,
        message: `a lesion you measured was matched on position, size and type only: its image embedding could not be computed (${reason})`,
        hint: 'Check its track closely; the measurement is kept, and embedded again on the next change',
      }))
      // The measurements embedded before keep their vectors.
      const vectors = new Map<string, Float32Array>()
      for (const b of bookmarks) {
        const known = modelVersion === null ? undefined : this.cache.get(modelVersion, b)
        if (known) vectors.set(b.bookmarkId, known)
      }
      return { vectors, issues }
    }
  }
}
