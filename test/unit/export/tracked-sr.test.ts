// The DICOM SR export must be valid DICOM (dciodvfy) and carry the tracks back: imported beside
// the CT images instead of the original reports, it gives every bookmark again — same slice,
// pixels and millimetres — named by its track, with one tracking UID per track across studies.
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { PatientTracks } from '../../../electron/api/tracks'
import { importFolder } from '../../../electron/core/import/import-folder'
import type { ImportResult } from '../../../electron/core/import/result'
import { SR_NEEDS_IDENTITY } from '../../../electron/core/service/export-tracks'
import { LesionTrackService } from '../../../electron/core/service/service'
import { PipelineWorker } from '../../../electron/core/service/worker-client'
import { sourceWorkerEntry } from '../../../electron/core/service/worker-entry'
import { synthesize } from '../../../electron/core/synth/synthesize'
import type { Truth } from '../../../electron/core/synth/truth'
import { openHostSettings } from '../../../electron/host/settings'
import { dciodvfy } from '../synth/dicom-tools'

const dir = mkdtempSync(join(tmpdir(), 'lt-tracked-sr-'))
const worker = new PipelineWorker(sourceWorkerEntry())
let truth: Truth
let original: ImportResult
let tracks: PatientTracks
let reports: string[]
let reimported: ImportResult

beforeAll(async () => {
  const data = join(dir, 'data')
  truth = await synthesize({
    patients: 1,
    seed: 31,
    out: data,
    format: 'dicom',
    studies: 3,
    matrix: 96,
    sliceMm: 5,
  })
  original = await importFolder(data)
  const service = new LesionTrackService({
    worker,
    settings: openHostSettings(join(dir, 'settings')),
    cacheDir: join(dir, 'cache'),
  })
  const handlers = service.handlers()
  await handlers.importFolder({ folder: data })
  const patientId = truth.patients[0].patientId
  tracks = await handlers.getTracks({ patientId })
  const exported = await handlers.exportTracks({
    patientId,
    folder: join(dir, 'export'),
    decisions: [],
    deidentify: false,
  })
  reports = exported.files.filter((f) => f.endsWith('.dcm'))
  // The CT series with the exported reports instead of the original ones.
  const swapped = join(dir, 'swapped')
  for (const study of truth.patients[0].studies) {
    cpSync(join(data, study.seriesFolder), join(swapped, study.seriesFolder), { recursive: true })
  }
  for (const report of reports) cpSync(report, join(swapped, basename(report)))
  reimported = await importFolder(swapped)
}, 60_000)

afterAll(async () => {
  await worker.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('DICOM SR export of the tracks', () => {
  it('writes one valid TID 1500 report per study', () => {
    expect(reports).toHaveLength(truth.patients[0].studies.length)
    for (const report of reports) {
      const { errors, output } = dciodvfy(report)
      expect(errors, output).toEqual([])
      expect(readFileSync(report).subarray(128, 132).toString('latin1')).toBe('DICM')
    }
  })

  it('gives back every bookmark on its slice, pixels and sizes, named by its track', () => {
    expect(reimported.issues.filter((i) => i.severity === 'error')).toEqual([])
    expect(reimported.bookmarks).toHaveLength(original.bookmarks.length)
    const labelOf = new Map(
      tracks.tracks.flatMap((t) => t.timepoints.map((p) => [p.bookmarkId, t.label] as const)),
    )
    const key = (b: ImportResult['bookmarks'][number]) =>
      `${b.seriesInstanceUid}:${b.sliceIndex}:${b.longAxisPx.flat().map((v) => v.toFixed(2))}`
    const back = new Map(reimported.bookmarks.map((b) => [key(b), b]))
    for (const bookmark of original.bookmarks) {
      const again = back.get(key(bookmark))
      expect(again, `bookmark ${bookmark.bookmarkId}`).toBeDefined()
      expect(again?.shortAxisPx).toEqual(bookmark.shortAxisPx)
      expect(again?.longAxisMm).toBeCloseTo(bookmark.longAxisMm, 6)
      expect(again?.lesionType).toBe(bookmark.lesionType)
      expect(again?.label).toBe(labelOf.get(bookmark.bookmarkId))
    }
  })

  it('keeps one tracking UID per track across studies, with unique bookmark ids', () => {
    const ids = reimported.bookmarks.map((b) => b.bookmarkId)
    expect(new Set(ids).size).toBe(ids.length)
    // A UID repeated across studies becomes `<uid>@<study>`: one UID per track label.
    const uidsOf = new Map<string, Set<string>>()
    for (const b of reimported.bookmarks) {
      const uid = b.bookmarkId.split('@')[0]
      uidsOf.set(b.label, (uidsOf.get(b.label) ?? new Set()).add(uid))
    }
    expect([...uidsOf.values()].every((uids) => uids.size === 1)).toBe(true)
    expect(uidsOf.size).toBe(tracks.tracks.length)
  })

  it('leaves the SR out of a de-identified export, saying why', async () => {
    const service = new LesionTrackService({
      worker,
      settings: openHostSettings(join(dir, 'settings-2')),
      cacheDir: join(dir, 'cache'),
    })
    const handlers = service.handlers()
    await handlers.importFolder({ folder: join(dir, 'data') })
    const exported = await handlers.exportTracks({
      patientId: truth.patients[0].patientId,
      folder: join(dir, 'anonymous'),
      decisions: [],
      deidentify: true,
    })
    expect(exported.files.some((f) => f.endsWith('.dcm'))).toBe(false)
    expect(exported.notes).toEqual([SR_NEEDS_IDENTITY])
  })
})
