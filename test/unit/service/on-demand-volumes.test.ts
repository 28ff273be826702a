// Opening a folder of many patients must not load every CT volume: the worker tracks the patients
// one at a time and the service reads a series only when a view asks for it. The voxels must be
// exactly those of a full import, and a slice that went bad after opening must give a clear error.
import { mkdtempSync, rmSync, statSync, truncateSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ApiHandlers } from '../../../electron/api/contract'
import { importFolder } from '../../../electron/core/import/import-folder'
import type { ImportResult } from '../../../electron/core/import/result'
import { LesionTrackService } from '../../../electron/core/service/service'
import { PipelineWorker } from '../../../electron/core/service/worker-client'
import { sourceWorkerEntry } from '../../../electron/core/service/worker-entry'
import { synthesize } from '../../../electron/core/synth/synthesize'
import { openHostSettings } from '../../../electron/host/settings'

const temp = mkdtempSync(join(tmpdir(), 'lt-on-demand-'))
const folder = join(temp, 'scans')
const worker = new PipelineWorker(sourceWorkerEntry())
let handlers: ApiHandlers
let full: ImportResult

beforeAll(async () => {
  await synthesize({
    patients: 2,
    seed: 43,
    out: folder,
    format: 'dicom',
    studies: 2,
    matrix: 96,
    sliceMm: 5,
  })
  full = await importFolder(folder)
  const service = new LesionTrackService({
    worker,
    settings: openHostSettings(join(temp, 'settings')),
    cacheDir: join(temp, 'cache'),
  })
  handlers = service.handlers()
})
afterAll(async () => {
  await worker.close()
  rmSync(temp, { recursive: true, force: true })
})

describe('volumes read on demand', () => {
  it('gives every series the voxels of a full import, and tracks every patient', async () => {
    const report = await handlers.importFolder({ folder })
    expect(report.counts.patients).toBe(2)
    for (const series of full.series) {
      const volume = await handlers.getVolume({ seriesInstanceUid: series.seriesInstanceUid })
      expect(volume.geometry).toEqual(series.geometry)
      expect(volume.hu).toEqual(full.volumes.get(series.seriesInstanceUid))
    }
    for (const patient of full.patients) {
      const tracks = await handlers.getTracks({ patientId: patient.patientId })
      expect(tracks.tracks.length).toBeGreaterThan(0)
      expect(tracks.embedder).not.toBeNull()
    }
  })

  it('says which slice cannot be read when a file went bad after opening', async () => {
    await handlers.importFolder({ folder })
    const broken = full.series[full.series.length - 1]
    const file = broken.sourceFiles[2]
    truncateSync(file, statSync(file).size - 1000)
    await expect(
      handlers.getVolume({ seriesInstanceUid: broken.seriesInstanceUid }),
    ).rejects.toMatchObject({ code: 'volume-unreadable', message: expect.stringContaining(file) })
    const intact = full.series[0]
    const volume = await handlers.getVolume({ seriesInstanceUid: intact.seriesInstanceUid })
    expect(volume.hu).toEqual(full.volumes.get(intact.seriesInstanceUid))
  })

  it('reports in the load report a series with bookmarks whose slice cannot be decoded', async () => {
    const marked = full.series.find(
      (series) =>
        series !== full.series[full.series.length - 1] &&
        full.bookmarks.some((b) => b.seriesInstanceUid === series.seriesInstanceUid),
    )!
    const file = marked.sourceFiles[1]
    truncateSync(file, statSync(file).size - 1000)
    const report = await handlers.importFolder({ folder })
    const problems = report.issues.filter((i) => i.file === file)
    expect(problems).toHaveLength(1)
    expect(problems[0].severity).toBe('error')
    expect(problems[0].message).toMatch(/pixel data cannot be read|could not be decoded/)
    // Left out whole, as a full import does: no record of the series or its bookmarks remains.
    const patientId = full.studies.find(
      (s) => s.studyInstanceUid === marked.studyInstanceUid,
    )!.patientId
    const records = await handlers.getPatient({ patientId })
    expect(records.series.map((s) => s.seriesInstanceUid)).not.toContain(marked.seriesInstanceUid)
    expect(records.bookmarks.some((b) => b.seriesInstanceUid === marked.seriesInstanceUid)).toBe(
      false,
    )
    const tracks = await handlers.getTracks({ patientId })
    const tracked = tracks.tracks.flatMap((t) => t.timepoints.map((p) => p.bookmarkId))
    expect(tracked.sort()).toEqual(records.bookmarks.map((b) => b.bookmarkId).sort())
  })
})
