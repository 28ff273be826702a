/**
 * Messages between the embedding worker and its client, in the shared worker protocol.
 */
import type { WorkerArgs, WorkerReply, WorkerRequest, WorkerResult } from '../worker/protocol'
import type { EmbedderInfo } from './embedding-runner'
import type { EmbedderOptions, EmbeddingInputs } from './onnx-embedder'

/** What the worker can do, as (arguments) → result. */
export interface EmbedWorkerMethods {
  open: (args: { cardPath: string; options: EmbedderOptions }) => EmbedderInfo
  embed: (args: EmbeddingInputs) => Float32Array
  close: (args: Record<string, never>) => null
}

export type EmbedWorkerMethod = keyof EmbedWorkerMethods
export type EmbedWorkerArgs<M extends EmbedWorkerMethod> = WorkerArgs<EmbedWorkerMethods, M>
export type EmbedWorkerResult<M extends EmbedWorkerMethod> = WorkerResult<EmbedWorkerMethods, M>
export type EmbedWorkerRequest = WorkerRequest<EmbedWorkerMethods>
export type EmbedWorkerReply = WorkerReply<EmbedWorkerMethods>
