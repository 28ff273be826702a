/**
 * `lesiontrack track DIR`: imports a folder, aligns each patient's studies (CT volumes, then
 * bookmarks), embeds the bookmarks, matches them into tracks under the user's decisions, writes
 * JSON or CSV.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { extname } from 'node:path'
import type { PatientImageAlignment, StudyImageAlignment } from '../../core/align'
import { EmbeddingWorker } from '../../core/embed/embedding-worker'
import { defaultModelCardPath } from '../../core/embed/model-card'
import { importFolder } from '../../core/import/import-folder'
import { loadMatcherModel } from '../../core/match/model'
import { tracksToCsv, tracksToJson } from '../../core/match/track-export'
import type { UserDecision } from '../../core/match/types'
import { toPatientTracks } from '../../core/service/patient-tracks'
import type { AlignmentMode } from '../../core/tracking/align-and-embed'
import { trackImport } from '../../core/tracking/track-import'
import { UsageError, stringOption, type Command, type ParsedArgs } from '../command'
import { providerOption } from './embed'

/** Reads --alignment (default 'images'). */
export function alignmentModeOption(args: ParsedArgs): AlignmentMode {
  const raw = args.values.alignment ?? 'images'
  if (raw !== 'images' && raw !== 'bookmarks') {
    throw new UsageError(`--alignment must be 'images' or 'bookmarks', got '${String(raw)}'`)
  }
  return raw
}

/** Every patient's studies other than its reference: the ones the images had to place. */
function followUpStudies(
  alignments: ReadonlyMap<string, PatientImageAlignment>,
): StudyImageAlignment[] {
  return [...alignments.values()].flatMap((a) =>
    a.studies.filter((s) => s.studyId !== a.referenceStudyId),
  )
}

/** A summary line, then one line per study the images could not place. */
function imageAlignmentLines(followUps: readonly StudyImageAlignment[]): string[] {
  const refused = followUps.filter((s) => !s.translationMm)
  return [
    `image alignment: ${followUps.length - refused.length} of ${followUps.length} follow-up stud(ies) placed in their patient's frame`,
    ...refused.map(
      (s) =>
        `  study ${s.studyId}: not placed from the images (${s.refusal}); aligned from its bookmarks`,
    ),
  ]
}

function isDecision(value: unknown): value is UserDecision {
  if (typeof value !== 'object' || value === null) return false
  const d = value as Record<string, unknown>
  if (d.kind === 'mark-new') return typeof d.lesionId === 'string'
  return (
    (d.kind === 'confirm-link' || d.kind === 'reject-link') &&
    typeof d.lesionIdA === 'string' &&
    typeof d.lesionIdB === 'string'
  )
}

function readDecisions(path: string): UserDecision[] {
  let json: unknown
  try {
    json = JSON.parse(readFileSync(path, 'utf8'))
  } catch (error) {
    throw new UsageError(`cannot read decisions from ${path}: ${(error as Error).message}`)
  }
  if (!Array.isArray(json)) throw new UsageError(`${path}: decisions must be a JSON array`)
  json.forEach((d, k) => {
    if (!isDecision(d)) {
      throw new UsageError(
        `${path}: decision ${k} must be {"kind":"confirm-link"|"reject-link","lesionIdA","lesionIdB"} or {"kind":"mark-new","lesionId"}`,
      )
    }
  })
  return json as UserDecision[]
}

