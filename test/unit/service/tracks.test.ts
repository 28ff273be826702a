// The service matches every import into lesion tracks in its worker: on the generated demo the
// tracks must group exactly the bookmarks truth.json says are one lesion, an unknown patient must
// get a clear error, and a missing embedder must only weaken the tracks, never fail the import.
import { readFileSync } from 'node:fs'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ApiHandlers, JobProgress } from '../../../electron/api/contract'
import type { LoadReport } from '../../../electron/api/records'
import type { PatientTracks } from '../../../electron/api/tracks'
import { EXECUTION_PROVIDERS } from '../../../electron/core/embed/execution-providers'
import type { RecistAssessment } from '../../../electron/core/response/types'
import { NODES_NOT_MARKED } from '../../../electron/core/service/patient-response'
import { modelFilesIn } from '../../../electron/core/service/model-files'
import { LesionTrackService } from '../../../electron/core/service/service'
import { PipelineWorker } from '../../../electron/core/service/worker-client'
import { sourceResourcesDir, sourceWorkerEntry } from '../../../electron/core/service/worker-entry'
import { TRUTH_FILE, type Truth, type TruthPatient } from '../../../electron/core/synth/truth'
import { openHostSettings } from '../../../electron/host/settings'
import { trueReading } from '../response/true-reading'

const temp = mkdtempSync(join(tmpdir(), 'lt-service-tracks-'))
const cacheDir = join(temp, 'cache')
const workers: PipelineWorker[] = []
afterAll(async () => {
  await Promise.all(workers.map((w) => w.close()))
  rmSync(temp, { recursive: true, force: true })
})

let settingsCount = 0
function newService(worker: PipelineWorker, progress: JobProgress[] = []) {
  workers.push(worker)
  const service = new LesionTrackService({
    worker,
    settings: openHostSettings(join(temp, `settings-${++settingsCount}`)),
    cacheDir,
    onProgress: (p) => progress.push(p),
  })
  return { service, handlers: service.handlers() }
}

function readTruth(demoFolder: string): TruthPatient {
  const truth = JSON.parse(readFileSync(join(demoFolder, TRUTH_FILE), 'utf8')) as Truth
  expect(truth.patients).toHaveLength(1)
  return truth.patients[0]
}

/** Bookmark groups as sorted lists of ids, themselves sorted: comparable whatever the order. */
function canonical(groups: string[][]): string[][] {
  return groups.map((g) => [...g].sort()).sort((a, b) => a[0].localeCompare(b[0]))
}

function truthGroups(truth: TruthPatient): string[][] {
  const byLesion = new Map<string, string[]>()
  for (const b of truth.bookmarks) {
    byLesion.set(b.lesionId, [...(byLesion.get(b.lesionId) ?? []), b.trackingUid])
  }
  return canonical([...byLesion.values()])
}

function trackGroups(tracks: PatientTracks): string[][] {
  return canonical(tracks.tracks.map((t) => t.timepoints.map((p) => p.bookmarkId)))
}

