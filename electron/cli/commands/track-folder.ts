/**
 * What `track` and `export` share: import a folder (pixels left on disk), embed its bookmarks,
 * align and match each patient under the user's decisions, with the same options and help.
 */
import { readerTypes, typedButMissing, withReaderTypes } from '../../api/reader-types'
import { readFileSync } from 'node:fs'
import {
  DEFAULT_RESPONSE_PROTOCOL,
  RESPONSE_PROTOCOL_LIMITS,
  type ResponseProtocol,
  type TrackDecision,
} from '../../api/tracks'
import { checkDecisions } from '../../api/validate-decisions'
import type { EmbedderInfo } from '../../core/embed/embedding-runner'
import { EmbeddingWorker } from '../../core/embed/embedding-worker'
import { defaultModelCardPath } from '../../core/embed/model-card'
import { importFolders } from '../../core/import/import-folder'
import type { ImportResult } from '../../core/import/result'
import { loadMatcherModel, type MatcherModel } from '../../core/match/model'
import { importIssue } from '../../core/model/import-issue'
import { measuredBookmarksOfImport } from '../../core/service/measured-lesions'
import { matcherDecisions } from '../../core/service/patient-response'
import type { AlignmentMode } from '../../core/tracking/align-and-embed'
import { trackImport, type TrackedImport } from '../../core/tracking/track-import'
import { UsageError, type OptionSpec, type ParsedArgs } from '../command'
import { progressReporter } from '../progress'
import { providerOption } from './embed'

/** The options of a tracking run, for a command's `options`. */
export const TRACKING_OPTIONS: OptionSpec = {
  decisions: { type: 'string' },
  model: { type: 'string' },
  alignment: { type: 'string' },
  embedder: { type: 'string' },
  provider: { type: 'string' },
  'without-embeddings': { type: 'boolean' },
  'timepoint-days': { type: 'string' },
  'sd-days': { type: 'string' },
}

/** Help lines of the folders a tracking command reads. */
export const FOLDERS_DETAILS = [
  'DIR …              a DICOM export (CT + SR bookmarks) or a DeepLesion layout; several DICOM',
  '                   folders (a follow-up exported on its own) are read as one export',
]

/** Their help lines. */
export const TRACKING_DETAILS = [
  '--decisions FILE   JSON array of user decisions kept on every run (ids are bookmark ids):',
  '                   {"kind":"confirm-link"|"reject-link","lesionIdA","lesionIdB"},',
  '                   {"kind":"mark-new"|"choose-target"|"drop-target"|"mark-node","lesionId"},',
  '                   {"kind":"mark-gone","lesionId","studyInstanceUid"},',
  '                   {"kind":"choose-baseline"|"separate-timepoint"|"mark-nontarget-progression",',
  '                    "studyInstanceUid"},',
  '                   {"kind":"measure","bookmarkId":"reader-…","studyInstanceUid",',
  '                    "seriesInstanceUid","sliceIndex","axesPx":[8 pixel coordinates],"lesionType"}',
  "                    (axesPx: long then short axis x1, y1, x2, y2; the long axis' 4 alone for",
  '                    a lesion measured by its long axis only)',
  '                   {"kind":"set-type","bookmarkId","lesionType"}: the type (1 bone … 8 pelvis,',
  '                    the DeepLesion types) of an imported bookmark whose report names none',
  '--model FILE       matcher parameters (default resources/models/matcher.json)',
  "--alignment MODE   images (default): register each patient's CT volumes along the body and",
  '                   in-plane, and start the bookmark alignment from those translations;',
  '                   bookmarks: align from the bookmarks only. Folders without complete DICOM',
  '                   CT series (the DeepLesion layout) are always aligned from the bookmarks.',
  '--embedder CARD    lesion embedding model card (default resources/models/lesion-embedder.json)',
  '--provider P       its execution provider: auto (default) or cuda, dml, coreml, webgpu, cpu',
  '--without-embeddings  match on position, size and type only (as on DLS, which has no images);',
  '                   bookmarks whose series has no voxels are always matched that way',
  `--timepoint-days N RECIST: studies within N days of a timepoint's first study are that`,
  `                   timepoint (default ${DEFAULT_RESPONSE_PROTOCOL.timepointWindowDays}; 0: one timepoint per date)`,
  `--sd-days N        RECIST: stable disease counts as best response from N days after baseline`,
  `                   (default ${DEFAULT_RESPONSE_PROTOCOL.stableDiseaseMinDays})`,
]

/** A whole number of days of --name within the protocol's limits, or its default. */
function protocolDays(args: ParsedArgs, name: string, key: keyof ResponseProtocol): number {
  const raw = args.values[name]
  if (raw === undefined) return DEFAULT_RESPONSE_PROTOCOL[key]
  const [low, high] = RESPONSE_PROTOCOL_LIMITS[key]
  const days = Number(raw)
  if (!Number.isInteger(days) || days < low || days > high) {
    throw new UsageError(
      `--${name} must be a whole number of days from ${low} to ${high}, got '${String(raw)}'`,
    )
  }
  return days
}

