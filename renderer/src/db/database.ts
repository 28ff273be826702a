/**
 * The renderer's IndexedDB database (Dexie): patients, studies, series metadata, lesions
 * (RECIST bookmarks), lesion tracks, the user's track decisions and an audit log.
 */
import Dexie, { type EntityTable, type Table } from 'dexie'
import type { Bookmark, Patient, SeriesRecord, Study } from '../../../electron/api/records'
import type { PatientTracks, TrackDecision } from '../../../electron/api/tracks'
import { SCHEMA_VERSIONS, type SchemaVersion } from './schema'

export const DATABASE_NAME = 'lesiontrack'

/** One line of the audit log: what happened to which patient, when. */
export interface AuditEntry {
  id?: number
  /** ISO 8601 time of the change. */
  at: string
  patientId: string
  action: 'records-loaded' | 'decision-added' | 'decision-removed'
  /** The change in words, e.g. 'demo: 3 studies, 7 lesions (7 added)'. */
  detail: string
}

/**
 * One decision of the user about a patient's tracks. The source of truth: the service keeps
 * none, and every load re-matches with all of them.
 */
export interface StoredDecision {
  patientId: string
  /** The decision's identity: 'link:<a>|<b>' (ids sorted) or 'new:<id>'; a later one replaces it. */
  key: string
  decision: TrackDecision
  /** ISO 8601 time it was made; later decisions win where two conflict. */
  at: string
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
  decisions!: Table<StoredDecision, [string, string]>
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
