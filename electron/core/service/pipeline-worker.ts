/**
 * The pipeline worker: runs imports and demo generation off the main thread so the window never
 * freezes, reporting progress and moving voxel buffers back without copying them.
 */
import { parentPort, workerData } from 'node:worker_threads'
import type { ReadDeferredVolume } from '../import/dicom-folder'
import { HeaderCache } from '../import/header-cache'
import { importFolders } from '../import/import-folder'
import { generateDemo } from '../synth/demo'
import { ImportTracker } from './import-tracker'
import {
  transferables,
  type PipelineMethod,
  type PipelineMethods,
  type PipelineWorkerData,
  type WorkerReply,
  type WorkerRequest,
} from './worker-protocol'

type Progress = (task: string, done: number, total: number) => void

type Implementations = {
  [M in PipelineMethod]: (
    args: Parameters<PipelineMethods[M]>[0],
    progress: Progress,
  ) => Promise<ReturnType<PipelineMethods[M]>>
}

/** One per worker: the embedding session is opened by the first import and reused. */
const tracker = new ImportTracker((workerData as PipelineWorkerData).models)
/** The headers of the folders open now: reopening or adding a folder reads only new files. */
const headers = new HeaderCache()

/**
 * Imports with patients whose pixels stay on disk, by id, newest last. The service's session is
 * always one of the last two (a newer one replaces it only once it has patients).
 */
const openImports = new Map<number, ReadDeferredVolume>()
const OPEN_IMPORTS_KEPT = 2
let nextImportId = 1

const IMPLEMENTATIONS: Implementations = {
  importFolders: async ({ folders }, progress) => {
    // Pixels stay on disk: tracking reads one patient's volumes at a time, and the service asks
    // for a series when a view shows it, so a folder of many patients never sits in memory.
    const imported = await importFolders(folders, {
      deferPixels: true,
      readHeader: (path) => headers.read(path),
      onProgress: ({ phase, done, total }) =>
        progress(phase === 'headers' ? 'Reading file headers' : 'Decoding slices', done, total),
    })
    headers.keepOnlyUsed()
    // Tracking may leave out a series it cannot decode (as a full import would): read after it.
    const tracking = await tracker.track(imported, folders.join(', '), progress)
    const { readVolume, ...result } = imported
    if (!readVolume || result.patients.length === 0) return { ...result, tracking }
    const importId = nextImportId++
    openImports.set(importId, readVolume)
    for (const id of openImports.keys()) {
      if (openImports.size > OPEN_IMPORTS_KEPT) openImports.delete(id)
    }
    return { ...result, tracking, importId }
  },
  readVolume: async ({ importId, seriesInstanceUid }) => {
    const read = openImports.get(importId)
    if (!read) throw new Error('the folder is no longer open in the background worker')
    return read(seriesInstanceUid)
  },
  embedderInfo: async () => tracker.embedderInfo(),
  embedPatches: async (inputs) => tracker.embedPatches(inputs),
  generateDemo: async ({ outDir }, progress) => {
    progress('Generating the demo patient', 0, 1)
    await generateDemo(outDir)
    progress('Generating the demo patient', 1, 1)
    return { outDir }
  },
}

function reply(message: WorkerReply, transfer: ArrayBuffer[] = []): void {
  parentPort?.postMessage(message, transfer)
}

async function run(request: WorkerRequest): Promise<void> {
  const progress: Progress = (task, done, total) =>
    reply({ seq: request.seq, kind: 'progress', task, done, total })
  try {
    const implementation = IMPLEMENTATIONS[request.method] as (
      args: unknown,
      progress: Progress,
    ) => Promise<unknown>
    const value = await implementation(request.args, progress)
    reply({ seq: request.seq, kind: 'result', value } as WorkerReply, transferables(value))
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    reply({ seq: request.seq, kind: 'failure', message })
  }
}

parentPort?.on('message', (request: WorkerRequest) => void run(request))
