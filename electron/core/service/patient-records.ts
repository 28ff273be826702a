/**
 * One patient's records out of an import (what getPatient answers and exports read): the patient,
 * its studies, their series without per-slice file lists, and its bookmarks.
 */
import { toSeriesRecord, type PatientRecords } from '../../api/records'
import type { ImportResult } from '../import/result'
import type { Patient } from '../model/types'

/** The records of `patient` within `result`. */
export function patientRecordsOf(
  result: Pick<ImportResult, 'studies' | 'series' | 'bookmarks'>,
  patient: Patient,
): PatientRecords {
  const studies = result.studies.filter((s) => s.patientId === patient.patientId)
  const studyUids = new Set(studies.map((s) => s.studyInstanceUid))
  return {
    patient,
    studies,
    series: result.series.filter((s) => studyUids.has(s.studyInstanceUid)).map(toSeriesRecord),
    bookmarks: result.bookmarks.filter((b) => b.patientId === patient.patientId),
  }
}
