// The service decides what the app shows: the folder opened last, else the demo; a failed or
// empty import must never replace what is open; voxels must reach the caller unchanged; long
// jobs must report progress. Runs the real pipeline worker (under tsx) on real DICOM files.
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ApiHandlers, JobProgress } from '../../../electron/api/contract'
import { DEFAULT_RESPONSE_PROTOCOL } from '../../../electron/api/tracks'
import { ServiceError } from '../../../electron/core/service/errors'
import { LesionTrackService } from '../../../electron/core/service/service'
import { PipelineWorker } from '../../../electron/core/service/worker-client'
import { sourceWorkerEntry } from '../../../electron/core/service/worker-entry'
import { readDeepLesionFolder } from '../../../electron/core/deeplesion/read-layout'
import { synthesize } from '../../../electron/core/synth/synthesize'
import { GENERATOR_VERSION } from '../../../electron/core/synth/truth'
import { openHostSettings } from '../../../electron/host/settings'
import { tempFolder, writeCtStudy } from './fixtures'

const temp = tempFolder('service')
const worker = new PipelineWorker(sourceWorkerEntry())
afterAll(async () => {
  await worker.close()
  temp.remove()
})

const cacheDir = join(temp.dir, 'cache')
/** Stands in for a generated demo: a folder already in the cache is used as it is. */
const demoFolder = join(cacheDir, `demo-v${GENERATOR_VERSION}`)
const patientFolder = join(temp.dir, 'patient-b')
/** PAT-B's third study, exported from PACS on its own. */
const followUpFolder = join(temp.dir, 'patient-b-follow-up')
let patientVoxels: Int16Array

beforeAll(async () => {
  await writeCtStudy(demoFolder, {
    patientId: 'DEMO-A',
    studyUid: '2.25.81',
    seriesUid: '2.25.811',
    studyDate: '2020-02-02',
    dims: [24, 20, 6],
  })
  writeFileSync(join(demoFolder, 'truth.json'), '{}')
  patientVoxels = await writeCtStudy(patientFolder, {
    patientId: 'PAT-B',
    studyUid: '2.25.91',
    seriesUid: '2.25.911',
    studyDate: '2021-03-03',
    dims: [32, 28, 9],
  })
  await writeCtStudy(patientFolder, {
    patientId: 'PAT-B',
    studyUid: '2.25.92',
    seriesUid: '2.25.921',
    studyDate: '2021-09-09',
    dims: [32, 28, 7],
  })
  await writeCtStudy(followUpFolder, {
    patientId: 'PAT-B',
    studyUid: '2.25.93',
    seriesUid: '2.25.931',
    studyDate: '2022-03-03',
    dims: [32, 28, 8],
  })
})

let settingsCount = 0
function newService(progress: JobProgress[] = []): { handlers: ApiHandlers; settingsDir: string } {
  const settingsDir = join(temp.dir, `settings-${++settingsCount}`)
  const service = new LesionTrackService({
    worker,
    settings: openHostSettings(settingsDir),
    cacheDir,
    onProgress: (p) => progress.push(p),
  })
  return { handlers: service.handlers(), settingsDir }
}

describe('start-up', () => {
  it('opens the demo when no folder was opened before, and reports its progress', async () => {
    const progress: JobProgress[] = []
    const { handlers } = newService(progress)
    const report = await handlers.openStartup({})
    expect(report.source).toEqual({ kind: 'demo', folder: demoFolder })
    expect(report.patients.map((p) => p.patientId)).toEqual(['DEMO-A'])
    expect(report.counts).toEqual({ patients: 1, studies: 1, series: 1, bookmarks: 0 })
    // The demo's own truth.json is not reported as an unusable file.
    expect(report.issues).toEqual([])
    const job = progress.filter((p) => p.jobId === progress[0].jobId)
    expect(job[0].finished).toBe(false)
    expect(job.at(-1)?.finished).toBe(true)
    // Only headers are read on opening: the slices are decoded when a view asks for them.
    expect(job.some((p) => p.task === 'Reading file headers' && p.done === 6)).toBe(true)
    expect(job.some((p) => p.task === 'Decoding slices')).toBe(false)
    // A second call (a reload of the page) answers the same session without importing again.
    const again = await handlers.openStartup({})
    expect(again).toEqual(report)
    expect(progress.filter((p) => p.jobId !== progress[0].jobId)).toEqual([])
  })

  it('reopens the folder opened last, in a new session', async () => {
    const { handlers, settingsDir } = newService()
    await handlers.importFolder({ folder: patientFolder })
    const restarted = new LesionTrackService({
      worker,
      settings: openHostSettings(settingsDir),
      cacheDir,
    }).handlers()
    const report = await restarted.openStartup({})
    expect(report.source).toEqual({ kind: 'folders', folders: [patientFolder] })
    expect(report.counts.studies).toBe(2)
  })

  it('falls back to the demo with a warning when the last folder is gone', async () => {
    const { handlers, settingsDir } = newService()
    openHostSettings(settingsDir).set('lastFolders', [join(temp.dir, 'moved-away')])
    const report = await handlers.openStartup({})
    expect(report.source.kind).toBe('demo')
    expect(report.issues[0]).toMatchObject({
      file: join(temp.dir, 'moved-away'),
      code: 'reopen-failed',
      severity: 'warning',
    })
    expect(report.issues[0].message).toMatch(/moved-away: the folder does not exist/)
  })
})

