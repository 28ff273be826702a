// A lesion measured in the app is embedded once per measurement by the import's model; measured
// again it is embedded again; when the embedder fails, the match goes on without the embedding
// and says so, and without any embedder nothing is asked of one.
import { describe, expect, it } from 'vitest'
import type { EmbeddingRunner } from '../../../electron/core/embed/embedding-runner'
import type { EmbeddingInputs } from '../../../electron/core/embed/onnx-embedder'
import { loadEmbeddingModel } from '../../../electron/core/embed/model-card'
import { MeasuredEmbeddings } from '../../../electron/core/service/measured-embeddings'
import { samplePatient } from '../app/records'

const DIMENSION = 4
const patient = samplePatient()
const bookmark = { ...patient.bookmarks[0], bookmarkId: 'reader-1', source: 'reader' as const }
const series = patient.series.find((s) => s.seriesInstanceUid === bookmark.seriesInstanceUid)!
const [ni, nj, nk] = series.geometry.dims
const volume = async () => ({ geometry: series.geometry, hu: new Int16Array(ni * nj * nk) })

/** A runner that numbers what it embeds (vector n holds n + 1); fails after `working` calls. */
function runner(working = Infinity): EmbeddingRunner & { calls: number } {
  let made = 0
  return {
    calls: 0,
    info: {
      modelVersion: 'test',
      dimension: DIMENSION,
      patchSpec: loadEmbeddingModel().card.patchSpec,
      executionProvider: 'cpu',
    },
    async embed(inputs: EmbeddingInputs) {
      this.calls++
      if (this.calls > working) throw new Error('the model could not run')
      const out = new Float32Array(inputs.count * DIMENSION)
      for (let n = 0; n < inputs.count; n++) out.fill(++made, n * DIMENSION, (n + 1) * DIMENSION)
      return out
    },
    async close() {},
  }
}

describe('MeasuredEmbeddings', () => {
  it('embeds a measurement once, and again once it is measured anew', async () => {
    const model = runner()
    const embeddings = new MeasuredEmbeddings(async () => model)
    const first = await embeddings.of([bookmark], volume)
    expect([...first.vectors.get('reader-1')!]).toEqual([1, 1, 1, 1])
    expect(first.issues).toEqual([])
    await embeddings.of([bookmark], volume)
    expect(model.calls).toBe(1)
    const moved = { ...bookmark, sliceIndex: bookmark.sliceIndex + 1 }
    expect([...(await embeddings.of([moved], volume)).vectors.get('reader-1')!]).toEqual([
      2, 2, 2, 2,
    ])
    expect(model.calls).toBe(2)
  })

  it('matches without the embedding, with a warning, when the embedder fails', async () => {
    const embeddings = new MeasuredEmbeddings(async () => runner(0))
    const { vectors, issues } = await embeddings.of([bookmark], volume)
    expect(vectors.size).toBe(0)
    expect(issues.map((i) => [i.code, i.severity, i.subject])).toEqual([
      ['measurement-not-embedded', 'warning', 'reader-1'],
    ])
    expect(issues[0].message).toMatch(/the model could not run/)
  })

  it('keeps the vectors of earlier measurements when a new one cannot be embedded', async () => {
    const embeddings = new MeasuredEmbeddings(async () => runner(1))
    await embeddings.of([bookmark], volume)
    const second = { ...bookmark, bookmarkId: 'reader-2', sliceIndex: bookmark.sliceIndex + 1 }
    const { vectors, issues } = await embeddings.of([bookmark, second], volume)
    expect([...vectors.keys()]).toEqual(['reader-1'])
    expect(issues.map((i) => i.subject)).toEqual(['reader-2'])
  })

  it('asks nothing without an embedder', async () => {
    expect((await new MeasuredEmbeddings().of([bookmark], volume)).vectors.size).toBe(0)
    const none = new MeasuredEmbeddings(async () => null)
    expect(await none.of([bookmark], volume)).toEqual({ vectors: new Map(), issues: [] })
  })
})
