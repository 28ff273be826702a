/**
 * Builds the Patient, Study and Series records of the imported CT series from their headers:
 * dates as YYYY-MM-DD, and each patient's studies numbered by date (studyIndex).
 */
import type { VolumeGeometry } from '../geometry/frames'
import type { ImportIssue, Patient, Series, Study } from '../model/types'
import type { ImageHeader } from '../dicom/image-header'
import { patientIdOf, standInWarning } from './patient-identity'

/**
 * One CT series that made it into a volume: its ordered slices, the k of each (places between
 * them are slices missing from the export) and its geometry.
 */
export interface ImportedSeries {
  slices: ImageHeader[]
  sliceIndices: readonly number[]
  geometry: VolumeGeometry
}

/** DICOM DA (YYYYMMDD) → YYYY-MM-DD; '' when the value is not a valid date. */
export function isoDate(da: string): string {
  const match = /^(\d{4})\.?(\d{2})\.?(\d{2})$/.exec(da.trim())
  if (!match) return ''
  const [, year, month, day] = match
  const date = new Date(`${year}-${month}-${day}T00:00:00Z`)
  return Number.isNaN(date.getTime()) || date.getUTCDate() !== Number(day)
    ? ''
    : `${year}-${month}-${day}`
}

function sexOf(value: string): Patient['sex'] {
  return value === 'M' || value === 'F' || value === 'O' ? value : ''
}

/** `value` of each slice at its k, `empty` at the places of slices missing from the export. */
function byK<T>(
  { slices, sliceIndices, geometry }: ImportedSeries,
  value: (slice: ImageHeader) => T,
  empty: T,
): T[] {
  const values = new Array<T>(geometry.dims[2]).fill(empty)
  slices.forEach((slice, n) => (values[sliceIndices[n]] = value(slice)))
  return values
}

function seriesRecord(imported: ImportedSeries): Series {
  const first = imported.slices[0]
  return {
    seriesInstanceUid: first.seriesInstanceUid,
    studyInstanceUid: first.studyInstanceUid,
    modality: first.modality,
    description: first.seriesDescription,
    seriesNumber: first.seriesNumber,
    geometry: imported.geometry,
    ...(first.frameOfReferenceUid ? { frameOfReferenceUid: first.frameOfReferenceUid } : {}),
    sopInstanceUids: byK(imported, (slice) => slice.sopInstanceUid, ''),
    sopClassUids: byK(imported, (slice) => slice.sopClassUid, ''),
    sourceFiles: byK(imported, (slice) => slice.path, ''),
    ...(imported.slices.some((slice) => slice.frame)
      ? { frameNumbers: byK(imported, (slice) => slice.frame?.number ?? 0, 0) }
      : {}),
  }
}

/**
 * Patients, studies and series for the imported series. A study appears only with at least one
 * imported series; studyIndex counts from 1 within a patient by study date, then time, then UID.
 * Studies without a PatientID are filed under a stand-in (patient-identity.ts), said in `issues`.
 */
export function buildRecords(imported: ImportedSeries[]): {
  patients: Patient[]
  studies: Study[]
  series: Series[]
  issues: ImportIssue[]
} {
  const issues: ImportIssue[] = []
  const series = imported.map(seriesRecord)
  const studies = new Map<string, Study & { studyTime: string }>()
  const patients = new Map<string, Patient>()
  for (const { slices } of imported) {
    const first = slices[0]
    let study = studies.get(first.studyInstanceUid)
    const patientId = patientIdOf(first)
    if (!study) {
      const standIn = standInWarning(first)
      if (standIn) issues.push(standIn)
      study = {
        studyInstanceUid: first.studyInstanceUid,
        patientId,
        studyDate: isoDate(first.studyDate),
        studyTime: first.studyTime,
        studyIndex: 0,
        description: first.studyDescription,
        accessionNumber: first.accessionNumber,
        seriesUids: [],
      }
      studies.set(study.studyInstanceUid, study)
    }
    study.seriesUids.push(first.seriesInstanceUid)
    if (!patients.has(patientId)) {
      patients.set(patientId, {
        patientId,
        name: first.patientName,
        birthDate: isoDate(first.patientBirthDate),
        sex: sexOf(first.patientSex),
        studyUids: [],
      })
    }
  }
  // Undated studies sort last: '' is replaced by a key after every date.
  const order = (s: Study & { studyTime: string }) =>
    `${s.studyDate || '9999-99-99'} ${s.studyTime.padEnd(13, '0')} ${s.studyInstanceUid}`
  const byDate = [...studies.values()].sort((a, b) =>
    order(a) < order(b) ? -1 : order(a) > order(b) ? 1 : 0,
  )
  for (const study of byDate) {
    const patient = patients.get(study.patientId)!
    patient.studyUids.push(study.studyInstanceUid)
    study.studyIndex = patient.studyUids.length
  }
  return {
    patients: [...patients.values()],
    studies: byDate.map(({ studyTime: _studyTime, ...study }) => study),
    series,
    issues,
  }
}
