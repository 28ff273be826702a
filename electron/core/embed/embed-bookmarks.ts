/**
 * Embeds bookmarks end to end: extracts their patches batch by batch on this thread while the
 * runner (usually a worker) infers the previous batch, and serves repeats from the cache.
 */
import { allocatePatchBatch, PatchExtractor, type PatchVolume } from '../patch/extract'
import type { Bookmark } from '../model/types'
import type { EmbeddingRunner } from './embedding-runner'
import type { EmbeddingCache } from './embedding-cache'

export interface EmbedBookmarksOptions {
  /** Lesions per inference call (default 64). */
  batchSize?: number
  cache?: EmbeddingCache
  onProgress?: (done: number, total: number) => void
}

export interface BookmarkEmbeddings {
  modelVersion: string
  /** One unit vector per bookmark id. */
  vectors: Map<string, Float32Array>
  /** How many were computed now, and how many came from the cache. */
  computed: number
  cached: number
}

/** A bookmark whose series has no voxels cannot be embedded; the message says which. */
export class MissingVolumeError extends Error {
  constructor(readonly bookmark: Bookmark) {
    super(
      `bookmark ${bookmark.bookmarkId} (${bookmark.sourceFile}) is on series ${bookmark.seriesInstanceUid}, whose images are not loaded; import the folder that holds that series`,
    )
  }
}

/**
 * Embeds every bookmark of `bookmarks` whose vector is not cached. Two batches are in flight at
 * most: one being extracted here, one being inferred by the runner.
 */
export async function embedBookmarks(
  runner: EmbeddingRunner,
  volumes: Map<string, PatchVolume>,
  bookmarks: Bookmark[],
  options: EmbedBookmarksOptions = {},
): Promise<BookmarkEmbeddings> {
  const { modelVersion, patchSpec, dimension } = runner.info
  const batchSize = options.batchSize ?? 64
  const result: BookmarkEmbeddings = { modelVersion, vectors: new Map(), computed: 0, cached: 0 }
  const todo: Bookmark[] = []
  for (const bookmark of bookmarks) {
    const hit = options.cache?.get(modelVersion, bookmark)
    if (hit) {
      result.vectors.set(bookmark.bookmarkId, hit)
      result.cached++
    } else {
      if (!volumes.has(bookmark.seriesInstanceUid)) throw new MissingVolumeError(bookmark)
      todo.push(bookmark)
    }
  }
  const extractor = new PatchExtractor(patchSpec)
  const store = (chunk: Bookmark[], vectors: Float32Array) => {
    chunk.forEach((bookmark, n) => {
      const vector = vectors.slice(n * dimension, (n + 1) * dimension)
      result.vectors.set(bookmark.bookmarkId, vector)
      options.cache?.set(modelVersion, bookmark, vector)
    })
    result.computed += chunk.length
    options.onProgress?.(result.cached + result.computed, bookmarks.length)
  }
  let inFlight: Promise<void> = Promise.resolve()
  for (let start = 0; start < todo.length; start += batchSize) {
    const chunk = todo.slice(start, start + batchSize)
    // A fresh batch each time: the previous one's buffers now belong to the runner's thread.
    const batch = allocatePatchBatch(patchSpec, chunk.length)
    chunk.forEach((bookmark, slot) => {
      const volume = volumes.get(bookmark.seriesInstanceUid) as PatchVolume
      extractor.extractInto(volume, bookmark, batch, slot)
    })
    await inFlight
    inFlight = runner
      .embed({ count: chunk.length, ...batch })
      .then((vectors) => store(chunk, vectors))
  }
  await inFlight
  return result
}
