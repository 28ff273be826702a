/**
 * What the embedding pipeline needs from whatever runs the network: the same thread
 * (OnnxEmbedder) or a worker thread (EmbeddingWorker) answer it alike.
 */
import type { PatchSpec } from '../patch/spec'
import type { ExecutionProviderName } from './execution-providers'
import type { EmbeddingInputs } from './onnx-embedder'

/** Facts about an open model, for callers and for reports. */
export interface EmbedderInfo {
  modelVersion: string
  dimension: number
  patchSpec: PatchSpec
  /** The provider actually running the model. */
  executionProvider: ExecutionProviderName
  /** Says why a better provider was not used; undefined when the first choice worked. */
  notice?: string
}

export interface EmbeddingRunner {
  readonly info: EmbedderInfo
  /**
   * Embeds `inputs.count` lesions; returns count × dimension values. The input arrays may be
   * handed to another thread: the caller must not reuse them.
   */
  embed(inputs: EmbeddingInputs): Promise<Float32Array>
  close(): Promise<void>
}
