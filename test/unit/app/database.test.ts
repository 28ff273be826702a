// IndexedDB must keep what was opened across reloads: schema version 1 declares its tables and
// indexes, a save replaces a patient's records atomically, and the audit log records changes only.
import 'fake-indexeddb/auto'
import Dexie from 'dexie'
import { afterEach, describe, expect, it } from 'vitest'
import { LesionTrackDatabase } from '../../../renderer/src/db/database'
import {
  readCurrentPatient,
  readPatientRecords,
  savePatientRecords,
} from '../../../renderer/src/db/patient-records'
import { SCHEMA_VERSIONS } from '../../../renderer/src/db/schema'
import { samplePatient } from './records'

const DEMO = { kind: 'demo', folder: '/cache/demo' } as const
let opened: LesionTrackDatabase[] = []
let counter = 0

function freshDatabase(): LesionTrackDatabase {
  const db = new LesionTrackDatabase(`test-${++counter}`)
  opened.push(db)
  return db
}

afterEach(async () => {
  for (const db of opened) await db.delete()
  opened = []
})

describe('schema', () => {
  it('lists versions in increasing order, every version after the first with an upgrade step', () => {
    const versions = SCHEMA_VERSIONS.map((v) => v.version)
    expect(versions).toEqual([...versions].sort((a, b) => a - b))
    expect(new Set(versions).size).toBe(versions.length)
    for (const version of SCHEMA_VERSIONS.slice(1)) expect(version.upgrade).toBeTypeOf('function')
  })

  it('version 1 creates the tables and indexes the queries use', async () => {
    const db = freshDatabase()
    await db.open()
    expect(db.verno).toBe(1)
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
      auditLog: ['id', 'at', 'patientId'],
      uiState: ['key'],
    })
    // A second connection sees the same schema: nothing is declared only in memory.
    db.close()
    const reopened = await new Dexie(db.name).open()
    expect(reopened.tables.map((t) => t.name).sort()).toEqual(Object.keys(indexes).sort())
    reopened.close()
  })
})

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
    await savePatientRecords(db, samplePatient(), DEMO, new Date('2026-01-02T03:04:05Z'))
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
    await expect(savePatientRecords(db, broken, DEMO)).rejects.toThrow()
    expect(await db.patients.count()).toBe(0)
    expect(await db.studies.count()).toBe(0)
    expect(await readCurrentPatient(db)).toBeNull()
  })
})
