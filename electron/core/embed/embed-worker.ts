/**
 * The embedding worker thread: holds the one inference session, so model loading and inference
 * never block the thread that asked (in the app, Electron's main process).
 */
import { parentPort } from 'node:worker_threads'
import { loadEmbeddingModel } from './model-card'
import { OnnxEmbedder } from './onnx-embedder'
import { ownedBuffers } from '../worker/protocol'
import type { EmbedWorkerReply, EmbedWorkerRequest } from './worker-protocol'

let embedder: OnnxEmbedder | null = null

function requireEmbedder(): OnnxEmbedder {
  if (!embedder) throw new Error('the embedding model is not open in this worker')
  return embedder
}

async function handle(request: EmbedWorkerRequest): Promise<unknown> {
  switch (request.method) {
    case 'open': {
      await embedder?.close()
      embedder = null
      const model = loadEmbeddingModel(request.args.cardPath)
      embedder = await OnnxEmbedder.open(model, request.args.options)
      return embedder.info
    }
    case 'embed':
      return requireEmbedder().embed(request.args)
    case 'close':
      await embedder?.close()
      embedder = null
      return null
  }
}

// Requests run one at a time, in order: one session serves them all.
let queue: Promise<void> = Promise.resolve()

parentPort?.on('message', (request: EmbedWorkerRequest) => {
  queue = queue.then(async () => {
    try {
      const value = await handle(request)
      const transfer = value instanceof Float32Array ? ownedBuffers([value]) : []
      const reply = { seq: request.seq, kind: 'result', value } as EmbedWorkerReply
      parentPort?.postMessage(reply, transfer)
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error)
      const reply: EmbedWorkerReply = { seq: request.seq, kind: 'failure', message }
      parentPort?.postMessage(reply)
    }
  })
})
