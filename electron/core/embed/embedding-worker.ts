/**
 * The client side of the embedding worker: an EmbeddingRunner whose model lives on another
 * thread. Patch buffers move to the worker and vectors move back without being copied.
 */
import { Worker } from 'node:worker_threads'
import type { EmbedderInfo, EmbeddingRunner } from './embedding-runner'
import type { EmbedderOptions, EmbeddingInputs } from './onnx-embedder'
import { ownedBuffers } from '../worker/protocol'
import {
  type EmbedWorkerArgs,
  type EmbedWorkerMethod,
  type EmbedWorkerReply,
  type EmbedWorkerRequest,
  type EmbedWorkerResult,
} from './worker-protocol'

/** How to start the worker: the script to run and the data it boots with. */
export interface EmbedWorkerEntry {
  url: URL
  workerData: { tsEntry?: string }
}

/**
 * The worker from TypeScript sources (CLI, tests, web host under tsx). It boots through the
 * service's tsx-worker.mjs, the app's one way of starting a TypeScript worker.
 */
export function sourceEmbedWorkerEntry(): EmbedWorkerEntry {
  return {
    url: new URL('../service/tsx-worker.mjs', import.meta.url),
    workerData: { tsEntry: new URL('./embed-worker.ts', import.meta.url).href },
  }
}

/** The bundled worker, emitted by electron-vite as embed-worker.js next to `bundleEntryUrl`. */
export function bundledEmbedWorkerEntry(bundleEntryUrl: string): EmbedWorkerEntry {
  return { url: new URL('./embed-worker.js', bundleEntryUrl), workerData: {} }
}

interface Pending {
  resolve: (value: unknown) => void
  reject: (error: Error) => void
}

/** An embedding model open in a worker thread. */
export class EmbeddingWorker implements EmbeddingRunner {
  private nextSeq = 1
  private readonly pending = new Map<number, Pending>()
  private failure: string | null = null
  private infoValue: EmbedderInfo | null = null

  private constructor(private readonly worker: Worker) {
    worker.on('message', (reply: EmbedWorkerReply) => this.receive(reply))
    worker.on('error', (error) => this.fail(`the embedding worker failed: ${error.message}`))
    worker.on('exit', (code) => this.fail(`the embedding worker stopped (exit code ${code})`))
  }

  /**
   * Starts a worker and opens the model of `cardPath` in it (see OnnxEmbedder.open for how the
   * execution provider is chosen). Rejects with the model's error message when it cannot be used.
   */
  static async open(
    cardPath: string,
    options: EmbedderOptions = {},
    entry: EmbedWorkerEntry = sourceEmbedWorkerEntry(),
  ): Promise<EmbeddingWorker> {
    const client = new EmbeddingWorker(new Worker(entry.url, { workerData: entry.workerData }))
    try {
      client.infoValue = await client.call('open', { cardPath, options })
    } catch (error) {
      await client.close()
      throw error
    }
    return client
  }

  get info(): EmbedderInfo {
    if (!this.infoValue) throw new Error('the embedding model is not open')
    return this.infoValue
  }

  embed(inputs: EmbeddingInputs): Promise<Float32Array> {
    const transfer = ownedBuffers([inputs.patch, inputs.context, inputs.features])
    return this.call('embed', inputs, transfer)
  }

  /** Releases the model and stops the thread. */
  async close(): Promise<void> {
    if (this.failure === null) {
      await this.call('close', {}).catch(() => undefined)
    }
    this.failure ??= 'the embedding worker was closed'
    await this.worker.terminate()
  }

  private call<M extends EmbedWorkerMethod>(
    method: M,
    args: EmbedWorkerArgs<M>,
    transfer: ArrayBuffer[] = [],
  ): Promise<EmbedWorkerResult<M>> {
    if (this.failure !== null) return Promise.reject(new Error(this.failure))
    const seq = this.nextSeq++
    return new Promise<EmbedWorkerResult<M>>((resolve, reject) => {
      this.pending.set(seq, { resolve: resolve as (value: unknown) => void, reject })
      // A worker with work to do keeps the process alive; an idle one must not hold a CLI open.
      this.worker.ref()
      this.worker.postMessage({ seq, method, args } as EmbedWorkerRequest, transfer)
    })
  }

  private receive(reply: EmbedWorkerReply): void {
    const pending = this.pending.get(reply.seq)
    if (!pending) return
    this.pending.delete(reply.seq)
    if (this.pending.size === 0) this.worker.unref()
    if (reply.kind === 'result') pending.resolve(reply.value)
    else pending.reject(new Error(reply.message))
  }

  private fail(reason: string): void {
    this.failure ??= reason
    for (const pending of this.pending.values()) pending.reject(new Error(reason))
    this.pending.clear()
  }
}
