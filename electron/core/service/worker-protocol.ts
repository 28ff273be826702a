/**
 * Messages between the service and its pipeline worker, in the shared worker protocol, plus
 * progress reports while a long job runs.
 */
import type { ImportResult } from '../import/result'
import type { ImportTracks } from './import-tracker'
import type { ModelFiles } from './model-files'
import {
  ownedBuffers,
  type WorkerArgs,
  type WorkerReply as Reply,
  type WorkerRequest as Request,
  type WorkerResult,
} from '../worker/protocol'

/** What the worker can do, as (arguments) → result. */
export interface PipelineMethods {
  importFolder: (args: { folder: string }) => TrackedImport
  generateDemo: (args: { outDir: string }) => { outDir: string }
}

export type PipelineMethod = keyof PipelineMethods
export type PipelineArgs<M extends PipelineMethod> = WorkerArgs<PipelineMethods, M>
export type PipelineResult<M extends PipelineMethod> = WorkerResult<PipelineMethods, M>
export type WorkerRequest = Request<PipelineMethods>
export type WorkerReply =
  | { seq: number; kind: 'progress'; task: string; done: number; total: number }
  | Reply<PipelineMethods>

/** An import with the tracks computed from it in the same worker call. */
export interface TrackedImport extends ImportResult {
  tracking: ImportTracks
}

/**
 * Data the worker is started with: where the models are (resolved by main or the host, so the
 * worker never guesses from where a bundle landed; without them imports get no tracks), and
 * `tsEntry` only when running from TypeScript sources.
 */
export interface PipelineWorkerData {
  tsEntry?: string
  models?: ModelFiles
}

/** The ArrayBuffers of a result that can move to the other thread: the volumes' own buffers. */
export function transferables(value: unknown): ArrayBuffer[] {
  return isImportResult(value) ? ownedBuffers(value.volumes.values()) : []
}

function isImportResult(value: unknown): value is ImportResult {
  return (
    typeof value === 'object' && value !== null && (value as ImportResult).volumes instanceof Map
  )
}
