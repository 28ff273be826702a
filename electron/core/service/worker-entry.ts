/**
 * Where the pipeline worker's code is, for each way the app runs: from TypeScript sources (tsx,
 * vitest) the worker boots through tsx-worker.mjs; the electron-vite bundle ships it as a .js entry.
 */
import type { PipelineWorkerData } from './worker-protocol'

/** How to start the pipeline worker: the script to run and the data it needs to boot. */
export interface WorkerEntry {
  url: URL
  workerData: PipelineWorkerData
}

/** The worker as TypeScript sources, for every process that runs this code through tsx or vitest. */
export function sourceWorkerEntry(): WorkerEntry {
  return {
    url: new URL('./tsx-worker.mjs', import.meta.url),
    workerData: { tsEntry: new URL('./pipeline-worker.ts', import.meta.url).href },
  }
}

/** The bundled worker, emitted by electron-vite next to the bundle entry that calls this. */
export function bundledWorkerEntry(bundleEntryUrl: string): WorkerEntry {
  return { url: new URL('./pipeline-worker.js', bundleEntryUrl), workerData: {} }
}
