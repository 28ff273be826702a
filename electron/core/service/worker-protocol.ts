/**
 * Messages between the service and its pipeline worker, in the shared worker protocol, plus
 * progress reports while a long job runs.
 */
import type { EmbedderInfo } from '../embed/embedding-runner'
import type { EmbeddingInputs } from '../embed/onnx-embedder'
import type { DeferredVolume } from '../import/dicom-folder'
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
  /** Imports the folders as one export (see importFolders). */
  importFolders: (args: { folders: string[] }) => TrackedImport
  /** The HU of one series of an import whose pixels stayed on disk (see TrackedImport.importId). */
  readVolume: (args: { importId: number; seriesInstanceUid: string }) => DeferredVolume
  generateDemo: (args: { outDir: string }) => { outDir: string }
  /** The worker's embedder (the one its imports run), opened if need be; null when it cannot be. */
  embedderInfo: (args: Record<string, never>) => EmbedderInfo | null
  /** Embeds a batch of patches with that embedder: count × dimension values. */
  embedPatches: (args: EmbeddingInputs) => Float32Array
}

export type PipelineMethod = keyof PipelineMethods
export type PipelineArgs<M extends PipelineMethod> = WorkerArgs<PipelineMethods, M>
export type PipelineResult<M extends PipelineMethod> = WorkerResult<PipelineMethods, M>
export type WorkerRequest = Request<PipelineMethods>
export type WorkerReply =
  | { seq: number; kind: 'progress'; task: string; done: number; total: number }
  | Reply<PipelineMethods>

/**
 * An import with the tracks computed from it in the same worker call. A DICOM import leaves its
 * pixels on disk (volumes empty): its series are read one at a time with readVolume and
 * `importId`. The DeepLesion layout, a few slices per lesion, comes with its volumes.
 */
export interface TrackedImport extends Omit<ImportResult, 'readVolume'> {
  tracking: ImportTracks
  importId?: number
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
  if (isImportResult(value)) return ownedBuffers(value.volumes.values())
  if (isReadVolume(value)) return ownedBuffers([value.hu])
  return []
}

function isReadVolume(value: unknown): value is { ok: true; hu: Int16Array } {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { hu?: unknown }).hu instanceof Int16Array
  )
}

function isImportResult(value: unknown): value is ImportResult {
  return (
    typeof value === 'object' && value !== null && (value as ImportResult).volumes instanceof Map
  )
}
