/**
 * Reads and writes one patient's records and tracks in IndexedDB. A write replaces both in one
 * transaction (never half-written, never tracks of other records) and logs what changed.
 */
import type { PatientRecords, SessionSource } from '../../../electron/api/records'
import type { PatientTracks } from '../../../electron/api/tracks'
import type { LesionTrackDatabase } from './database'
import { describeSource } from '../app/session-source'

export interface SaveOutcome {
  added: number
  removed: number
  changed: number
}

/**
 * Stores the records and tracks the service sent for one patient, replacing what was stored
 * before (no tracks: the stored ones are dropped, as they belong to the old records), and makes
 * it the current patient. Adds an audit entry only when a record changed.
 */
export async function savePatientRecords(
  db: LesionTrackDatabase,
  records: PatientRecords,
  source: SessionSource,
  tracks: PatientTracks | null = null,
  now: Date = new Date(),
): Promise<SaveOutcome> {
  const { patientId } = records.patient
  return db.transaction(
    'rw',
    [db.patients, db.studies, db.series, db.lesions, db.tracks, db.auditLog, db.uiState],
    async () => {
      const before = await readPatientRecords(db, patientId)
      const outcome = compareRecords(before, records)
      if (before) {
        await db.lesions.bulkDelete(before.bookmarks.map((b) => b.bookmarkId))
        await db.series.bulkDelete(before.series.map((s) => s.seriesInstanceUid))
        await db.studies.bulkDelete(before.studies.map((s) => s.studyInstanceUid))
      }
      await db.patients.put(records.patient)
      await db.studies.bulkPut(records.studies)
      await db.series.bulkPut(records.series)
      await db.lesions.bulkPut(records.bookmarks)
      if (tracks) await db.tracks.put(tracks)
      else await db.tracks.delete(patientId)
      await db.uiState.put({ key: 'currentPatientId', value: patientId })
      if (outcome.added + outcome.removed + outcome.changed > 0) {
        await db.auditLog.add({
          at: now.toISOString(),
          patientId,
          action: 'records-loaded',
          detail: describeLoad(records, source, outcome),
        })
      }
      return outcome
    },
  )
}

/** The stored records of one patient, or null when none are stored. */
export async function readPatientRecords(
  db: LesionTrackDatabase,
  patientId: string,
): Promise<PatientRecords | null> {
  const patient = await db.patients.get(patientId)
  if (!patient) return null
  const studies = await db.studies.where('patientId').equals(patientId).toArray()
  const studyUids = studies.map((s) => s.studyInstanceUid)
  const series = await db.series.where('studyInstanceUid').anyOf(studyUids).toArray()
  const bookmarks = await db.lesions.where('patientId').equals(patientId).toArray()
  return { patient, studies, series, bookmarks }
}

/** The stored tracks of one patient, or null when none are stored. */
export async function readPatientTracks(
  db: LesionTrackDatabase,
  patientId: string,
): Promise<PatientTracks | null> {
  const tracks = await db.tracks.get(patientId)
  if (!tracks) return null
  // Tracks saved by earlier versions lack the response reading, the studies of each timepoint
  // (then one per study), the non-targets that keep a response from complete and the lesion
  // count of each study's placement: all come with the next match.
  const response = tracks.response
    ? {
        ...tracks.response,
        timepoints: tracks.response.timepoints.map((t) => ({
          ...t,
          studyIds: t.studyIds ?? [t.studyId],
          nonTargetsOpen: t.nonTargetsOpen ?? [],
        })),
      }
    : null
  return {
    ...tracks,
    response,
    transforms: tracks.transforms.map((t) => ({
      ...t,
      supportingLesions: t.supportingLesions ?? null,
    })),
  }
}

/** The patient that was on screen last, with its records, or null on a fresh database. */
export async function readCurrentPatient(db: LesionTrackDatabase): Promise<PatientRecords | null> {
  const current = await db.uiState.get('currentPatientId')
  return current ? readPatientRecords(db, current.value) : null
}

/** Counts records (patient, studies, series, lesions) added, removed and changed. */
function compareRecords(before: PatientRecords | null, after: PatientRecords): SaveOutcome {
  const outcome: SaveOutcome = { added: 0, removed: 0, changed: 0 }
  const tally = (part: SaveOutcome) => {
    outcome.added += part.added
    outcome.removed += part.removed
    outcome.changed += part.changed
  }
  tally(diffById(before ? [before.patient] : [], [after.patient], (p) => p.patientId))
  tally(diffById(before?.studies ?? [], after.studies, (s) => s.studyInstanceUid))
  tally(diffById(before?.series ?? [], after.series, (s) => s.seriesInstanceUid))
  tally(diffById(before?.bookmarks ?? [], after.bookmarks, (b) => b.bookmarkId))
  return outcome
}

function diffById<T>(old: T[], fresh: T[], idOf: (record: T) => string): SaveOutcome {
  const oldById = new Map(old.map((record) => [idOf(record), JSON.stringify(record)]))
  const outcome: SaveOutcome = { added: 0, removed: 0, changed: 0 }
  for (const record of fresh) {
    const previous = oldById.get(idOf(record))
    if (previous === undefined) outcome.added++
    else if (previous !== JSON.stringify(record)) outcome.changed++
    oldById.delete(idOf(record))
  }
  outcome.removed = oldById.size
  return outcome
}

function describeLoad(
  records: PatientRecords,
  source: SessionSource,
  outcome: SaveOutcome,
): string {
  const from = describeSource(source)
  return (
    `${from}: ${records.studies.length} studies, ${records.bookmarks.length} lesions ` +
    `(${outcome.added} added, ${outcome.changed} changed, ${outcome.removed} removed)`
  )
}
