import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createHash } from 'node:crypto'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import {
  defaultModelCardPath,
  EmbeddingModelError,
  loadEmbeddingModel,
  type ModelCard,
} from '../../../electron/core/embed/model-card'
import { OnnxEmbedder } from '../../../electron/core/embed/onnx-embedder'

const work = mkdtempSync(join(tmpdir(), 'lesiontrack-model-card-'))
afterAll(() => rmSync(work, { recursive: true, force: true }))

const shippedCard = JSON.parse(readFileSync(defaultModelCardPath(), 'utf8')) as ModelCard
const shippedOnnx = join(defaultModelCardPath(), '..', shippedCard.file)

/** A copy of the shipped model in its own folder, with the card and ONNX bytes changed as asked. */
function modelCopy(name: string, edit: { card?: Partial<ModelCard>; onnx?: Buffer } = {}): string {
  const dir = mkdtempSync(join(work, `${name}-`))
  const onnx = edit.onnx ?? readFileSync(shippedOnnx)
  writeFileSync(join(dir, shippedCard.file), onnx)
  const cardPath = join(dir, 'card.json')
  writeFileSync(cardPath, JSON.stringify({ ...shippedCard, ...edit.card }))
  return cardPath
}

describe('embedding model card', () => {
  it('loads the shipped model and names its version after its weights', () => {
    const model = loadEmbeddingModel()
    const sha = createHash('sha256').update(readFileSync(shippedOnnx)).digest('hex')
    expect(model.modelVersion).toBe(
      `${shippedCard.name}@${shippedCard.version}+${sha.slice(0, 12)}`,
    )
    expect(model.card.opset).toBeLessThanOrEqual(17)
  })

  it('says which file is missing and how to get it back', () => {
    const cardPath = join(work, 'nowhere', 'lesion-embedder.json')
    expect(() => loadEmbeddingModel(cardPath)).toThrow(EmbeddingModelError)
    expect(() => loadEmbeddingModel(cardPath)).toThrow(
      `${cardPath}: model card not found. Restore resources/models/`,
    )
    const noOnnx = modelCopy('no-onnx', { card: { file: 'absent.onnx' } })
    expect(() => loadEmbeddingModel(noOnnx)).toThrow(
      /absent\.onnx: model file not found.*train:model/,
    )
  })

  it('refuses a corrupt model file before ONNX Runtime sees it', () => {
    const bytes = Buffer.from(readFileSync(shippedOnnx))
    bytes.fill(0, 1000, 5000)
    const cardPath = modelCopy('corrupt', { onnx: bytes })
    expect(() => loadEmbeddingModel(cardPath)).toThrow(/corrupt or was replaced: its SHA-256 is/)
  })

  it('reports a model ONNX Runtime cannot load, even when its checksum matches the card', async () => {
    const garbage = Buffer.from('this is not an ONNX protobuf at all')
    const sha256 = createHash('sha256').update(garbage).digest('hex')
    const cardPath = modelCopy('garbage', { onnx: garbage, card: { sha256 } })
    const model = loadEmbeddingModel(cardPath)
    await expect(OnnxEmbedder.open(model, { provider: 'cpu' })).rejects.toThrow(
      /ONNX Runtime cannot run this model.*train:model/,
    )
  })

  it('refuses a model trained on another patch spec', () => {
    const cardPath = modelCopy('old-spec', {
      card: { patchSpec: { ...shippedCard.patchSpec, version: 0 } },
    })
    expect(() => loadEmbeddingModel(cardPath)).toThrow(/patch spec version 0/)
    const lacking: Partial<ModelCard['patchSpec']> = { ...shippedCard.patchSpec }
    delete lacking.contextPixelMm
    const lackingPath = modelCopy('lacking-spec', {
      card: { patchSpec: lacking as ModelCard['patchSpec'] },
    })
    expect(() => loadEmbeddingModel(lackingPath)).toThrow(/contextPixelMm do not match/)
  })

  it('refuses a card that is not JSON', () => {
    const cardPath = join(work, 'broken.json')
    writeFileSync(cardPath, '{ "name": ')
    copyFileSync(shippedOnnx, join(work, shippedCard.file))
    expect(() => loadEmbeddingModel(cardPath)).toThrow(/model card is not valid JSON/)
  })
})