describe('tracks of the demo patient, with the committed embedder', () => {
  const progress: JobProgress[] = []
  let handlers: ApiHandlers
  let demoFolder: string
  let report: LoadReport
  let truth: TruthPatient
  let tracks: PatientTracks

  beforeAll(async () => {
    const opened = newService(new PipelineWorker(sourceWorkerEntry()), progress)
    handlers = opened.handlers
    demoFolder = opened.service.demoFolder
    report = await handlers.openDemo({})
    truth = readTruth(demoFolder)
    tracks = await handlers.getTracks({ patientId: truth.patientId })
  })

  it('groups the bookmarks exactly as the true lesions of truth.json', () => {
    expect(tracks.tracks).toHaveLength(truth.lesions.length)
    expect(trackGroups(tracks)).toEqual(truthGroups(truth))
    expect(report.issues.filter((i) => i.code === 'embedder-unavailable')).toEqual([])
  })

  it('names the embedder that ran and reports its progress through the load job', () => {
    expect(tracks.embedder?.modelVersion).toMatch(/^lesion-embedder@/)
    expect(EXECUTION_PROVIDERS).toContain(tracks.embedder?.executionProvider)
    const embedding = progress.filter((p) => p.task === 'Embedding lesions')
    expect(embedding.at(-1)).toMatchObject({
      done: truth.bookmarks.length,
      total: truth.bookmarks.length,
    })
    // The demo folder holds one patient: aligned, then done.
    const aligning = progress.filter((p) => p.task === 'Aligning studies')
    expect(aligning.map((p) => [p.done, p.total])).toEqual([
      [0, 1],
      [1, 1],
    ])
    expect(tracks.links.some((l) => l.kept && /embedding similarity/.test(l.explanation))).toBe(
      true,
    )
  })

  it('numbers tracks by first appearance and carries each bookmark’s sizes', async () => {
    const records = await handlers.getPatient({ patientId: truth.patientId })
    const studyIndex = new Map(records.studies.map((s) => [s.studyInstanceUid, s.studyIndex]))
    const bookmarkOf = new Map(records.bookmarks.map((b) => [b.bookmarkId, b]))
    const firstStudies = tracks.tracks.map((t) => studyIndex.get(t.timepoints[0].studyInstanceUid))
    expect(firstStudies).toEqual([...firstStudies].sort((a, b) => (a ?? 0) - (b ?? 0)))
    expect(tracks.tracks.map((t) => t.label)).toEqual(
      tracks.tracks.map((_, k) => `Lesion ${k + 1}`),
    )
    for (const track of tracks.tracks) {
      const truthTypes = track.timepoints.map(
        (p) => truth.bookmarks.find((b) => b.trackingUid === p.bookmarkId)?.type,
      )
      expect(truthTypes.every((type) => type === track.lesionType)).toBe(true)
      track.timepoints.forEach((point, k) => {
        const bookmark = bookmarkOf.get(point.bookmarkId)
        expect(point.studyInstanceUid).toBe(bookmark?.studyInstanceUid)
        expect(point.longAxisMm).toBe(bookmark?.longAxisMm)
        expect(point.shortAxisMm).toBe(bookmark?.shortAxisMm)
        if (k === 0) expect(point.probabilityFromPrevious).toBeNull()
        else expect(point.probabilityFromPrevious).toBeGreaterThan(0.5)
      })
    }
  })

  it('places every study in the aligned patient frame, the first one at the origin', () => {
    expect(tracks.transforms.map((t) => t.studyInstanceUid).sort()).toEqual(
      truth.studies.map((s) => s.studyInstanceUid).sort(),
    )
    const first = truth.studies.find((s) => s.studyIndex === 1)
    const reference = tracks.transforms.find((t) => t.studyInstanceUid === first?.studyInstanceUid)
    expect(reference?.translationMm).toEqual([0, 0, 0])
    // The generator moved the table between visits: later studies need a real translation.
    for (const t of tracks.transforms.filter((t) => t !== reference)) {
      expect(Math.hypot(...t.translationMm)).toBeGreaterThan(10)
      expect(t.confidence).toBeGreaterThan(0)
    }
  })

  it('reads the RECIST 1.1 response at every study as the true lesions give it', () => {
    const expected = trueReading(truth)
    const summary = (a: RecistAssessment | null) =>
      a?.timepoints.map((t) => [t.label, t.category, t.sumMm, t.newLesions.length])
    expect(summary(tracks.response)).toEqual(summary(expected))
    expect(tracks.response?.targets.map((t) => t.baselineMm)).toEqual(
      expected.targets.map((t) => t.baselineMm),
    )
    expect(tracks.response?.notes).toContain(NODES_NOT_MARKED)
  })

  it('answers JSON-serialisable records (they cross IPC and HTTP)', () => {
    expect(JSON.parse(JSON.stringify(tracks))).toEqual(tracks)
  })

  it('refuses a patient that is not loaded with the unknown-patient error', async () => {
    await expect(handlers.getTracks({ patientId: 'NOBODY' })).rejects.toMatchObject({
      code: 'unknown-patient',
      message: expect.stringContaining('NOBODY'),
    })
  })
})

describe('tracks when the embedding model cannot be opened', () => {
  it('imports anyway, with one warning, and matches on position, size and type', async () => {
    const missingCard = join(temp, 'moved', 'lesion-embedder.json')
    const models = { ...modelFilesIn(sourceResourcesDir()), embedderCardPath: missingCard }
    const { handlers, service } = newService(new PipelineWorker(sourceWorkerEntry(models)))
    const report = await handlers.openDemo({})
    expect(report.replacedSession).toBe(true)
    const warnings = report.issues.filter((i) => i.code === 'embedder-unavailable')
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toMatchObject({ severity: 'warning', file: missingCard })
    expect(warnings[0].message).toContain('model card not found')
    expect(warnings[0].hint).not.toBe('')
    const truth = readTruth(service.demoFolder)
    const tracks = await handlers.getTracks({ patientId: truth.patientId })
    expect(tracks.embedder).toBeNull()
    expect(tracks.links.some((l) => /embedding/.test(l.explanation))).toBe(false)
    // Every bookmark is in exactly one track.
    expect(trackGroups(tracks).flat().sort()).toEqual(
      truth.bookmarks.map((b) => b.trackingUid).sort(),
    )
  })
})
