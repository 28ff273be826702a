/**
 * Everything exported for one patient: the CSV and JSON of its tracks, and — only when nothing is
 * de-identified, since they refer to the original images — its DICOM SR reports.
 */
import type { PatientRecords } from '../../api/records'
import type { PatientTracks } from '../../api/tracks'
import type { Pseudonyms } from './pseudonyms'
import { exportFileBase, trackExportFiles, type ExportFile } from './track-files'
import { trackedReports } from './tracked-sr'

/**
 * The files of one patient and what was left out of them, and why. With `pseudonyms` the tables
 * are de-identified and no SR is made.
 */
export function patientExportFiles(
  tracks: PatientTracks,
  records: PatientRecords,
  pseudonyms: Pseudonyms | null,
): { files: ExportFile[]; notes: string[] } {
  const tables = trackExportFiles(tracks, records, pseudonyms)
  if (pseudonyms) return { files: tables, notes: [] }
  const reports = trackedReports(tracks, records, exportFileBase(records.patient.patientId))
  return { files: [...tables, ...reports.files], notes: reports.notes }
}
