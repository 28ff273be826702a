/**
 * The pipeline worker's embedder seen from the service, as an EmbeddingRunner: lesions the reader
 * measures after an import are embedded by the model the import ran, off the main thread, from
 * patches cut here out of the volume the study view already holds.
 */
import type { EmbedderInfo, EmbeddingRunner } from '../embed/embedding-runner'
import type { EmbeddingInputs } from '../embed/onnx-embedder'
import type { PipelineWorker } from './worker-client'

export class WorkerEmbeddingRunner implements EmbeddingRunner {
  private constructor(
    private readonly worker: PipelineWorker,
    readonly info: EmbedderInfo,
  ) {}

  /** The runner, or null when the worker has no embedder to run (no model files, no runtime). */
  static async open(worker: PipelineWorker): Promise<WorkerEmbeddingRunner | null> {
    const info = await worker.call('embedderInfo', {})
    return info ? new WorkerEmbeddingRunner(worker, info) : null
  }

  embed(inputs: EmbeddingInputs): Promise<Float32Array> {
    return this.worker.call('embedPatches', inputs)
  }

  /** The worker owns the model and keeps it for the next import: nothing to release here. */
  async close(): Promise<void> {}
}
