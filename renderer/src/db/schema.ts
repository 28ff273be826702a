/**
 * The IndexedDB schema as a list of versions. A later version appends an entry with its stores
 * (Dexie's version(n).stores(...)), an upgrade step when it reshapes a store that already holds
 * data (.upgrade(...)), and gets its own test.
 */
import type { Transaction } from 'dexie'

export interface SchemaVersion {
  version: number
  /** Dexie store declarations: primary key first, then indexed fields. */
  stores: Record<string, string>
  /** Moves data written by the previous version into this version's shape. */
  upgrade?: (transaction: Transaction) => Promise<void>
}

export const SCHEMA_VERSIONS: SchemaVersion[] = [
  {
    version: 1,
    stores: {
      patients: '&patientId',
      studies: '&studyInstanceUid, patientId',
      series: '&seriesInstanceUid, studyInstanceUid',
      lesions: '&bookmarkId, patientId, studyInstanceUid',
      auditLog: '++id, at, patientId',
      uiState: '&key',
    },
  },
  {
    // Adds the lesion tracks of each patient, so a reload without the service still shows them.
    // No existing store changes shape, so nothing moves: tracks arrive with the next load.
    version: 2,
    stores: { tracks: '&patientId' },
  },
  {
    // Adds the user's decisions about the tracks (confirm, reject, mark new): one record per
    // patient and decision identity. A new store only, so nothing moves: a v2 database has none.
    version: 3,
    stores: { decisions: '&[patientId+key], patientId' },
  },
]
