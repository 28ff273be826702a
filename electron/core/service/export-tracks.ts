/**
 * The exportTracks call: the patient's tracks under the user's decisions written as CSV and JSON
 * into the chosen folder, de-identified with this installation's secret salt when asked, else
 * with a DICOM SR per study that carries each track's tracking identifier and UID.
 */
import { randomBytes } from 'node:crypto'
import type { ApiRequest, ApiResponse } from '../../api/contract'
import { createPseudonyms } from '../export/pseudonyms'
import { patientExportFiles } from '../export/patient-export'
import { writeExportFiles } from '../export/write-export'
import { ServiceError } from './errors'
import type { LoadedSession } from './session'
import type { SettingsStore } from './settings'

/** The salt of de-identified exports, made and kept in the settings the first time. */
function exportSalt(settings: SettingsStore): string {
  const stored = settings.get('exportSalt')
  if (stored) return stored
  const salt = randomBytes(32).toString('hex')
  settings.set('exportSalt', salt)
  return salt
}

/** Said when a de-identified export leaves the DICOM SR out. */
export const SR_NEEDS_IDENTITY =
  'No DICOM SR was written: it refers to the original images by their UIDs, so it is written only without de-identification.'

/** Writes the export files of one patient; see the module comment. */
export async function exportTracks(
  session: LoadedSession,
  settings: SettingsStore,
  request: ApiRequest<'exportTracks'>,
): Promise<ApiResponse<'exportTracks'>> {
  const { patientId, folder, decisions, deidentify } = request
  const records = session.patientRecords(patientId, decisions)
  const protocol = settings.get('responseProtocol')
  const tracks =
    decisions.length > 0
      ? await session.matchTracks(patientId, decisions, protocol)
      : session.patientTracks(patientId, protocol)
  const pseudonyms = deidentify ? createPseudonyms(exportSalt(settings)) : null
  const exported = patientExportFiles(tracks, records, pseudonyms)
  try {
    const files = await writeExportFiles(folder, exported.files)
    return { files, notes: deidentify ? [SR_NEEDS_IDENTITY] : exported.notes }
  } catch (error) {
    throw new ServiceError(
      'export-failed',
      `The tracks could not be written to ${folder}: ${(error as Error).message}`,
      'Choose a folder you may write to, with free space; nothing was left half-written there',
    )
  }
}
