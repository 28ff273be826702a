/**
 * `lesiontrack track DIR…`: imports a folder (or several, as one export), aligns each patient's
 * studies (CT volumes, then bookmarks), embeds the bookmarks, matches them into tracks under the
 * user's decisions, writes JSON or CSV.
 */
import { writeFileSync } from 'node:fs'
import { extname } from 'node:path'
import type { PatientImageAlignment, StudyImageAlignment } from '../../core/align'
import { tracksToCsv, tracksToJson } from '../../core/match/track-export'
import { toPatientTracks } from '../../core/service/patient-tracks'
import { UsageError, stringOption, type Command } from '../command'
import { importIssueLines } from '../issue-lines'
import { FOLDERS_DETAILS, TRACKING_DETAILS, TRACKING_OPTIONS, trackFolders } from './track-folder'

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

export const trackCommand: Command = {
  name: 'track',
  summary: 'match the bookmarks of a folder into lesion tracks and write them (JSON or CSV)',
  usage:
    'DIR [DIR…] --out tracks.json|tracks.csv [--decisions FILE] [--model matcher.json] [--alignment MODE] [--embedder CARD] [--provider P] [--without-embeddings] [--timepoint-days N] [--sd-days N] [--json]',
  details: [
    ...FOLDERS_DETAILS,
    '--out FILE         .json: tracks, links with probabilities and reasons, study transforms,',
    '                   issues, RECIST 1.1 response (targets, sum and category per study, the rule',
    '                   behind each); .csv: one row per bookmark with its track and patient-frame centre',
    ...TRACKING_DETAILS,
    'With --alignment images the JSON gets "imageAlignment": per patient the reference study and,',
    '                   per study, its translation (mm, scanner LPS → reference scanner LPS) and',
    '                   confidence, or why it was refused',
    '--json             print a summary as JSON',
    'Exit status: 0 when every bookmark could be matched, 1 when some import or match error occurred.',
  ],
  options: {
    out: { type: 'string' },
    ...TRACKING_OPTIONS,
    json: { type: 'boolean' },
  },
  async run(args) {
    const dirs = args.positionals
    if (dirs.length === 0) throw new UsageError('give the folder to read (or several, read as one)')
    const out = stringOption(args, 'out')
    const format = extname(out).toLowerCase()
    if (format !== '.json' && format !== '.csv') {
      throw new UsageError(`--out must end in .json or .csv, got '${out}'`)
    }
    const { result, tracked, matcher, alignment, decisions, protocol, embedder } =
      await trackFolders(dirs, args)
    const { matches, lesions, imageAlignment } = tracked
    const followUps = followUpStudies(imageAlignment)
    const responses = new Map(
      matches.map((m) => [
        m.patientId,
        toPatientTracks(
          m,
          result.bookmarks,
          result.studies,
          { matcher, embedder: null },
          decisions,
          protocol,
        ).response,
      ]),
    )
    const json = {
      ...(tracksToJson(matches, matcher, responses) as object),
      embedder: embedder
        ? {
            modelVersion: embedder.modelVersion,
            executionProvider: embedder.executionProvider,
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
          ? `embeddings: ${summary.embedded} of ${summary.bookmarks} bookmark(s) by ${embedder.modelVersion} on ${embedder.executionProvider}`
          : 'embeddings: none (--without-embeddings)',
        ...(alignment === 'images' ? imageAlignmentLines(followUps) : []),
      ]
      lines.push(...importIssueLines(result.issues))
      for (const issue of matchIssues)
        lines.push(`${issue.severity}: ${issue.subject}: ${issue.message}`, `  → ${issue.hint}`)
      process.stdout.write(lines.join('\n') + '\n')
    }
    return errors > 0 ? 1 : 0
  },
}
