/**
 * `lesiontrack export DIR… --out FOLDER`: the research export of every patient of a folder at once
 * — per patient a CSV (one row per bookmark) and a JSON document with the tracks and the RECIST
 * reading, de-identified with a salt file on request, else with one DICOM SR per study.
 */
import { randomBytes } from 'node:crypto'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { createPseudonyms, type Pseudonyms } from '../../core/export/pseudonyms'
import { patientExportFiles } from '../../core/export/patient-export'
import type { ExportFile } from '../../core/export/track-files'
import { writeExportFiles } from '../../core/export/write-export'
import { patientRecordsOf } from '../../core/service/patient-records'
import { toPatientTracks } from '../../core/service/patient-tracks'
import { UsageError, stringOption, type Command } from '../command'
import { importIssueLines } from '../issue-lines'
import { FOLDERS_DETAILS, TRACKING_DETAILS, TRACKING_OPTIONS, trackFolders } from './track-folder'

/** Shortest salt accepted: 128 bits in hex. */
const MIN_SALT_HEX = 32

/** The salt in `path`, made there (readable by its owner only) when the file does not exist. */
function readSalt(path: string): { salt: string; created: boolean } {
  if (!existsSync(path)) {
    const salt = randomBytes(32).toString('hex')
    writeFileSync(path, `${salt}\n`, { mode: 0o600 })
    return { salt, created: true }
  }
  const salt = readFileSync(path, 'utf8').trim()
  if (!new RegExp(`^[0-9a-f]{${MIN_SALT_HEX},}$`).test(salt)) {
    throw new UsageError(
      `${path} is not a salt file (at least ${MIN_SALT_HEX} hex digits); give a new path and one is made`,
    )
  }
  return { salt, created: false }
}

export const exportCommand: Command = {
  name: 'export',
  summary:
    "write every patient's tracks for research: CSV, JSON, HTML report (de-identified) or with DICOM SR",
  usage:
    'DIR [DIR…] --out FOLDER [--deidentify --salt FILE] [--decisions FILE] [tracking options] [--json]',
  details: [
    ...FOLDERS_DETAILS,
    '--out FOLDER       where the files go (created if missing): per patient <id>-tracks.csv (one',
    '                   row per bookmark: track, study, diameters, link probability, RECIST target',
    '                   and category) and <id>-tracks.json (tracks, studies, RECIST reading); without',
    '                   --deidentify also <id>-study<N>-tracks-sr.dcm, a TID 1500 report per study',
    '                   whose measurements carry their track as tracking identifier and UID',
    '--deidentify       pseudonymous patient ids and UIDs, days from the first study instead of',
    '                   dates, no names, birth dates, sex or descriptions; no DICOM SR',
    '--salt FILE        secret salt of the pseudonyms (made when missing): the same file gives the',
    '                   same pseudonyms on every run; keep it apart from the exported files',
    ...TRACKING_DETAILS,
    '--json             print a summary as JSON',
    'All files are written, or none: a failure leaves no partial file behind.',
  ],
  options: {
    out: { type: 'string' },
    deidentify: { type: 'boolean' },
    salt: { type: 'string' },
    ...TRACKING_OPTIONS,
    json: { type: 'boolean' },
  },
  async run(args) {
    const dirs = args.positionals
    if (dirs.length === 0) throw new UsageError('give the folder to read (or several, read as one)')
    const out = stringOption(args, 'out')
    const deidentify = args.values.deidentify === true
    let pseudonyms: Pseudonyms | null = null
    if (deidentify) {
      if (typeof args.values.salt !== 'string') {
        throw new UsageError(
          '--deidentify needs --salt FILE, so that a patient keeps one pseudonym across exports',
        )
      }
      const { salt, created } = readSalt(args.values.salt)
      if (created) process.stderr.write(`notice: made the salt file ${args.values.salt}\n`)
      pseudonyms = createPseudonyms(salt)
    }
    const { result, tracked, matcher, decisions, protocol, embedder } = await trackFolders(
      dirs,
      args,
    )
    const provenance = {
      matcher,
      embedder: embedder && {
        modelVersion: embedder.modelVersion,
        executionProvider: embedder.executionProvider,
      },
    }
    const files: ExportFile[] = []
    const notes: string[] = []
    for (const match of tracked.matches) {
      const patient = result.patients.find((p) => p.patientId === match.patientId)
      if (!patient) continue
      const records = patientRecordsOf(result, patient)
      const tracks = toPatientTracks(
        match,
        result.bookmarks,
        result.studies,
        provenance,
        decisions,
        protocol,
      )
      const exported = patientExportFiles(tracks, records, pseudonyms)
      files.push(...exported.files)
      notes.push(...exported.notes)
    }
    const written = await writeExportFiles(out, files)
    const summary = {
      patients: tracked.matches.length,
      files: written.length,
      deidentified: deidentify,
      out,
      notes,
      importIssues: result.issues.length,
    }
    if (args.values.json) {
      process.stdout.write(JSON.stringify(summary, null, 2) + '\n')
    } else {
      const lines = [
        `${summary.patients} patient(s): ${summary.files} file(s) written to ${out}${deidentify ? ', de-identified' : ''}`,
        ...notes,
        ...importIssueLines(result.issues, false),
      ]
      process.stdout.write(lines.join('\n') + '\n')
    }
    return result.issues.some((i) => i.severity === 'error') ? 1 : 0
  },
}
