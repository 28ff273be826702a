/**
 * Where the pipeline worker's code is, for each way the app runs: from TypeScript sources (tsx,
 * vitest) the worker boots through tsx-worker.mjs; the electron-vite bundle ships it as a .js entry.
 */
import { fileURLToPath } from 'node:url'
import { modelFilesIn, type ModelFiles } from './model-files'
import type { PipelineWorkerData } from './worker-protocol'

/** How to start the pipeline worker: the script to run and the data it needs to boot. */
export interface WorkerEntry {
  url: URL
  workerData: PipelineWorkerData
}

/** resources/ of this source tree: right for every process that runs the TypeScript sources. */
export function sourceResourcesDir(): string {
  return fileURLToPath(new URL('../../../resources', import.meta.url))
}

/** The worker as TypeScript sources, for every process that runs this code through tsx or vitest. */
export function sourceWorkerEntry(
  models: ModelFiles = modelFilesIn(sourceResourcesDir()),
): WorkerEntry {
  return {
    url: new URL('./tsx-worker.mjs', import.meta.url),
    workerData: { tsEntry: new URL('./pipeline-worker.ts', import.meta.url).href, models },
  }
}

/**
 * The bundled worker, emitted by electron-vite next to the bundle entry that calls this. The
 * models are given by the caller (Electron main knows its app folder); without them no tracks.
 */
export function bundledWorkerEntry(bundleEntryUrl: string, models?: ModelFiles): WorkerEntry {
  return { url: new URL('./pipeline-worker.js', bundleEntryUrl), workerData: { models } }
}
