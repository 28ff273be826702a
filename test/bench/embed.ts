/**
 * Embedding benchmark: 1,000 lesions on loaded synthetic CT volumes, embedded end to end (patch
 * extraction + inference, as `lesiontrack embed` and the app do it) beside pure inference of the
 * same patches, and their ratio.
 *
 *   npm run bench:embed [-- --data DIR] [--lesions 1000] [--provider cpu] [--json]
 *
 * Without --data it writes 3 synthetic patients (DeepLesion layout, 512 matrix) once into the
 * system temp folder and reuses them. The bookmarks of the folder are cycled, each copy moved a
 * few pixels, to make the 1,000 lesions. Runs alternate end-to-end and inference-only, so that
 * load from other processes hits both alike; the median of each is reported.
 */
import { existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { embedBookmarks } from '../../electron/core/embed/embed-bookmarks'
import { EmbeddingWorker } from '../../electron/core/embed/embedding-worker'
import { parseProviderChoice } from '../../electron/core/embed/execution-providers'
import { defaultModelCardPath } from '../../electron/core/embed/model-card'
import type { EmbeddingInputs } from '../../electron/core/embed/onnx-embedder'
import { importFolder } from '../../electron/core/import/import-folder'
import type { Bookmark } from '../../electron/core/model/types'
import {
  allocatePatchBatch,
  PatchExtractor,
  type PatchVolume,
} from '../../electron/core/patch/extract'
import { patchVolumes } from '../../electron/core/patch/write-patch-folder'
import { synthesize } from '../../electron/core/synth/synthesize'

const RUNS = 9
const BATCH = 64

const { values } = parseArgs({
  options: {
    data: { type: 'string' },
    lesions: { type: 'string', default: '1000' },
    provider: { type: 'string', default: 'cpu' },
    json: { type: 'boolean' },
  },
})

async function benchFolder(): Promise<string> {
  if (values.data) return values.data
  const dir = join(tmpdir(), 'lesiontrack-bench-embed')
  if (!existsSync(join(dir, 'truth.json'))) {
    await synthesize({ patients: 3, seed: 4242, out: dir, format: 'deeplesion' })
  }
  return dir
}

/** `count` bookmarks made from `source` in turn, each copy shifted by up to ±5 pixels. */
function benchLesions(source: Bookmark[], count: number): Bookmark[] {
  return Array.from({ length: count }, (_, n) => {
    const b = source[n % source.length]
    const dx = ((n * 7) % 11) - 5
    const dy = ((n * 13) % 11) - 5
    const move = ([x, y]: [number, number]): [number, number] => [x + dx, y + dy]
    return {
      ...b,
      bookmarkId: `${b.bookmarkId}#${n}`,
      longAxisPx: [move(b.longAxisPx[0]), move(b.longAxisPx[1])],
      shortAxisPx: b.shortAxisPx && [move(b.shortAxisPx[0]), move(b.shortAxisPx[1])],
    }
  })
}

/** The patches of all lesions, extracted ahead, as the batches inference-only runs feed. */
function extractAll(
  extractor: PatchExtractor,
  volumes: Map<string, PatchVolume>,
  lesions: Bookmark[],
): EmbeddingInputs[] {
  const batches: EmbeddingInputs[] = []
  for (let start = 0; start < lesions.length; start += BATCH) {
    const chunk = lesions.slice(start, start + BATCH)
    const batch = allocatePatchBatch(extractor.spec, chunk.length)
    chunk.forEach((b, slot) => {
      extractor.extractInto(volumes.get(b.seriesInstanceUid) as PatchVolume, b, batch, slot)
    })
    batches.push({ count: chunk.length, ...batch })
  }
  return batches
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]

async function main(): Promise<void> {
  const provider = parseProviderChoice(values.provider ?? 'cpu')
  if (!provider) throw new Error(`unknown --provider ${values.provider}`)
  const dir = await benchFolder()
  const result = await importFolder(dir)
  if (result.bookmarks.length === 0) throw new Error(`${dir} holds no bookmarks`)
  const volumes = patchVolumes(result)
  const lesions = benchLesions(result.bookmarks, Number(values.lesions))
  const runner = await EmbeddingWorker.open(defaultModelCardPath(), { provider })
  const extractor = new PatchExtractor(runner.info.patchSpec)
  try {
    const endToEndMs: number[] = []
    const inferenceMs: number[] = []
    const extractionMs: number[] = []
    // One untimed round of each warms the caches, the JIT and the session.
    for (let run = -1; run < RUNS; run++) {
      let started = performance.now()
      await embedBookmarks(runner, volumes, lesions, { batchSize: BATCH })
      const endToEnd = performance.now() - started

      started = performance.now()
      const batches = extractAll(extractor, volumes, lesions)
      const extraction = performance.now() - started

      started = performance.now()
      for (const batch of batches) await runner.embed(batch)
      const inference = performance.now() - started
      if (run >= 0) {
        endToEndMs.push(endToEnd)
        inferenceMs.push(inference)
        extractionMs.push(extraction)
      }
    }
    const endToEnd = median(endToEndMs)
    const inference = median(inferenceMs)
    const report = {
      lesions: lesions.length,
      volumes: volumes.size,
      executionProvider: runner.info.executionProvider,
      batch: BATCH,
      runs: RUNS,
      endToEndMs: Number(endToEnd.toFixed(1)),
      inferenceMs: Number(inference.toFixed(1)),
      extractionOnlyMs: Number(median(extractionMs).toFixed(1)),
      ratio: Number((endToEnd / inference).toFixed(3)),
      fastestEndToEndMs: Number(Math.min(...endToEndMs).toFixed(1)),
      fastestInferenceMs: Number(Math.min(...inferenceMs).toFixed(1)),
      fastestExtractionOnlyMs: Number(Math.min(...extractionMs).toFixed(1)),
      lesionsPerSecond: Number(((lesions.length * 1000) / endToEnd).toFixed(1)),
      modelVersion: runner.info.modelVersion,
    }
    if (values.json) {
      process.stdout.write(JSON.stringify(report, null, 2) + '\n')
      return
    }
    process.stdout.write(
      [
        `${report.lesions} lesions on ${report.volumes} loaded volumes, ${report.executionProvider}, batches of ${BATCH}, median of ${RUNS} runs`,
        `  end to end (extraction + inference): ${report.endToEndMs} ms  → ${report.lesionsPerSecond} lesions/s`,
        `  inference only, same patches:        ${report.inferenceMs} ms`,
        `  ratio end-to-end / inference:        ${report.ratio}  (target ≤ 1.25)`,
        `  extraction alone, for reference:     ${report.extractionOnlyMs} ms`,
        `  fastest runs (least disturbed by other processes): end to end ${report.fastestEndToEndMs} ms, inference ${report.fastestInferenceMs} ms, extraction ${report.fastestExtractionOnlyMs} ms`,
      ].join('\n') + '\n',
    )
  } finally {
    await runner.close()
  }
}

await main()
