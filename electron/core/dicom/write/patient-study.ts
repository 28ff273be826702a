/**
 * Patient-level attributes shared by the CT and SR writers, and the date conversions they need.
 * Dates inside LesionTrack are YYYY-MM-DD; DICOM DA is YYYYMMDD.
 */
import { el, type Dataset } from './encoder'

export interface DicomPatient {
  patientId: string
  /** DICOM person name, e.g. 'SYNTHETIC^PATIENT 001'. */
  name: string
  /** YYYY-MM-DD or ''. */
  birthDate: string
  sex: 'M' | 'F' | 'O' | ''
}

/** YYYY-MM-DD → YYYYMMDD ('' stays ''). */
export function dicomDate(isoDate: string): string {
  if (isoDate === '') return ''
  if (!/^\d{4}-\d{2}-\d{2}$/.test(isoDate)) throw new Error(`date '${isoDate}' is not YYYY-MM-DD`)
  return isoDate.replaceAll('-', '')
}

/** Age at a date as DICOM AS ('063Y'), '' when either date is unknown. */
export function dicomAge(birthDate: string, atDate: string): string {
  if (birthDate === '' || atDate === '') return ''
  const [by, bm, bd] = birthDate.split('-').map(Number)
  const [ay, am, ad] = atDate.split('-').map(Number)
  const years = ay - by - (am < bm || (am === bm && ad < bd) ? 1 : 0)
  return `${String(Math.max(0, years)).padStart(3, '0')}Y`
}

/** Patient module elements; PatientAge is computed at `studyDate`. */
export function dicomPatientModule(patient: Partial<DicomPatient>, studyDate: string): Dataset {
  const birthDate = patient.birthDate ?? ''
  return [
    el(0x00100010, 'PN', patient.name ?? ''),
    el(0x00100020, 'LO', patient.patientId ?? ''),
    el(0x00100030, 'DA', dicomDate(birthDate)),
    el(0x00100040, 'CS', patient.sex ?? ''),
    el(0x00101010, 'AS', dicomAge(birthDate, studyDate)),
  ]
}