describe('imports', () => {
  it('serves the records and the exact voxels of an imported folder', async () => {
    const { handlers, settingsDir } = newService()
    const report = await handlers.importFolder({ folder: patientFolder })
    expect(report.replacedSession).toBe(true)
    expect(openHostSettings(settingsDir).get('lastFolders')).toEqual([patientFolder])
    const records = await handlers.getPatient({ patientId: 'PAT-B' })
    expect(records.studies.map((s) => s.studyDate).sort()).toEqual(['2021-03-03', '2021-09-09'])
    expect(records.series.every((s) => !('sourceFiles' in s))).toBe(true)
    const volume = await handlers.getVolume({ seriesInstanceUid: '2.25.911' })
    expect(volume.geometry.dims).toEqual([32, 28, 9])
    expect(Array.from(volume.hu)).toEqual(Array.from(patientVoxels))
  })

  it('opens a DeepLesion folder, its voxels read when asked, exactly as the PNGs hold them', async () => {
    const folder = join(temp.dir, 'deeplesion')
    const truth = await synthesize({
      patients: 1,
      seed: 23,
      out: folder,
      format: 'deeplesion',
      studies: 2,
      matrix: 48,
      sliceMm: 5,
    })
    const { handlers } = newService()
    const report = await handlers.importFolder({ folder })
    expect(report.issues.filter((i) => i.severity === 'error')).toEqual([])
    // DeepLesion names a patient by its index: the first six digits of its series folders.
    expect(report.patients).toHaveLength(1)
    const { patientId } = report.patients[0]
    const records = await handlers.getPatient({ patientId })
    expect(records.bookmarks).toHaveLength(truth.patients[0].bookmarks.length)
    const eager = readDeepLesionFolder(folder)
    for (const series of records.series) {
      const volume = await handlers.getVolume({ seriesInstanceUid: series.seriesInstanceUid })
      const hu = eager.volumes.get(series.seriesInstanceUid)!
      expect(volume.geometry.dims).toEqual(series.geometry.dims)
      expect(Array.from(volume.hu)).toEqual(Array.from(hu))
    }
    const tracks = await handlers.getTracks({ patientId })
    expect(tracks.tracks.length).toBeGreaterThan(0)
  })

  it('re-matches a patient without bookmarks into no tracks, each decision an issue', async () => {
    const { handlers } = newService()
    await handlers.importFolder({ folder: patientFolder })
    const decision = { kind: 'mark-new' as const, lesionId: '2.25.404' }
    const tracks = await handlers.matchTracks({ patientId: 'PAT-B', decisions: [decision] })
    expect(tracks.tracks).toEqual([])
    expect(tracks.issues).toHaveLength(1)
    expect(tracks.issues[0]).toMatchObject({ code: 'unknown-lesion', subject: '2.25.404' })
  })

  it('keeps the open session when a folder holds nothing usable, listing each file', async () => {
    const junk = join(temp.dir, 'junk')
    mkdirSync(junk, { recursive: true })
    writeFileSync(join(junk, 'a.dcm'), 'not an image')
    writeFileSync(join(junk, 'b.dcm'), Buffer.alloc(300))
    const { handlers, settingsDir } = newService()
    await handlers.importFolder({ folder: patientFolder })
    const report = await handlers.importFolder({ folder: junk })
    expect(report.replacedSession).toBe(false)
    expect(report.source).toEqual({ kind: 'folders', folders: [patientFolder] })
    expect(report.issues.map((i) => i.file).sort()).toEqual([
      join(junk, 'a.dcm'),
      join(junk, 'b.dcm'),
    ])
    expect(openHostSettings(settingsDir).get('lastFolders')).toEqual([patientFolder])
    expect((await handlers.getPatient({ patientId: 'PAT-B' })).patient.patientId).toBe('PAT-B')
  })

  it('says which folder is missing instead of importing nothing', async () => {
    const { handlers } = newService()
    const missing = join(temp.dir, 'no-such-folder')
    const error = await handlers.importFolder({ folder: missing }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ServiceError)
    expect(error).toMatchObject({ code: 'folder-not-found' })
    expect((error as Error).message).toContain(missing)
  })

  it('runs loads one after another: the last one asked for is what stays open', async () => {
    const { handlers } = newService()
    const [first, second] = await Promise.all([
      handlers.importFolder({ folder: patientFolder }),
      handlers.openDemo({}),
    ])
    expect(first.source.kind).toBe('folders')
    expect(second.source.kind).toBe('demo')
    expect(await handlers.openStartup({})).toEqual(second)
  })

  it('answers queries before anything is open with what to do', async () => {
    const { handlers } = newService()
    await expect(handlers.getPatient({ patientId: 'PAT-B' })).rejects.toMatchObject({
      code: 'nothing-loaded',
    })
  })
})

