/**
 * Messages between the service and its pipeline worker: one interface types every method;
 * requests and replies are discriminated unions carrying a sequence number (Signal's pattern).
 */
import type { ImportResult } from '../import/result'

/** What the worker can do, as (arguments) → result. */
export interface PipelineMethods {
  importFolder: (args: { folder: string }) => ImportResult
  generateDemo: (args: { outDir: string }) => { outDir: string }
}

export type PipelineMethod = keyof PipelineMethods
export type PipelineArgs<M extends PipelineMethod> = Parameters<PipelineMethods[M]>[0]
export type PipelineResult<M extends PipelineMethod> = ReturnType<PipelineMethods[M]>

export type WorkerRequest = {
  [M in PipelineMethod]: { seq: number; method: M; args: PipelineArgs<M> }
}[PipelineMethod]

export type WorkerReply =
  | { seq: number; kind: 'progress'; task: string; done: number; total: number }
  | { seq: number; kind: 'result'; value: PipelineResult<PipelineMethod> }
  | { seq: number; kind: 'failure'; message: string }

/** Data the worker is started with; `tsEntry` is set only when running from TypeScript sources. */
export interface PipelineWorkerData {
  tsEntry?: string
}

/**
 * The ArrayBuffers of a result that can move to the other thread instead of being copied: only
 * buffers a volume owns whole, since a shared one (e.g. Node's Buffer pool) must not be detached.
 */
export function transferables(value: unknown): ArrayBuffer[] {
  if (!isImportResult(value)) return []
  const buffers = new Set<ArrayBuffer>()
  for (const hu of value.volumes.values()) {
    const ownsBuffer = hu.byteOffset === 0 && hu.byteLength === hu.buffer.byteLength
    if (ownsBuffer && hu.buffer instanceof ArrayBuffer) buffers.add(hu.buffer)
  }
  return [...buffers]
}

function isImportResult(value: unknown): value is ImportResult {
  return (
    typeof value === 'object' && value !== null && (value as ImportResult).volumes instanceof Map
  )
}
