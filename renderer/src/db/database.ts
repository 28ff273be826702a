/**
 * The renderer's IndexedDB database (Dexie): patients, studies, series metadata, lesions
 * (RECIST bookmarks), lesion tracks and an audit log, so what was opened survives a reload.
 */
import Dexie, { type EntityTable } from 'dexie'
import type { Bookmark, Patient, SeriesRecord, Study } from '../../../electron/api/records'
import type { PatientTracks } from '../../../electron/api/tracks'
import { SCHEMA_VERSIONS, type SchemaVersion } from './schema'

export const DATABASE_NAME = 'lesiontrack'

/** One line of the audit log: what happened to which patient, when. */
export interface AuditEntry {
  id?: number
  /** ISO 8601 time of the change. */
  at: string
  patientId: string
  action: 'records-loaded'
  /** The change in words, e.g. 'demo: 3 studies, 7 lesions (7 added)'. */
  detail: string
}

/** Small keyed values of the UI, e.g. which patient was on screen. */
export interface UiStateEntry {
  key: 'currentPatientId'
  value: string
}

export class LesionTrackDatabase extends Dexie {
  patients!: EntityTable<Patient, 'patientId'>
  studies!: EntityTable<Study, 'studyInstanceUid'>
  series!: EntityTable<SeriesRecord, 'seriesInstanceUid'>
  lesions!: EntityTable<Bookmark, 'bookmarkId'>
  tracks!: EntityTable<PatientTracks, 'patientId'>
  auditLog!: EntityTable<AuditEntry, 'id'>
  uiState!: EntityTable<UiStateEntry, 'key'>

  constructor(name = DATABASE_NAME, versions: SchemaVersion[] = SCHEMA_VERSIONS) {
    super(name)
    for (const { version, stores, upgrade } of versions) {
      const declared = this.version(version).stores(stores)
      if (upgrade) declared.upgrade(upgrade)
    }
  }
}
