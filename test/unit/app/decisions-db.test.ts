// The user's track decisions are their data: each add or undo must be stored with its audit entry
// in one transaction (a failure writes neither), a decision about the same pair replaces the
// earlier one, and version 3 must open a version 2 database with its records and tracks intact.
import 'fake-indexeddb/auto'
import { afterEach, describe, expect, it } from 'vitest'
import type { TrackDecision } from '../../../electron/api/tracks'
import { LesionTrackDatabase } from '../../../renderer/src/db/database'
import {
  addDecision,
  addDecisions,
  decisionKey,
  readDecisions,
  removeDecision,
  saveTracks,
} from '../../../renderer/src/db/decisions'
import {
  readCurrentPatient,
  readPatientTracks,
  savePatientRecords,
} from '../../../renderer/src/db/patient-records'
import { SCHEMA_VERSIONS } from '../../../renderer/src/db/schema'
import { deleteOpenedDatabases, freshDatabase, newDatabaseName } from './databases'
import { samplePatient, sampleTracks } from './records'

const DEMO = { kind: 'demo', folder: '/cache/demo' } as const
const REJECT: TrackDecision = { kind: 'reject-link', lesionIdA: 'b-late-1', lesionIdB: 'b-early' }
const CONFIRM: TrackDecision = { kind: 'confirm-link', lesionIdA: 'b-early', lesionIdB: 'b-late-1' }
const NEW: TrackDecision = { kind: 'mark-new', lesionId: 'b-late-2' }

afterEach(deleteOpenedDatabases)

describe('decision identity', () => {
  it('is the unordered bookmark pair for links, the bookmark for mark-new', () => {
    expect(decisionKey(REJECT)).toBe('link:b-early|b-late-1')
    expect(decisionKey(CONFIRM)).toBe(decisionKey(REJECT))
    expect(decisionKey(NEW)).toBe('new:b-late-2')
  })

  it('makes choosing and dropping a target replace each other; node and gone marks are their own', () => {
    const choose = decisionKey({ kind: 'choose-target', lesionId: 'b-early' })
    expect(decisionKey({ kind: 'drop-target', lesionId: 'b-early' })).toBe(choose)
    const keys = [
      choose,
      decisionKey({ kind: 'mark-node', lesionId: 'b-early' }),
      decisionKey({ kind: 'mark-gone', lesionId: 'b-early', studyInstanceUid: 'S1' }),
      decisionKey({ kind: 'mark-gone', lesionId: 'b-early', studyInstanceUid: 'S2' }),
      decisionKey({ kind: 'mark-new', lesionId: 'b-early' }),
      decisionKey({ kind: 'choose-baseline', studyInstanceUid: 'S1' }),
      decisionKey({ kind: 'mark-nontarget-progression', studyInstanceUid: 'S1' }),
      decisionKey({ kind: 'mark-nontarget-progression', studyInstanceUid: 'S2' }),
      decisionKey({ kind: 'separate-timepoint', studyInstanceUid: 'S1' }),
      decisionKey({ kind: 'separate-timepoint', studyInstanceUid: 'S2' }),
    ]
    expect(new Set(keys).size).toBe(keys.length)
  })

  it('keeps one baseline per patient: choosing another study replaces the earlier choice', async () => {
    const db = freshDatabase()
    await addDecision(db, 'P1', { kind: 'choose-baseline', studyInstanceUid: 'S2' })
    await addDecision(db, 'P1', { kind: 'choose-baseline', studyInstanceUid: 'S3' })
    expect((await readDecisions(db, 'P1')).map((d) => [d.key, d.decision])).toEqual([
      ['baseline', { kind: 'choose-baseline', studyInstanceUid: 'S3' }],
    ])
    const last = await db.auditLog.orderBy('id').last()
    expect(last?.detail).toBe(
      'chose study S3 as the RECIST baseline (replacing: chose study S2 as the RECIST baseline)',
    )
  })

  it('keeps one type per bookmark: choosing another replaces the earlier choice', async () => {
    const db = freshDatabase()
    await addDecision(db, 'P1', { kind: 'set-type', bookmarkId: 'b-early', lesionType: 4 })
    await addDecision(db, 'P1', { kind: 'set-type', bookmarkId: 'b-late-1', lesionType: 5 })
    await addDecision(db, 'P1', { kind: 'set-type', bookmarkId: 'b-early', lesionType: 6 })
    expect((await readDecisions(db, 'P1')).map((d) => d.key).sort()).toEqual([
      'type:b-early',
      'type:b-late-1',
    ])
    const last = await db.auditLog.orderBy('id').last()
    expect(last?.detail).toBe(
      'gave bookmark b-early the lesion type kidney (replacing: gave bookmark b-early the lesion type liver)',
    )
  })
})

