// IndexedDB must keep what was opened across reloads: each schema version declares its tables and
// indexes and opens a database of the version before without losing data, a save replaces a
// patient's records and tracks atomically, and the audit log records changes only.
import 'fake-indexeddb/auto'
import Dexie from 'dexie'
import { afterEach, describe, expect, it } from 'vitest'
import { patientResponse } from '../../../electron/core/service/patient-response'
import type { PatientTracks } from '../../../electron/api/tracks'
import { LesionTrackDatabase } from '../../../renderer/src/db/database'
import {
  readCurrentPatient,
  readPatientRecords,
  readPatientTracks,
  savePatientRecords,
} from '../../../renderer/src/db/patient-records'
import { SCHEMA_VERSIONS } from '../../../renderer/src/db/schema'
import { deleteOpenedDatabases, freshDatabase, newDatabaseName } from './databases'
import { samplePatient, sampleTracks } from './records'

const DEMO = { kind: 'demo', folder: '/cache/demo' } as const
afterEach(deleteOpenedDatabases)

describe('schema', () => {
  it('lists versions in increasing order; a version that redeclares a store upgrades its data', () => {
    const versions = SCHEMA_VERSIONS.map((v) => v.version)
    expect(versions).toEqual([...versions].sort((a, b) => a - b))
    expect(new Set(versions).size).toBe(versions.length)
    const declared = new Set<string>()
    for (const version of SCHEMA_VERSIONS) {
      const reshaped = Object.keys(version.stores).filter((store) => declared.has(store))
      if (reshaped.length > 0) expect(version.upgrade).toBeTypeOf('function')
      for (const store of Object.keys(version.stores)) declared.add(store)
    }
  })

  it('the last version creates the tables and indexes the queries use', async () => {
    const db = freshDatabase()
    await db.open()
    expect(db.verno).toBe(SCHEMA_VERSIONS.at(-1)!.version)
    const indexes = Object.fromEntries(
      db.tables.map((table) => [
        table.name,
        [table.schema.primKey.name, ...table.schema.indexes.map((i) => i.name)],
      ]),
    )
    expect(indexes).toEqual({
      patients: ['patientId'],
      studies: ['studyInstanceUid', 'patientId'],
      series: ['seriesInstanceUid', 'studyInstanceUid'],
      lesions: ['bookmarkId', 'patientId', 'studyInstanceUid'],
      tracks: ['patientId'],
      decisions: ['[patientId+key]', 'patientId'],
      auditLog: ['id', 'at', 'patientId'],
      uiState: ['key'],
    })
    // A second connection sees the same schema: nothing is declared only in memory.
    db.close()
    const reopened = await new Dexie(db.name).open()
    expect(reopened.tables.map((t) => t.name).sort()).toEqual(Object.keys(indexes).sort())
    reopened.close()
  })

  it('version 2 opens a version 1 database with its records intact and no tracks yet', async () => {
    // Not registered: the version 2 connection below deletes the database once.
    const v1 = new LesionTrackDatabase(
      newDatabaseName(),
      SCHEMA_VERSIONS.filter((v) => v.version === 1),
    )
    await savePatientRecordsV1(v1)
    v1.close()
    const v2 = freshDatabase(
      SCHEMA_VERSIONS.filter((v) => v.version <= 2),
      v1.name,
    )
    await v2.open()
    expect(v2.verno).toBe(2)
    const read = await readCurrentPatient(v2)
    expect(read?.bookmarks.map((b) => b.bookmarkId).sort()).toEqual(
      samplePatient()
        .bookmarks.map((b) => b.bookmarkId)
        .sort(),
    )
    expect(await readPatientTracks(v2, 'P1')).toBeNull()
    expect(await v2.auditLog.count()).toBe(1)
  })
})

/** What version 1 wrote for a save, without the tracks table it did not have. */
async function savePatientRecordsV1(db: LesionTrackDatabase): Promise<void> {
  const records = samplePatient()
  await db.patients.put(records.patient)
  await db.studies.bulkPut(records.studies)
  await db.series.bulkPut(records.series)
  await db.lesions.bulkPut(records.bookmarks)
  await db.uiState.put({ key: 'currentPatientId', value: 'P1' })
  await db.auditLog.add({
    at: '2026-01-01T00:00:00.000Z',
    patientId: 'P1',
    action: 'records-loaded',
    detail: 'demo /cache/demo: 2 studies, 3 lesions (9 added, 0 changed, 0 removed)',
  })
}

