/**
 * `lesiontrack eval DIR…`: scores the pipeline on folders whose truth is known (synthetic data).
 * Each figure set is a named section; a new one (e.g. matching) is one entry in SECTIONS.
 */
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import {
  IMAGE_REGISTRATION_SOURCE,
  imageAlignmentFigures,
  imagePriorTranslations,
  type PatientImageAlignment,
} from '../../core/align'
import type { BookmarkEmbeddings } from '../../core/embed/embed-bookmarks'
import { EmbeddingWorker } from '../../core/embed/embedding-worker'
import { EXECUTION_PROVIDERS } from '../../core/embed/execution-providers'
import type { Vec3 } from '../../core/geometry/frames'
import { defaultModelCardPath } from '../../core/embed/model-card'
import { embeddingReport, evalLesions, type EvaluatedFolder } from '../../core/eval/embedding-eval'
import { importFolder } from '../../core/import/import-folder'
import type { ImportResult } from '../../core/import/result'
import { matchingEvalReport } from '../../core/match/matching-eval'
import { labelBookmarks } from '../../core/patch/lesion-labels'
import { TRUTH_FILE, type Truth } from '../../core/synth/truth'
import { UsageError, type Command, type ParsedArgs } from '../command'
import { providerOption } from './embed'
import { alignmentModeOption } from './track-folder'
import { alignAndEmbed, type AlignmentMode } from '../../core/tracking/align-and-embed'

/** What every section may use: the folders with their labels, and every bookmark's embedding. */
interface EvalContext {
  /**
   * Imports without their voxels: volumes are released once embedded and aligned, folder by
   * folder. `imageAlignment` is empty with --alignment bookmarks.
   */
  folders: (EvaluatedFolder & {
    result: ImportResult
    imageAlignment: Map<string, PatientImageAlignment>
  })[]
  alignment: AlignmentMode
  embeddings: BookmarkEmbeddings[]
  executionProvider: string
  args: ParsedArgs
}

interface EvalSection {
  name: string
  run(context: EvalContext): Promise<Record<string, unknown>>
}

const embeddingSection: EvalSection = {
  name: 'embedding',
  async run(context) {
    const report = embeddingReport(evalLesions(context.folders, context.embeddings))
    return {
      modelVersion: context.embeddings[0]?.modelVersion,
      executionProvider: context.executionProvider,
      ...report,
    }
  },
}

/** True table shifts by study UID from a synthetic folder's truth.json (none elsewhere). */
function trueTableShifts(dir: string): Map<string, Vec3> {
  const path = join(dir, TRUTH_FILE)
  if (!existsSync(path)) return new Map()
  const truth = JSON.parse(readFileSync(path, 'utf8')) as Truth
  return new Map(
    truth.patients.flatMap((p) => p.studies.map((s) => [s.studyInstanceUid, s.tableShiftMm])),
  )
}

const matchingSection: EvalSection = {
  name: 'matching',
  async run(context) {
    const alignments = context.folders.flatMap((f) => [...f.imageAlignment.values()])
    const report = matchingEvalReport(context.folders, context.embeddings, undefined, {
      priorTranslations: imagePriorTranslations(alignments),
      priorSource: IMAGE_REGISTRATION_SOURCE,
    })
    if (context.alignment === 'bookmarks') return { alignment: context.alignment, ...report }
    const tableShifts = new Map(context.folders.flatMap((f) => [...trueTableShifts(f.dir)]))
    return {
      alignment: context.alignment,
      imageAlignment: imageAlignmentFigures(alignments, tableShifts),
      ...report,
    }
  },
}

const SECTIONS: EvalSection[] = [embeddingSection, matchingSection]

function round(value: unknown): unknown {
  if (typeof value === 'number') return Number.isInteger(value) ? value : Number(value.toFixed(4))
  if (Array.isArray(value)) return value.map(round)
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, round(v)]))
  }
  return value
}

