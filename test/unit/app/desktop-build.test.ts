// The desktop build must run where tsx does not exist: main and its pipeline worker bundled side
// by side (the worker found next to main and able to import a folder), and a preload that a
// sandboxed window can load (CommonJS, requiring nothing but electron).
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PipelineWorker } from '../../../electron/core/service/worker-client'
import { bundledWorkerEntry } from '../../../electron/core/service/worker-entry'
import { buildDesktopApp, PROJECT_ROOT } from '../../../electron/host/builds'
import { tempFolder, writeCtStudy } from './fixtures'

const temp = tempFolder('desktop-build')
// Inside the project, so the bundles resolve their external packages from its node_modules.
mkdirSync(join(PROJECT_ROOT, '.cache'), { recursive: true })
const outDir = mkdtempSync(join(PROJECT_ROOT, '.cache', 'test-desktop-build-'))
afterAll(() => {
  rmSync(outDir, { recursive: true, force: true })
  temp.remove()
})

let voxels: Int16Array
beforeAll(async () => {
  await buildDesktopApp(outDir)
  voxels = await writeCtStudy(join(temp.dir, 'scans'), {
    patientId: 'BUILD-1',
    studyUid: '2.25.61',
    seriesUid: '2.25.611',
    studyDate: '2023-05-05',
    dims: [16, 12, 4],
  })
})

describe('electron-vite build', () => {
  it('emits main, its pipeline worker, the preload and the renderer', () => {
    for (const file of [
      'main/index.js',
      'main/pipeline-worker.js',
      'preload/index.cjs',
      'renderer/index.html',
    ]) {
      expect(existsSync(join(outDir, file)), file).toBe(true)
    }
  })

  it('bundles a preload that requires only electron, as a sandboxed preload must', () => {
    const preload = readFileSync(join(outDir, 'preload/index.cjs'), 'utf8')
    const required = [...preload.matchAll(/require\(["']([^"']+)["']\)/g)].map((m) => m[1])
    expect(new Set(required)).toEqual(new Set(['electron']))
    expect(preload).not.toMatch(/^import /m)
  })

  it('starts the bundled worker next to main and imports a folder with it', async () => {
    const mainUrl = pathToFileURL(join(outDir, 'main/index.js')).href
    const worker = new PipelineWorker(bundledWorkerEntry(mainUrl))
    try {
      const result = await worker.call('importFolders', { folders: [join(temp.dir, 'scans')] })
      expect(result.patients.map((p) => p.patientId)).toEqual(['BUILD-1'])
      // The pixels stay on disk until a view asks for the series.
      expect(result.volumes.size).toBe(0)
      const read = await worker.call('readVolume', {
        importId: result.importId!,
        seriesInstanceUid: '2.25.611',
      })
      expect(read.ok && Array.from(read.hu)).toEqual(Array.from(voxels))
    } finally {
      await worker.close()
    }
  })
})
