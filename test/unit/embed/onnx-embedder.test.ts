import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadEmbeddingModel } from '../../../electron/core/embed/model-card'
import { OnnxEmbedder } from '../../../electron/core/embed/onnx-embedder'
import {
  allocatePatchBatch,
  PatchExtractor,
  type PatchBatch,
} from '../../../electron/core/patch/extract'
import { phantomCohort } from './phantom-patients'

const model = loadEmbeddingModel()
const spec = model.card.patchSpec
const cohort = phantomCohort(2)
const COUNT = cohort.lesions.length

function patchesOf(indices: number[]): PatchBatch {
  const batch = allocatePatchBatch(spec, indices.length)
  const extractor = new PatchExtractor(spec)
  indices.forEach((lesion, slot) => {
    const { bookmark } = cohort.lesions[lesion]
    const volume = cohort.volumes.get(bookmark.seriesInstanceUid)
    if (!volume) throw new Error(`no volume for ${bookmark.seriesInstanceUid}`)
    extractor.extractInto(volume, bookmark, batch, slot)
  })
  return batch
}

describe('ONNX embedder on CPU', () => {
  let embedder: OnnxEmbedder
  beforeAll(async () => {
    embedder = await OnnxEmbedder.open(model, { provider: 'cpu' })
  })
  afterAll(() => embedder.close())

  it('reports the provider it runs on and gives one unit vector per lesion', async () => {
    expect(embedder.executionProvider).toBe('cpu')
    expect(embedder.notice).toBeUndefined()
    const all = Array.from({ length: COUNT }, (_, n) => n)
    const vectors = await embedder.embed({ count: COUNT, ...patchesOf(all) })
    const dimension = model.card.output.dimension
    expect(vectors.length).toBe(COUNT * dimension)
    for (let n = 0; n < COUNT; n++) {
      const norm = Math.hypot(...vectors.subarray(n * dimension, (n + 1) * dimension))
      expect(norm).toBeCloseTo(1, 5)
    }
  })

  it('gives a lesion the same vector whatever batch it is in', async () => {
    const dimension = model.card.output.dimension
    const alone = await embedder.embed({ count: 1, ...patchesOf([3]) })
    const inBatch = await embedder.embed({ count: 4, ...patchesOf([0, 1, 2, 3]) })
    const third = inBatch.subarray(3 * dimension, 4 * dimension)
    const worst = Math.max(...alone.map((v, d) => Math.abs(v - third[d])))
    expect(worst).toBeLessThan(1e-5)
  })

  it('refuses inputs shorter than the count says', async () => {
    const batch = patchesOf([0])
    await expect(embedder.embed({ ...batch, count: 2 })).rejects.toThrow(/patch holds \d+ values/)
  })
})

describe('execution provider fallback', () => {
  it('falls back to CPU with a notice when the provider asked for cannot start', async () => {
    // No CUDA libraries are installed beside onnxruntime-node on these machines.
    const embedder = await OnnxEmbedder.open(model, { provider: 'cuda' })
    try {
      expect(embedder.executionProvider).toBe('cpu')
      expect(embedder.failures.map((f) => f.provider)).toEqual(['cuda'])
      expect(embedder.notice).toMatch(/^embedding on cpu \(could not use cuda: .+\)$/)
    } finally {
      await embedder.close()
    }
  })
})
