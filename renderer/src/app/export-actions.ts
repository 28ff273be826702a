/**
 * Exporting the current patient's tracks: the service writes them, under every decision stored
 * in IndexedDB (so the files say what the screen says), into a folder on this machine.
 */
import type { ApiClient } from '../api/client'
import type { LesionTrackDatabase } from '../db/database'
import { readDecisions } from '../db/decisions'
import type { ActivityStore } from '../stores/activity-store'
import type { RecordsStore } from '../stores/records-store'
import { createAttempt } from './attempt'

interface ExportDeps {
  client: ApiClient
  db: LesionTrackDatabase
  records: RecordsStore
  activity: ActivityStore
}

export const EXPORT_ACTION = 'Exporting the tracks'

export function createExportActions({ client, db, records, activity }: ExportDeps) {
  const attempt = createAttempt(activity)

  /** Writes the current patient's export files: their paths and notes, or null when it failed. */
  function exportTracks(
    folder: string,
    deidentify: boolean,
  ): Promise<{ files: string[]; notes: string[] } | null> {
    return attempt(EXPORT_ACTION, async () => {
      const patientId = records.state.currentPatientId
      if (!patientId) throw new Error('No patient is open: open one before exporting')
      const decisions = (await readDecisions(db, patientId)).map((d) => d.decision)
      return client.call('exportTracks', { patientId, folder, decisions, deidentify })
    })
  }

  return { exportTracks }
}

export type ExportActions = ReturnType<typeof createExportActions>