function describe(report: Record<string, unknown>, indent = ''): string[] {
  return Object.entries(report).flatMap(([key, value]) =>
    value && typeof value === 'object' && !Array.isArray(value)
      ? [`${indent}${key}:`, ...describe(value as Record<string, unknown>, `${indent}  `)]
      : [`${indent}${key}: ${String(value)}`],
  )
}

export const evalCommand: Command = {
  name: 'eval',
  summary: 'score the pipeline on folders with a known truth (synthetic truth.json)',
  usage: 'DIR… [--json] [--provider P] [--model CARD] [--alignment images|bookmarks]',
  details: [
    'DIR…               one or more folders written by `lesiontrack synth` (their truth.json',
    '                   gives lesion identities; DL_info.csv, if any, normalized body positions)',
    '--json             print {"folders","lesions", one object per section: "embedding", …}',
    `--provider P       auto (default) or ${EXECUTION_PROVIDERS.join(', ')}`,
    '--model CARD       model card JSON (default: resources/models/lesion-embedder.json)',
    '--alignment MODE   images (default): the matcher starts from translations registered from',
    '                   the CT volumes (DICOM folders only); bookmarks: from the bookmarks only',
    'matching: the tracks of `lesiontrack track` against the truth: pairs = every two bookmarks',
    '          of a patient in different studies (same track vs same lesion); tracks.exact = true',
    '          lesions whose bookmarks form exactly one track (resources/models/MATCHER.md);',
    '          imageAlignment = follow-up studies placed from the images, and the error of',
    '          their translations against truth.json (mm: vector, z, in-plane)',
    'embedding: sameLesion.auc = ROC AUC of −distance over pairs of one patient’s lesions in',
    '           different studies; retrievalTop5 = errors of the 5 nearest lesions of other',
    '           patients (definitions in resources/models/LESION-EMBEDDER.md).',
  ],
  options: {
    json: { type: 'boolean' },
    provider: { type: 'string' },
    model: { type: 'string' },
    alignment: { type: 'string' },
  },
  async run(args) {
    if (args.positionals.length === 0) throw new UsageError('give at least one folder')
    const provider = providerOption(args)
    const alignment = alignmentModeOption(args)
    const cardPath =
      typeof args.values.model === 'string' ? args.values.model : defaultModelCardPath()
    const folders: EvalContext['folders'] = []
    const embeddings: BookmarkEmbeddings[] = []
    const runner = await EmbeddingWorker.open(cardPath, { provider })
    try {
      if (runner.info.notice) process.stderr.write(`notice: ${runner.info.notice}\n`)
      for (const dir of args.positionals) {
        // One patient's CT volumes in memory at a time; the figures need none afterwards.
        const result = await importFolder(dir, { deferPixels: true })
        const images = await alignAndEmbed(result, { alignment, embedder: runner })
        result.issues.push(...images.issues)
        for (const issue of result.issues.filter((i) => i.severity === 'error')) {
          process.stderr.write(`error: ${issue.file}: ${issue.message}\n  → ${issue.hint}\n`)
        }
        const labels = labelBookmarks(result, dir)
        if (!labels.hasTruth) {
          process.stderr.write(`warning: ${dir} has no truth.json; its lesions have no identity\n`)
        }
        embeddings.push(images.embeddings as BookmarkEmbeddings)
        folders.push({ dir, result, labels, imageAlignment: images.imageAlignment })
      }
    } finally {
      await runner.close()
    }
    const context: EvalContext = {
      folders,
      alignment,
      embeddings,
      executionProvider: runner.info.executionProvider,
      args,
    }
    const report: Record<string, unknown> = {
      folders: args.positionals,
      lesions: folders.reduce((sum, f) => sum + f.result.bookmarks.length, 0),
    }
    for (const section of SECTIONS) report[section.name] = await section.run(context)
    const rounded = round(report) as Record<string, unknown>
    if (args.values.json) process.stdout.write(JSON.stringify(rounded, null, 2) + '\n')
    else process.stdout.write(describe(rounded).join('\n') + '\n')
    return 0
  },
}