describe('adding a folder', () => {
  it('joins a follow-up to the open folder, says what it added, and reopens both', async () => {
    const { handlers, settingsDir } = newService()
    await handlers.importFolder({ folder: patientFolder })
    const report = await handlers.addFolder({ folder: followUpFolder })
    expect(report.replacedSession).toBe(true)
    expect(report.source).toEqual({ kind: 'folders', folders: [patientFolder, followUpFolder] })
    expect(report.counts).toEqual({ patients: 1, studies: 3, series: 3, bookmarks: 0 })
    expect(report.added).toEqual({ patients: 0, studies: 1, series: 1, bookmarks: 0 })
    const records = await handlers.getPatient({ patientId: 'PAT-B' })
    expect(records.studies.map((s) => s.studyDate).sort()).toEqual([
      '2021-03-03',
      '2021-09-09',
      '2022-03-03',
    ])
    expect(openHostSettings(settingsDir).get('lastFolders')).toEqual([
      patientFolder,
      followUpFolder,
    ])
    const restarted = new LesionTrackService({
      worker,
      settings: openHostSettings(settingsDir),
      cacheDir,
    }).handlers()
    expect((await restarted.openStartup({})).counts.studies).toBe(3)
  })

  it('keeps the session as it was when the added folder brings nothing new', async () => {
    const junk = join(temp.dir, 'junk-to-add')
    mkdirSync(junk, { recursive: true })
    writeFileSync(join(junk, 'a.dcm'), 'not an image')
    const { handlers, settingsDir } = newService()
    await handlers.importFolder({ folder: patientFolder })
    const report = await handlers.addFolder({ folder: junk })
    expect(report.replacedSession).toBe(false)
    expect(report.added).toEqual({ patients: 0, studies: 0, series: 0, bookmarks: 0 })
    expect(report.source).toEqual({ kind: 'folders', folders: [patientFolder] })
    expect(report.issues.map((i) => i.file)).toEqual([join(junk, 'a.dcm')])
    expect(openHostSettings(settingsDir).get('lastFolders')).toEqual([patientFolder])
  })

  it('refuses a folder already open, and adding to the demo patient', async () => {
    const { handlers } = newService()
    await handlers.openDemo({})
    await expect(handlers.addFolder({ folder: followUpFolder })).rejects.toMatchObject({
      code: 'nothing-to-add-to',
    })
    await handlers.importFolder({ folder: temp.dir })
    const inside = await handlers.addFolder({ folder: patientFolder }).catch((e: unknown) => e)
    expect(inside).toMatchObject({ code: 'folder-already-open' })
    expect((inside as Error).message).toContain(`inside ${temp.dir}`)
    await expect(handlers.addFolder({ folder: temp.dir })).rejects.toMatchObject({
      code: 'folder-already-open',
    })
  })
})

describe('settings and platform', () => {
  it('remembers the window/level preset', async () => {
    const { handlers, settingsDir } = newService()
    expect(await handlers.getSettings({})).toEqual({
      windowLevelPreset: 'soft-tissue',
      responseProtocol: DEFAULT_RESPONSE_PROTOCOL,
    })
    expect(await handlers.setWindowLevelPreset({ preset: 'bone' })).toEqual({
      windowLevelPreset: 'bone',
      responseProtocol: DEFAULT_RESPONSE_PROTOCOL,
    })
    expect(openHostSettings(settingsDir).get('windowLevelPreset')).toBe('bone')
  })

  it('remembers the RECIST protocol, in every later session', async () => {
    const { handlers, settingsDir } = newService()
    const protocol = { timepointWindowDays: 0, stableDiseaseMinDays: 56 }
    expect(await handlers.setResponseProtocol(protocol)).toEqual({
      windowLevelPreset: 'soft-tissue',
      responseProtocol: protocol,
    })
    expect(openHostSettings(settingsDir).get('responseProtocol')).toEqual(protocol)
  })

  it('has no folder dialog without a platform that provides one', async () => {
    const { handlers } = newService()
    await expect(handlers.pickFolder({})).rejects.toMatchObject({ code: 'no-folder-dialog' })
  })
})
