/**
 * `lesiontrack track DIR`: imports a folder, matches every patient's bookmarks into tracks
 * (keeping the user decisions given), and writes the tracks as JSON or CSV.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { extname } from 'node:path'
import { importFolder } from '../../core/import/import-folder'
import { lesionsFromBookmarks } from '../../core/match/from-bookmarks'
import { matchAllPatients, unplacedDecisions } from '../../core/match/match-all'
import { loadMatcherModel } from '../../core/match/model'
import { tracksToCsv, tracksToJson } from '../../core/match/track-export'
import type { UserDecision } from '../../core/match/types'
import { UsageError, stringOption, type Command } from '../command'

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
  usage: 'DIR --out tracks.json|tracks.csv [--decisions FILE] [--model matcher.json] [--json]',
  details: [
    'DIR                a DICOM export (CT + SR bookmarks) or a DeepLesion layout',
    '--out FILE         .json: tracks, links with probabilities and reasons, study transforms,',
    '                   issues; .csv: one row per bookmark with its track and patient-frame centre',
    '--decisions FILE   JSON array of user decisions kept on every run:',
    '                   {"kind":"confirm-link"|"reject-link","lesionIdA","lesionIdB"},',
    '                   {"kind":"mark-new","lesionId"} (ids are bookmark ids)',
    '--model FILE       matcher parameters (default resources/models/matcher.json)',
    '--json             print a summary as JSON',
    'Exit status: 0 when every bookmark could be matched, 1 when some import or match error occurred.',
  ],
  options: {
    out: { type: 'string' },
    decisions: { type: 'string' },
    model: { type: 'string' },
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
    const result = await importFolder(dir)
    result.volumes.clear()
    const studiesByPatient = new Map<string, { studyId: string; studyOrder: number }[]>()
    for (const s of result.studies) {
      const list = studiesByPatient.get(s.patientId) ?? []
      list.push({ studyId: s.studyInstanceUid, studyOrder: s.studyIndex })
      studiesByPatient.set(s.patientId, list)
    }
    const lesions = lesionsFromBookmarks(result.bookmarks, result.studies)
    const matches = matchAllPatients(lesions, model, { decisions, studiesByPatient })
    const matcher = `${model.name} ${model.version}`
    writeFileSync(
      out,
      format === '.csv'
        ? tracksToCsv(matches, result.bookmarks, result.studies)
        : JSON.stringify(tracksToJson(matches, matcher), null, 2) + '\n',
    )
    const matchIssues = [
      ...unplacedDecisions(lesions, decisions),
      ...matches.flatMap((m) => m.issues),
    ]
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
      out,
    }
    if (args.values.json) {
      process.stdout.write(JSON.stringify(summary, null, 2) + '\n')
    } else {
      const lines = [
        `${summary.patients} patient(s), ${summary.bookmarks} bookmark(s) → ${summary.tracks} track(s) (${summary.keptLinks} links) with ${matcher}; written to ${out}`,
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
