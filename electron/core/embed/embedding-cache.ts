/**
 * Embeddings already computed, per lesion and model version: a bookmark is embedded again only
 * when the model changes or the bookmark itself does (moved, redrawn, re-measured).
 */
import type { Bookmark } from '../model/types'

/** Everything about a bookmark that changes its patch; any edit gives a new fingerprint. */
export function bookmarkFingerprint(bookmark: Bookmark): string {
  const points = [...bookmark.longAxisPx, ...(bookmark.shortAxisPx ?? [])].flat()
  return [
    bookmark.seriesInstanceUid,
    bookmark.sliceIndex,
    ...points.map((v) => v.toFixed(3)),
    bookmark.longAxisMm.toFixed(3),
    bookmark.shortAxisMm?.toFixed(3) ?? 'no short axis',
  ].join('|')
}

/** In-memory cache of unit vectors keyed by model version, bookmark id and fingerprint. */
export class EmbeddingCache {
  private readonly vectors = new Map<string, Float32Array>()

  private static key(modelVersion: string, bookmark: Bookmark): string {
    return `${modelVersion}\u0000${bookmark.bookmarkId}\u0000${bookmarkFingerprint(bookmark)}`
  }

  get(modelVersion: string, bookmark: Bookmark): Float32Array | undefined {
    return this.vectors.get(EmbeddingCache.key(modelVersion, bookmark))
  }

  set(modelVersion: string, bookmark: Bookmark, vector: Float32Array): void {
    this.vectors.set(EmbeddingCache.key(modelVersion, bookmark), vector)
  }

  get size(): number {
    return this.vectors.size
  }
}
