/**
 * The pipeline worker: runs imports and demo generation off the main thread so the window never
 * freezes, reporting progress and moving voxel buffers back without copying them.
 */
import { parentPort, workerData } from 'node:worker_threads'
import { importFolder } from '../import/import-folder'
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

const IMPLEMENTATIONS: Implementations = {
  importFolder: async ({ folder }, progress) => {
    const result = await importFolder(folder, {
      onProgress: ({ phase, done, total }) =>
        progress(phase === 'headers' ? 'Reading file headers' : 'Decoding slices', done, total),
    })
    // Tracked here, before the volumes move to the service, so they cross threads once.
    return { ...result, tracking: await tracker.track(result, folder, progress) }
  },
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
