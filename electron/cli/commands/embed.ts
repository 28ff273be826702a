/**
 * `lesiontrack embed DIR`: imports a folder and embeds every bookmark with the shipped model, in a
 * worker thread, on the best execution provider that works here; says which one and how fast.
 */
import { writeFileSync } from 'node:fs'
import { embedBookmarks } from '../../core/embed/embed-bookmarks'
import { EmbeddingWorker } from '../../core/embed/embedding-worker'
import { parseProviderChoice, EXECUTION_PROVIDERS } from '../../core/embed/execution-providers'
import { defaultModelCardPath } from '../../core/embed/model-card'
import { importFolder } from '../../core/import/import-folder'
import type { ImportIssue } from '../../core/model/types'
import { groupBy } from '../../core/model/group-by'
import { patientVolumes } from '../../core/patch/patient-volumes'
import { UsageError, type Command, type ParsedArgs } from '../command'

/** The --provider option, shared with `eval`. */
export function providerOption(args: ParsedArgs) {
  const raw = args.values.provider
  if (raw === undefined) return 'auto'
  const choice = typeof raw === 'string' ? parseProviderChoice(raw) : undefined
  if (!choice) {
    throw new UsageError(`--provider must be auto or one of ${EXECUTION_PROVIDERS.join(', ')}`)
  }
  return choice
}

export const embedCommand: Command = {
  name: 'embed',
  summary: 'embed every bookmarked lesion of a folder with the lesion embedding model',
  usage: 'DIR [--json] [--out FILE] [--provider P] [--model CARD]',
  details: [
    'DIR                a DICOM export or a DeepLesion layout',
    '--json             print {"lesions","executionProvider","lesionsPerSecond","modelVersion",...}',
    '--out FILE         also write the vectors: {"modelVersion","dimension","embeddings":[…]}',
    `--provider P       auto (default: the best that works) or ${EXECUTION_PROVIDERS.join(', ')};`,
    '                   a provider that cannot start falls back to cpu, with a notice',
    '--model CARD       model card JSON (default: resources/models/lesion-embedder.json)',
    'lesionsPerSecond counts patch extraction and inference, not import, decoding the images',
    'or model loading. Images are decoded one patient at a time.',
  ],
  options: {
    json: { type: 'boolean' },
    out: { type: 'string' },
    provider: { type: 'string' },
    model: { type: 'string' },
  },
  async run(args) {
    const [dir, ...extra] = args.positionals
    if (!dir || extra.length > 0) throw new UsageError('give exactly one folder')
    const provider = providerOption(args)
    const cardPath =
      typeof args.values.model === 'string' ? args.values.model : defaultModelCardPath()
    // Pixels stay on disk until a patient is embedded: one patient in memory at a time.
    const result = await importFolder(dir, { deferPixels: true })
    const runner = await EmbeddingWorker.open(cardPath, { provider })
    try {
      if (runner.info.notice) process.stderr.write(`notice: ${runner.info.notice}\n`)
      const vectors = new Map<string, Float32Array>()
      const undecodable: ImportIssue[] = []
      let milliseconds = 0
      for (const [patientId, bookmarks] of groupBy(result.bookmarks, (b) => b.patientId)) {
        const volumes = await patientVolumes(result, patientId, undecodable)
        const started = performance.now()
        const embedded = await embedBookmarks(
          runner,
          volumes,
          bookmarks.filter((b) => volumes.has(b.seriesInstanceUid)),
        )
        milliseconds += performance.now() - started
        for (const [id, vector] of embedded.vectors) vectors.set(id, vector)
      }
      const errors = [...result.issues, ...undecodable].filter(
        (issue) => issue.severity === 'error',
      )
      for (const issue of errors) {
        process.stderr.write(`error: ${issue.file}: ${issue.message}\n  → ${issue.hint}\n`)
      }
      const seconds = milliseconds / 1000
      const summary = {
        lesions: vectors.size,
        executionProvider: runner.info.executionProvider,
        lesionsPerSecond: Number((vectors.size / Math.max(seconds, 1e-9)).toFixed(1)),
        seconds: Number(seconds.toFixed(3)),
        modelVersion: runner.info.modelVersion,
        ...(runner.info.notice !== undefined && { notice: runner.info.notice }),
        importErrors: errors.length,
      }
      if (typeof args.values.out === 'string') {
        const written = result.bookmarks.map((b) => ({
          bookmarkId: b.bookmarkId,
          patientId: b.patientId,
          studyInstanceUid: b.studyInstanceUid,
          vector: [...(vectors.get(b.bookmarkId) ?? [])],
        }))
        const file = {
          modelVersion: runner.info.modelVersion,
          dimension: runner.info.dimension,
          embeddings: written,
        }
        writeFileSync(args.values.out, JSON.stringify(file) + '\n')
      }
      if (args.values.json) process.stdout.write(JSON.stringify(summary, null, 2) + '\n')
      else {
        process.stdout.write(
          `${summary.lesions} lesion(s) embedded on ${summary.executionProvider} in ${summary.seconds} s (${summary.lesionsPerSecond} lesions/s), model ${summary.modelVersion}\n`,
        )
      }
      return errors.length > 0 ? 1 : 0
    } finally {
      await runner.close()
    }
  },
}