describe('stored decisions', () => {
  it('adds a decision with an audit entry saying what, and reads them back oldest first', async () => {
    const db = freshDatabase()
    await addDecision(db, 'P1', NEW, new Date('2026-03-01T10:00:00Z'))
    await addDecision(db, 'P1', REJECT, new Date('2026-03-01T09:00:00Z'))
    await addDecision(db, 'P2', NEW, new Date('2026-03-01T08:00:00Z'))
    const read = await readDecisions(db, 'P1')
    expect(read.map((d) => d.decision)).toEqual([REJECT, NEW])
    expect(read[0]).toEqual({
      patientId: 'P1',
      key: 'link:b-early|b-late-1',
      decision: REJECT,
      at: '2026-03-01T09:00:00.000Z',
    })
    const log = await db.auditLog.where('patientId').equals('P1').toArray()
    expect(log.map((e) => [e.action, e.detail])).toEqual([
      ['decision-added', 'marked bookmark b-late-2 as a new lesion'],
      ['decision-added', 'marked bookmarks b-late-1 and b-early as not the same lesion'],
    ])
  })

  it('replaces the earlier decision about the same pair and says so in the audit log', async () => {
    const db = freshDatabase()
    await addDecision(db, 'P1', REJECT)
    await addDecision(db, 'P1', CONFIRM)
    expect((await readDecisions(db, 'P1')).map((d) => d.decision)).toEqual([CONFIRM])
    const last = await db.auditLog.orderBy('id').last()
    expect(last?.detail).toBe(
      'confirmed that bookmarks b-early and b-late-1 are the same lesion (replacing: marked bookmarks b-late-1 and b-early as not the same lesion)',
    )
  })

  it('removes a decision with a decision-removed entry; removing it again changes nothing', async () => {
    const db = freshDatabase()
    await addDecision(db, 'P1', REJECT)
    expect(await removeDecision(db, 'P1', decisionKey(REJECT))).toBe(true)
    expect(await readDecisions(db, 'P1')).toEqual([])
    expect(await removeDecision(db, 'P1', decisionKey(REJECT))).toBe(false)
    const log = await db.auditLog.toArray()
    expect(log.map((e) => e.action)).toEqual(['decision-added', 'decision-removed'])
    expect(log[1].detail).toBe(
      'undid: marked bookmarks b-late-1 and b-early as not the same lesion',
    )
  })

  it('writes neither the decision nor its audit entry when the transaction fails', async () => {
    const db = freshDatabase()
    // No patient id: the audit entry is written first, then the decision's key is invalid.
    const noPatient = undefined as unknown as string
    await expect(addDecision(db, noPatient, REJECT)).rejects.toThrow()
    expect(await db.decisions.count()).toBe(0)
    expect(await db.auditLog.count()).toBe(0)
  })

  it('stores a measurement and its link in one transaction, in order; undoing it undoes both', async () => {
    const db = freshDatabase()
    const measure: TrackDecision = {
      kind: 'measure',
      bookmarkId: 'reader-1',
      studyInstanceUid: 'S2',
      seriesInstanceUid: '2A',
      sliceIndex: 3,
      axesPx: [1, 2, 3, 4, 5, 6, 7, 8],
      lesionType: 4,
    }
    const link: TrackDecision = {
      kind: 'confirm-link',
      lesionIdA: 'b-early',
      lesionIdB: 'reader-1',
    }
    await addDecision(db, 'P1', NEW)
    await addDecisions(db, 'P1', [measure, link])
    expect((await readDecisions(db, 'P1')).map((d) => d.decision)).toEqual([NEW, measure, link])
    // A failed transaction leaves none of them.
    const noPatient = undefined as unknown as string
    await expect(addDecisions(db, noPatient, [measure, link])).rejects.toThrow()
    expect(await db.decisions.count()).toBe(3)
    expect(await removeDecision(db, 'P1', decisionKey(measure))).toBe(true)
    expect((await readDecisions(db, 'P1')).map((d) => d.decision)).toEqual([NEW])
    const removed = (await db.auditLog.toArray()).filter((e) => e.action === 'decision-removed')
    expect(removed.map((e) => e.detail)).toEqual([
      'undid: measured a lesion (bookmark reader-1) on slice 4 of series 2A in study S2',
      'undid: confirmed that bookmarks b-early and reader-1 are the same lesion',
    ])
  })

  it('replaces a patient’s stored tracks without touching the records', async () => {
    const db = freshDatabase()
    await savePatientRecords(db, samplePatient(), DEMO, sampleTracks())
    const split = sampleTracks()
    split.tracks = split.tracks.flatMap((t) =>
      t.timepoints.map((p, k) => ({ ...t, trackId: `P1/T${k + 1}`, timepoints: [p] })),
    )
    await saveTracks(db, split)
    expect(await readPatientTracks(db, 'P1')).toEqual(split)
    expect((await readCurrentPatient(db))?.bookmarks).toHaveLength(samplePatient().bookmarks.length)
  })
})

describe('schema version 3', () => {
  it('opens a version 2 database with its records and tracks intact and no decisions', async () => {
    const name = newDatabaseName()
    const v2 = new LesionTrackDatabase(
      name,
      SCHEMA_VERSIONS.filter((v) => v.version <= 2),
    )
    await savePatientRecords(v2, samplePatient(), DEMO, sampleTracks())
    v2.close()
    const v3 = freshDatabase(SCHEMA_VERSIONS, name)
    await v3.open()
    expect(v3.verno).toBe(3)
    const read = await readCurrentPatient(v3)
    expect(read).toEqual(await readCurrentPatientOf(samplePatient()))
    expect(await readPatientTracks(v3, 'P1')).toEqual(sampleTracks())
    expect(await readDecisions(v3, 'P1')).toEqual([])
    expect(await v3.auditLog.count()).toBe(1)
    await addDecision(v3, 'P1', NEW)
    expect(await readDecisions(v3, 'P1')).toHaveLength(1)
  })
})

/** What readCurrentPatient gives for records saved alone, in the same (index) order. */
async function readCurrentPatientOf(records: ReturnType<typeof samplePatient>) {
  const db = freshDatabase()
  await savePatientRecords(db, records, DEMO)
  return readCurrentPatient(db)
}