/** The RECIST protocol of --timepoint-days and --sd-days. */
function responseProtocolOption(args: ParsedArgs): ResponseProtocol {
  return {
    timepointWindowDays: protocolDays(args, 'timepoint-days', 'timepointWindowDays'),
    stableDiseaseMinDays: protocolDays(args, 'sd-days', 'stableDiseaseMinDays'),
  }
}

/** Reads --alignment (default 'images'). */
export function alignmentModeOption(args: ParsedArgs): AlignmentMode {
  const raw = args.values.alignment ?? 'images'
  if (raw !== 'images' && raw !== 'bookmarks') {
    throw new UsageError(`--alignment must be 'images' or 'bookmarks', got '${String(raw)}'`)
  }
  return raw
}

function readDecisions(path: string): TrackDecision[] {
  let json: unknown
  try {
    json = JSON.parse(readFileSync(path, 'utf8'))
  } catch (error) {
    throw new UsageError(`cannot read decisions from ${path}: ${(error as Error).message}`)
  }
  const checked = checkDecisions(json, path)
  if (!checked.ok) throw new UsageError(`${checked.error.message}. ${checked.error.hint}`)
  return checked.value
}

export interface TrackedFolder {
  result: ImportResult
  tracked: TrackedImport
  model: MatcherModel
  /** e.g. 'lesiontrack-matcher 1.3.0'. */
  matcher: string
  alignment: AlignmentMode
  /** Every decision of --decisions: the matcher's and the reader's RECIST choices. */
  decisions: TrackDecision[]
  /** The trial protocol the RECIST reading follows (--timepoint-days, --sd-days). */
  protocol: ResponseProtocol
  embedder: EmbedderInfo | null
}

/**
 * Imports `dirs` as one export (a follow-up exported on its own beside the earlier studies) and
 * tracks every patient with the options of `args`.
 */
export async function trackFolders(
  dirs: readonly string[],
  args: ParsedArgs,
): Promise<TrackedFolder> {
  const decisions =
    typeof args.values.decisions === 'string' ? readDecisions(args.values.decisions) : []
  const model = loadMatcherModel(
    typeof args.values.model === 'string' ? args.values.model : undefined,
  )
  const alignment = alignmentModeOption(args)
  const provider = providerOption(args)
  const protocol = responseProtocolOption(args)
  const progress = progressReporter()
  // One patient's volumes in memory at a time: a folder of many patients fits any machine.
  const result = await importFolders(dirs, {
    deferPixels: true,
    onProgress: ({ phase, done, total }) =>
      progress.report(phase === 'headers' ? 'Reading file headers' : 'Reading pixels', done, total),
  })
  // Measured lesions are bookmarks like the imported ones: embedded, matched, read, exported.
  const measured = measuredBookmarksOfImport(result, decisions)
  const types = readerTypes(decisions)
  result.bookmarks = withReaderTypes(
    [...result.bookmarks, ...measured.bookmarks],
    types,
    (b) => b.bookmarkId,
  )
  for (const bookmarkId of typedButMissing(
    types,
    new Set(result.bookmarks.map((b) => b.bookmarkId)),
  )) {
    result.issues.push(
      importIssue(
        String(args.values.decisions),
        'unplaced-type',
        `the type given to bookmark ${bookmarkId} is left out: no imported bookmark has that id`,
        'Import the folder that holds its study, or remove it from the decisions file.',
        'warning',
      ),
    )
  }
  for (const { bookmarkId, problem } of measured.unplaced) {
    result.issues.push(
      importIssue(
        String(args.values.decisions),
        'unplaced-measurement',
        `the measurement ${bookmarkId} is left out: ${problem}`,
        'Import the folder that holds its study, or remove it from the decisions file.',
        'warning',
      ),
    )
  }
  const embedder = args.values['without-embeddings']
    ? undefined
    : await EmbeddingWorker.open(
        typeof args.values.embedder === 'string' ? args.values.embedder : defaultModelCardPath(),
        { provider },
      )
  progress.end()
  if (embedder?.info.notice) process.stderr.write(`notice: ${embedder.info.notice}\n`)
  const tracked = await trackImport(result, {
    model,
    alignment,
    embedder,
    decisions: matcherDecisions(decisions),
    onPatientProgress: (done, total) =>
      progress.report('Aligning and embedding patients', done, total),
  }).finally(() => {
    progress.end()
    return embedder?.close()
  })
  result.issues.push(...tracked.imageIssues)
  return {
    result,
    tracked,
    model,
    matcher: `${model.name} ${model.version}`,
    alignment,
    decisions,
    protocol,
    embedder: embedder?.info ?? null,
  }
}
