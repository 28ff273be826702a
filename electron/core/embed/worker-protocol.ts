/**
 * Messages between the embedding worker and its client: one interface types every method;
 * requests and replies are discriminated unions carrying a sequence number (Signal's pattern).
 */
import type { EmbedderInfo } from './embedding-runner'
import type { EmbedderOptions, EmbeddingInputs } from './onnx-embedder'

/** What the worker can do, as (arguments) → result. */
export interface EmbedWorkerMethods {
  open: (args: { cardPath: string; options: EmbedderOptions }) => EmbedderInfo
  embed: (args: EmbeddingInputs) => Float32Array
  close: (args: Record<string, never>) => null
}

export type EmbedWorkerMethod = keyof EmbedWorkerMethods
export type EmbedWorkerArgs<M extends EmbedWorkerMethod> = Parameters<EmbedWorkerMethods[M]>[0]
export type EmbedWorkerResult<M extends EmbedWorkerMethod> = ReturnType<EmbedWorkerMethods[M]>

export type EmbedWorkerRequest = {
  [M in EmbedWorkerMethod]: { seq: number; method: M; args: EmbedWorkerArgs<M> }
}[EmbedWorkerMethod]

export type EmbedWorkerReply =
  | { seq: number; kind: 'result'; value: EmbedWorkerResult<EmbedWorkerMethod> }
  | { seq: number; kind: 'failure'; message: string }

/**
 * Buffers that move to the other thread instead of being copied: only ones a typed array owns
 * whole, since detaching a shared buffer (e.g. Node's Buffer pool) would break its other users.
 */
export function ownedBuffers(arrays: Float32Array[]): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>()
  for (const array of arrays) {
    const whole = array.byteOffset === 0 && array.byteLength === array.buffer.byteLength
    if (whole && array.buffer instanceof ArrayBuffer) buffers.add(array.buffer)
  }
  return [...buffers]
}
