/**
 * The service's side of the pipeline worker: typed calls with sequence numbers, progress
 * callbacks, and a fresh worker after a crash so one bad file never takes the app down.
 */
import { Worker } from 'node:worker_threads'
import type { WorkerEntry } from './worker-entry'
import type {
  PipelineArgs,
  PipelineMethod,
  PipelineResult,
  WorkerReply,
  WorkerRequest,
} from './worker-protocol'

export type ProgressListener = (task: string, done: number, total: number) => void

interface Pending {
  resolve: (value: unknown) => void
  reject: (error: Error) => void
  onProgress: ProgressListener
}

/** A long-lived worker thread, started on first use. */
export class PipelineWorker {
  private worker: Worker | null = null
  private nextSeq = 1
  private readonly pending = new Map<number, Pending>()

  constructor(private readonly entry: WorkerEntry) {}

  /** Runs one pipeline method in the worker. */
  call<M extends PipelineMethod>(
    method: M,
    args: PipelineArgs<M>,
    onProgress: ProgressListener = () => {},
  ): Promise<PipelineResult<M>> {
    const worker = this.worker ?? this.start()
    const seq = this.nextSeq++
    return new Promise<PipelineResult<M>>((resolve, reject) => {
      this.pending.set(seq, { resolve: resolve as (value: unknown) => void, reject, onProgress })
      worker.ref()
      worker.postMessage({ seq, method, args } as WorkerRequest)
    })
  }

  /** Stops the worker; calls still running fail with a message saying so. */
  async close(): Promise<void> {
    const worker = this.worker
    this.worker = null
    this.failAll('the app is shutting down')
    if (worker) await worker.terminate()
  }

  private start(): Worker {
    const worker = new Worker(this.entry.url, { workerData: this.entry.workerData })
    worker.on('message', (reply: WorkerReply) => this.receive(reply))
    worker.on('error', (error) => this.crashed(worker, error.message))
    worker.on('exit', (code) => this.crashed(worker, `the worker stopped (exit code ${code})`))
    this.worker = worker
    return worker
  }

  private receive(reply: WorkerReply): void {
    const pending = this.pending.get(reply.seq)
    if (!pending) return
    if (reply.kind === 'progress') {
      pending.onProgress(reply.task, reply.done, reply.total)
      return
    }
    this.pending.delete(reply.seq)
    // An idle worker must not keep a CLI or test process alive; a busy one must.
    if (this.pending.size === 0) this.worker?.unref()
    if (reply.kind === 'result') pending.resolve(reply.value)
    else pending.reject(new Error(reply.message))
  }

  private crashed(worker: Worker, reason: string): void {
    if (this.worker !== worker) return
    this.worker = null
    this.failAll(`the background worker failed: ${reason}`)
  }

  private failAll(reason: string): void {
    for (const pending of this.pending.values()) pending.reject(new Error(reason))
    this.pending.clear()
  }
}
