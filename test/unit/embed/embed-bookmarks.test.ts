import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { embedBookmarks, MissingVolumeError } from '../../../electron/core/embed/embed-bookmarks'
import { EmbeddingCache } from '../../../electron/core/embed/embedding-cache'
import { EmbeddingWorker } from '../../../electron/core/embed/embedding-worker'
import { defaultModelCardPath, loadEmbeddingModel } from '../../../electron/core/embed/model-card'
import { OnnxEmbedder } from '../../../electron/core/embed/onnx-embedder'
import type { Bookmark } from '../../../electron/core/model/types'
import { axialGeometry, bodyWithLesion, bookmarkAt, rasterize } from '../patch/phantom'
import { phantomCohort } from './phantom-patients'

const cohort = phantomCohort(3)
const bookmarks = cohort.lesions.map((l) => l.bookmark)

function isUnitVector(vector: Float32Array | undefined): boolean {
  return (
    vector !== undefined &&
    vector.every(Number.isFinite) &&
    Math.abs(Math.hypot(...vector) - 1) < 1e-5
  )
}

describe('embedBookmarks through the worker thread', () => {
  let worker: EmbeddingWorker
  beforeAll(async () => {
    worker = await EmbeddingWorker.open(defaultModelCardPath(), { provider: 'cpu' })
  })
  afterAll(() => worker.close())

  it('gives the same vectors as the model run on this thread, whatever the batch size', async () => {
    const viaWorker = await embedBookmarks(worker, cohort.volumes, bookmarks, { batchSize: 5 })
    const direct = await OnnxEmbedder.open(loadEmbeddingModel(), { provider: 'cpu' })
    const here = await embedBookmarks(direct, cohort.volumes, bookmarks, { batchSize: 64 })
    await direct.close()
    expect(worker.info.executionProvider).toBe('cpu')
    expect(viaWorker.computed).toBe(bookmarks.length)
    for (const bookmark of bookmarks) {
      const a = viaWorker.vectors.get(bookmark.bookmarkId) as Float32Array
      const b = here.vectors.get(bookmark.bookmarkId) as Float32Array
      expect(isUnitVector(a)).toBe(true)
      expect(Math.max(...a.map((v, d) => Math.abs(v - b[d])))).toBeLessThan(1e-5)
    }
  })

  it('serves repeats from the cache and recomputes a bookmark that was redrawn', async () => {
    const cache = new EmbeddingCache()
    const progress: number[] = []
    const first = await embedBookmarks(worker, cohort.volumes, bookmarks, {
      cache,
      batchSize: 4,
      onProgress: (done) => progress.push(done),
    })
    expect(first.computed).toBe(bookmarks.length)
    expect(progress.at(-1)).toBe(bookmarks.length)
    const moved: Bookmark = {
      ...bookmarks[0],
      longAxisPx: [
        [bookmarks[0].longAxisPx[0][0] + 6, bookmarks[0].longAxisPx[0][1]],
        [bookmarks[0].longAxisPx[1][0] + 6, bookmarks[0].longAxisPx[1][1]],
      ],
    }
    const second = await embedBookmarks(worker, cohort.volumes, [moved, ...bookmarks.slice(1)], {
      cache,
    })
    expect(second.cached).toBe(bookmarks.length - 1)
    expect(second.computed).toBe(1)
    const before = first.vectors.get(moved.bookmarkId) as Float32Array
    const after = second.vectors.get(moved.bookmarkId) as Float32Array
    expect(Math.max(...before.map((v, d) => Math.abs(v - after[d])))).toBeGreaterThan(1e-3)
  })

  it('embeds lesions on the first and last slice and at the edge of the image', async () => {
    const geometry = axialGeometry([80, 80, 6], [2, 2, 5])
    const hu = rasterize(geometry, bodyWithLesion([0, 0, 0], 8))
    const volumes = new Map([['R1', { geometry, hu }]])
    const edge = [
      bookmarkAt(geometry, [40, 40, 0], 14, 10, 'first-slice'),
      bookmarkAt(geometry, [40, 40, 5], 14, 10, 'last-slice'),
      bookmarkAt(geometry, [0, 0, 2], 14, 10, 'corner'),
      bookmarkAt(geometry, [79, 40, 5], 14, 10, 'edge-last-slice'),
    ]
    const result = await embedBookmarks(worker, volumes, edge)
    expect(result.vectors.size).toBe(4)
    for (const b of edge) expect(isUnitVector(result.vectors.get(b.bookmarkId))).toBe(true)
  })

  it('names the bookmark whose images are missing', async () => {
    const orphan: Bookmark = { ...bookmarks[0], seriesInstanceUid: 'not-imported' }
    await expect(embedBookmarks(worker, cohort.volumes, [orphan])).rejects.toThrow(
      MissingVolumeError,
    )
    await expect(embedBookmarks(worker, cohort.volumes, [orphan])).rejects.toThrow(
      /series not-imported, whose images are not loaded/,
    )
  })
})

describe('embedding worker with an unusable model', () => {
  it('rejects with the model error, naming the file', async () => {
    await expect(EmbeddingWorker.open('/nonexistent/lesion-embedder.json')).rejects.toThrow(
      '/nonexistent/lesion-embedder.json: model card not found',
    )
  })
})
