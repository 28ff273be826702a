/**
 * Which patient a study belongs to. PatientID (0010,0020) decides; it may be empty (a Type 2
 * attribute, blanked by many de-identification tools), and grouping every such study under the
 * empty ID would follow one person's lesions into another's scans. Without an ID, studies are
 * grouped only on positive evidence — the same patient name and birth date — and a study with
 * neither is a patient of its own. Each study filed under a stand-in is said once, as a warning.
 */
import { createHash } from 'node:crypto'
import { importIssue } from '../model/import-issue'
import type { ImportIssue } from '../model/types'
import type { ImageHeader } from '../dicom/image-header'

/** Prefix of the stand-in IDs, so that nobody takes one for a hospital's patient ID. */
export const NO_ID_PREFIX = 'NO-ID-'

/** The patient attributes of a study's first slice that identity is decided on. */
type PatientFields = Pick<
  ImageHeader,
  'path' | 'patientId' | 'patientName' | 'patientBirthDate' | 'studyInstanceUid' | 'studyDate'
>

function standIn(evidence: string): string {
  return (
    NO_ID_PREFIX + createHash('sha256').update(evidence).digest('hex').slice(0, 8).toUpperCase()
  )
}

/** The patient ID a study is filed under: its PatientID, or a stand-in (see the module comment). */
export function patientIdOf(study: PatientFields): string {
  const id = study.patientId.trim()
  if (id) return id
  const name = study.patientName.trim()
  if (name) return standIn(`name\u0000${name}\u0000${study.patientBirthDate.trim()}`)
  return standIn(`study\u0000${study.studyInstanceUid}`)
}

const SET_ID_HINT =
  'If studies of one patient are meant, give their files the same PatientID (0010,0020), e.g. with dcmodify -i "(0010,0020)=ID", and import them again; until then each group is followed on its own.'

/** The warning for one study filed under a stand-in ID, or null when it has a PatientID. */
export function standInWarning(study: PatientFields): ImportIssue | null {
  if (study.patientId.trim()) return null
  const id = patientIdOf(study)
  const name = study.patientName.trim()
  const date = study.studyDate.replace(/^(\d{4})(\d{2})(\d{2})$/, '$1-$2-$3')
  const what = `Study ${study.studyInstanceUid}${date ? ` of ${date}` : ''} has no PatientID (0010,0020)`
  const message = name
    ? `${what}: it is filed as patient ${id}, with the other studies of the same patient name and birth date (${name}, ${study.patientBirthDate.trim() || 'no birth date'}).`
    : `${what} nor patient name: it is filed as patient ${id} on its own, so its lesions are not followed into other studies.`
  return importIssue(study.path, 'no-patient-id', message, SET_ID_HINT, 'warning')
}
