// Guards the training path end to end on a handful of labelled patches: the TypeScript extractor
// writes them, build/model/train.py learns from them and exports ONNX, onnxruntime-node reproduces
// torch's embeddings.
import { spawnSync, type SpawnSyncReturns } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadEmbeddingModel } from '../../../electron/core/embed/model-card'
import { OnnxEmbedder } from '../../../electron/core/embed/onnx-embedder'
import { readPatchFile } from '../../../electron/core/patch/patch-file'
import { DEFAULT_PATCH_SPEC, inputShapes } from '../../../electron/core/patch/spec'
import { writePatchFolder } from '../../../electron/core/patch/write-patch-folder'
import { phantomCohort } from './phantom-patients'

const work = mkdtempSync(join(tmpdir(), 'lesiontrack-train-smoke-'))
afterAll(() => rmSync(work, { recursive: true, force: true }))

const REFERENCE_COUNT = 4

describe('training smoke test', () => {
  const patchDir = join(work, 'patches')
  const modelDir = join(work, 'model')
  let run: SpawnSyncReturns<string>

  beforeAll(() => {
    const cohort = phantomCohort(6)
    writePatchFolder(patchDir, DEFAULT_PATCH_SPEC, cohort.volumes, cohort.lesions)
    run = spawnSync(
      '/usr/bin/python3',
      [
        'build/model/train.py',
        ...['--train', patchDir, '--out', modelDir, '--epochs', '8', '--patients', '2'],
        ...['--threads', '1', '--lr', '0.003', '--reference', String(REFERENCE_COUNT)],
      ],
      { encoding: 'utf8' },
    )
  })

  it('trains: the sequential triplet loss on fixed sequences goes down', () => {
    expect(run.stderr.match(/Error.*/)?.[0] ?? '').toBe('')
    expect(run.status).toBe(0)
    // One line per epoch, after a line for the untrained model (epoch 0). The probe loss is
    // measured on fixed sequences without augmentation, so epochs compare.
    const epochs = run.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { epoch: number; probeLoss: number })
    expect(epochs.map((e) => e.epoch)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8])
    expect(epochs[8].probeLoss).toBeLessThan(0.7 * epochs[0].probeLoss)
  })

  it('exports an ONNX model that onnxruntime-node runs with the same results as torch', async () => {
    const model = loadEmbeddingModel(join(modelDir, 'lesion-embedder.json'))
    expect(model.card.opset).toBeLessThanOrEqual(17)
    expect(model.card.patchSpec).toEqual(DEFAULT_PATCH_SPEC)
    const embedder = await OnnxEmbedder.open(model, { provider: 'cpu', threads: 1 })
    const patches = readPatchFile(patchDir)
    const shapes = inputShapes(DEFAULT_PATCH_SPEC, REFERENCE_COUNT)
    const size = (shape: number[]) => shape.reduce((a, b) => a * b, 1)
    const vectors = await embedder.embed({
      count: REFERENCE_COUNT,
      patch: patches.inputs.patch.subarray(0, size(shapes.patch)),
      context: patches.inputs.context.subarray(0, size(shapes.context)),
      features: patches.inputs.features.subarray(0, size(shapes.features)),
    })
    await embedder.close()
    const reference = JSON.parse(
      readFileSync(join(modelDir, 'lesion-embedder.reference.json'), 'utf8'),
    ) as { embeddings: number[][] }
    const dimension = model.card.output.dimension
    let worst = 0
    reference.embeddings.forEach((row, n) =>
      row.forEach((value, d) => {
        worst = Math.max(worst, Math.abs(value - vectors[n * dimension + d]))
      }),
    )
    expect(reference.embeddings.length).toBe(REFERENCE_COUNT)
    expect(worst).toBeLessThan(1e-4)
  })
})