export const trackCommand: Command = {
  name: 'track',
  summary: 'match the bookmarks of a folder into lesion tracks and write them (JSON or CSV)',
  usage:
    'DIR --out tracks.json|tracks.csv [--decisions FILE] [--model matcher.json] [--alignment MODE] [--embedder CARD] [--provider P] [--without-embeddings] [--json]',
  details: [
    'DIR                a DICOM export (CT + SR bookmarks) or a DeepLesion layout',
    '--out FILE         .json: tracks, links with probabilities and reasons, study transforms,',
    '                   issues, RECIST 1.1 response (targets, sum and category per study, the rule',
    '                   behind each); .csv: one row per bookmark with its track and patient-frame centre',
    '--decisions FILE   JSON array of user decisions kept on every run:',
    '                   {"kind":"confirm-link"|"reject-link","lesionIdA","lesionIdB"},',
    '                   {"kind":"mark-new","lesionId"} (ids are bookmark ids)',
    '--model FILE       matcher parameters (default resources/models/matcher.json)',
    "--alignment MODE   images (default): register each patient's CT volumes along the body and",
    '                   in-plane, and start the bookmark alignment from those translations;',
    '                   bookmarks: align from the bookmarks only. Folders without complete DICOM',
    '                   CT series (the DeepLesion layout) are always aligned from the bookmarks.',
    '                   The JSON gets "imageAlignment": per patient the reference study and, per',
    '                   study, its translation (mm, scanner LPS → reference scanner LPS) and',
    '                   confidence, or why it was refused',
    '--embedder CARD    lesion embedding model card (default resources/models/lesion-embedder.json)',
    '--provider P       its execution provider: auto (default) or cuda, dml, coreml, webgpu, cpu',
    '--without-embeddings  match on position, size and type only (as on DLS, which has no images);',
    '                   bookmarks whose series has no voxels are always matched that way',
    '--json             print a summary as JSON',
    'Exit status: 0 when every bookmark could be matched, 1 when some import or match error occurred.',
  ],
  options: {
    out: { type: 'string' },
    decisions: { type: 'string' },
    model: { type: 'string' },
    alignment: { type: 'string' },
    embedder: { type: 'string' },
    provider: { type: 'string' },
    'without-embeddings': { type: 'boolean' },
    json: { type: 'boolean' },
  },
  async run(args) {
    const [dir, ...extra] = args.positionals
    if (!dir || extra.length > 0) throw new UsageError('give exactly one folder')
    const out = stringOption(args, 'out')
    const format = extname(out).toLowerCase()
    if (format !== '.json' && format !== '.csv') {
      throw new UsageError(`--out must end in .json or .csv, got '${out}'`)
    }
    const decisions =
      typeof args.values.decisions === 'string' ? readDecisions(args.values.decisions) : []
    const model = loadMatcherModel(
      typeof args.values.model === 'string' ? args.values.model : undefined,
    )
    const alignment = alignmentModeOption(args)
    const provider = providerOption(args)
    // One patient's volumes in memory at a time: a folder of many patients fits any machine.
    const result = await importFolder(dir, { deferPixels: true })
    const embedder = args.values['without-embeddings']
      ? undefined
      : await EmbeddingWorker.open(
          typeof args.values.embedder === 'string' ? args.values.embedder : defaultModelCardPath(),
          { provider },
        )
    if (embedder?.info.notice) process.stderr.write(`notice: ${embedder.info.notice}\n`)
    const tracked = await trackImport(result, { model, alignment, embedder, decisions }).finally(
      () => embedder?.close(),
    )
    result.issues.push(...tracked.imageIssues)
    const { matches, lesions, imageAlignment } = tracked
    const followUps = followUpStudies(imageAlignment)
    const matcher = `${model.name} ${model.version}`
    const responses = new Map(
      matches.map((m) => [
        m.patientId,
        toPatientTracks(m, result.bookmarks, result.studies, { matcher, embedder: null }, decisions)
          .response,
      ]),
    )
    const json = {
      ...(tracksToJson(matches, matcher, responses) as object),
      embedder: embedder
        ? {
            modelVersion: embedder.info.modelVersion,
            executionProvider: embedder.info.executionProvider,
            embedded: tracked.embeddings?.vectors.size ?? 0,
          }
        : null,
      imageAlignment: [...imageAlignment].map(([patientId, a]) => ({ patientId, ...a })),
    }
    writeFileSync(
      out,
      format === '.csv'
        ? tracksToCsv(matches, result.bookmarks, result.studies)
        : JSON.stringify(json, null, 2) + '\n',
    )
    const matchIssues = tracked.issues
    const errors =
      result.issues.filter((i) => i.severity === 'error').length +
      matchIssues.filter((i) => i.severity === 'error').length
    const summary = {
      patients: matches.length,
      bookmarks: lesions.length,
      tracks: matches.reduce((n, m) => n + m.tracks.length, 0),
      keptLinks: matches.reduce((n, m) => n + m.links.filter((l) => l.kept).length, 0),
      importIssues: result.issues.length,
      matchIssues: matchIssues.length,
      alignment,
      embedded: tracked.embeddings?.vectors.size ?? 0,
      imagePlacedFollowUps: followUps.filter((s) => s.translationMm).length,
      followUps: followUps.length,
      out,
    }
    if (args.values.json) {
      process.stdout.write(JSON.stringify(summary, null, 2) + '\n')
    } else {
      const lines = [
        `${summary.patients} patient(s), ${summary.bookmarks} bookmark(s) → ${summary.tracks} track(s) (${summary.keptLinks} links) with ${matcher}; written to ${out}`,
        embedder
          ? `embeddings: ${summary.embedded} of ${summary.bookmarks} bookmark(s) by ${embedder.info.modelVersion} on ${embedder.info.executionProvider}`
          : 'embeddings: none (--without-embeddings)',
        ...(alignment === 'images' ? imageAlignmentLines(followUps) : []),
      ]
      for (const issue of result.issues)
        lines.push(`${issue.severity}: ${issue.file}: ${issue.message}`, `  → ${issue.hint}`)
      for (const issue of matchIssues)
        lines.push(`${issue.severity}: ${issue.subject}: ${issue.message}`, `  → ${issue.hint}`)
      process.stdout.write(lines.join('\n') + '\n')
    }
    return errors > 0 ? 1 : 0
  },
}