describe('patient records', () => {
  it('reads back exactly what was saved and remembers the current patient', async () => {
    const db = freshDatabase()
    const records = samplePatient()
    const outcome = await savePatientRecords(db, records, DEMO)
    expect(outcome).toEqual({ added: 1 + 2 + 3 + 3, removed: 0, changed: 0 })
    const read = await readCurrentPatient(db)
    expect(read?.patient).toEqual(records.patient)
    const byId = <T>(list: T[], key: keyof T) =>
      [...list].sort((a, b) => String(a[key]).localeCompare(String(b[key])))
    expect(byId(read!.studies, 'studyInstanceUid')).toEqual(
      byId(records.studies, 'studyInstanceUid'),
    )
    expect(byId(read!.series, 'seriesInstanceUid')).toEqual(
      byId(records.series, 'seriesInstanceUid'),
    )
    expect(byId(read!.bookmarks, 'bookmarkId')).toEqual(byId(records.bookmarks, 'bookmarkId'))
  })

  it('replaces a patient’s records: stale lesions go, changed ones are updated', async () => {
    const db = freshDatabase()
    await savePatientRecords(db, samplePatient(), DEMO)
    const next = samplePatient()
    next.bookmarks = next.bookmarks.filter((b) => b.bookmarkId !== 'b-early')
    next.bookmarks[0] = { ...next.bookmarks[0], longAxisMm: 21.5 }
    const outcome = await savePatientRecords(db, next, DEMO)
    expect(outcome).toEqual({ added: 0, removed: 1, changed: 1 })
    const read = await readPatientRecords(db, 'P1')
    expect(read!.bookmarks.map((b) => b.bookmarkId).sort()).toEqual(['b-late-1', 'b-late-2'])
    expect(
      read!.bookmarks.find((b) => b.bookmarkId === next.bookmarks[0].bookmarkId)?.longAxisMm,
    ).toBe(21.5)
  })

  it('logs a change in the audit log, and nothing when the same records are loaded again', async () => {
    const db = freshDatabase()
    await savePatientRecords(db, samplePatient(), DEMO, null, new Date('2026-01-02T03:04:05Z'))
    await savePatientRecords(db, samplePatient(), DEMO)
    const log = await db.auditLog.toArray()
    expect(log).toHaveLength(1)
    expect(log[0]).toMatchObject({
      at: '2026-01-02T03:04:05.000Z',
      patientId: 'P1',
      action: 'records-loaded',
    })
    expect(log[0].detail).toContain('demo /cache/demo: 2 studies, 3 lesions (9 added')
  })

  it('writes nothing when a save fails half-way', async () => {
    const db = freshDatabase()
    const broken = samplePatient()
    // A lesion without its primary key makes the last bulkPut of the transaction fail.
    broken.bookmarks.push({ ...broken.bookmarks[0], bookmarkId: undefined as unknown as string })
    await expect(savePatientRecords(db, broken, DEMO, sampleTracks())).rejects.toThrow()
    expect(await db.patients.count()).toBe(0)
    expect(await db.studies.count()).toBe(0)
    expect(await db.tracks.count()).toBe(0)
    expect(await readCurrentPatient(db)).toBeNull()
  })

  it('keeps the tracks with the records, and drops them when records arrive without tracks', async () => {
    const db = freshDatabase()
    await savePatientRecords(db, samplePatient(), DEMO, sampleTracks())
    expect(await readPatientTracks(db, 'P1')).toEqual(sampleTracks())
    await savePatientRecords(db, samplePatient(), DEMO)
    expect(await readPatientTracks(db, 'P1')).toBeNull()
    expect(await readPatientTracks(db, 'nobody')).toBeNull()
  })

  it('reads tracks saved before the response reading existed with no response', async () => {
    const db = freshDatabase()
    const older: Partial<PatientTracks> = sampleTracks()
    delete older.response
    await db.tracks.put(older as PatientTracks)
    expect(await readPatientTracks(db, 'P1')).toEqual({ ...sampleTracks(), response: null })
  })

  it('reads a response saved before timepoints named their studies and open non-targets', async () => {
    const db = freshDatabase()
    const records = samplePatient()
    const tracks: PatientTracks = {
      ...sampleTracks(),
      response: patientResponse('P1', sampleTracks().tracks, records.studies),
    }
    const timepoints = tracks.response!.timepoints
    expect(timepoints.map((t) => t.studyIds)).toEqual(timepoints.map((t) => [t.studyId]))
    const stored = {
      ...tracks,
      response: {
        ...tracks.response,
        timepoints: timepoints.map(({ studyIds: _, nonTargetsOpen: __, ...t }) => t),
      },
    }
    await db.tracks.put(stored as PatientTracks)
    expect(await readPatientTracks(db, 'P1')).toEqual(tracks)
  })

  it('reads placements saved before their lesion count existed with an unknown count', async () => {
    const db = freshDatabase()
    const older: PatientTracks = {
      ...sampleTracks(),
      transforms: [
        {
          studyInstanceUid: '1.2.3',
          translationMm: [4, -2, 30],
          confidence: 0.6,
          source: 'bookmarks',
          supportingLesions: 2,
        },
      ],
    }
    const stored = {
      ...older,
      transforms: older.transforms.map(({ supportingLesions: _, ...t }) => t),
    }
    await db.tracks.put(stored as PatientTracks)
    const read = await readPatientTracks(db, 'P1')
    expect(read?.transforms).toEqual([{ ...older.transforms[0], supportingLesions: null }])
  })
})
