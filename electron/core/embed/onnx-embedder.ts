/**
 * One ONNX Runtime session for the embedding model, on the best execution provider that actually
 * works here; anything that fails to start or to run falls back to CPU, and says so.
 */
import { availableParallelism } from 'node:os'
import * as ort from 'onnxruntime-node'
import { inputShapes } from '../patch/spec'
import {
  NO_VULKAN_LOADER,
  providerOrder,
  type ExecutionProviderName,
  type ProviderChoice,
} from './execution-providers'
import type { EmbedderInfo, EmbeddingRunner } from './embedding-runner'
import { EmbeddingModelError, type EmbeddingModel } from './model-card'
import { vulkanLoaderFound } from './vulkan-loader'

export interface EmbedderOptions {
  /** `auto` (default) tries the best provider first; a named one is tried before CPU. */
  provider?: ProviderChoice
  /** CPU threads; defaults to the number of cores (ONNX Runtime's default behaves like one). */
  threads?: number
}

/** The network inputs of `count` lesions, in the layout of PatchBatch. */
export interface EmbeddingInputs {
  count: number
  patch: Float32Array
  context: Float32Array
  features: Float32Array
}

/** A provider that was tried and could not be used, and why. */
export interface ProviderFailure {
  provider: ExecutionProviderName
  reason: string
}

/** ONNX Runtime messages open with a source path and an assertion; keep what a user can read. */
function readableReason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error)
  const firstLine = message.split('\n')[0]
  const failed = firstLine.search(/Failed to|cannot|not found|No supported/i)
  const reason = failed >= 0 ? firstLine.slice(failed) : firstLine
  return reason.length > 200 ? `${reason.slice(0, 197)}…` : reason
}

function sessionOptions(
  provider: ExecutionProviderName,
  threads: number,
): ort.InferenceSession.SessionOptions {
  return {
    executionProviders: [provider],
    graphOptimizationLevel: 'all',
    // Nodes a GPU provider does not take still run on CPU: give them every core as well.
    intraOpNumThreads: threads,
    // Idle intra-op threads must not spin: between batches the caller extracts the next patches
    // on the same cores, and in the app the window shares them too.
    extra: { session: { intra_op: { allow_spinning: '0' } } },
  }
}

/** Embeds batches of patches with one inference session, created once, on this thread. */
export class OnnxEmbedder implements EmbeddingRunner {
  private constructor(
    readonly model: EmbeddingModel,
    private readonly session: ort.InferenceSession,
    /** The provider that runs the model (what was actually used, not what was asked for). */
    readonly executionProvider: ExecutionProviderName,
    /** Providers tried before it, with the reason each could not be used. */
    readonly failures: ProviderFailure[],
  ) {}

  /**
   * Opens a session on the first provider that both starts and runs a warm-up batch; CPU last.
   * Throws EmbeddingModelError when not even CPU can load the model.
   */
  static async open(model: EmbeddingModel, options: EmbedderOptions = {}): Promise<OnnxEmbedder> {
    // Providers that fail make ONNX Runtime print its own error lines; the failures are reported
    // once, readably, in `notice`. Set before the first session: the log level is process-wide.
    ort.env.logLevel = 'fatal'
    const threads = options.threads ?? availableParallelism()
    const choice = options.provider ?? 'auto'
    const backends = ort.listSupportedBackends()
    const order: ExecutionProviderName[] =
      choice === 'auto'
        ? providerOrder(process.platform, backends, vulkanLoaderFound())
        : [...new Set<ExecutionProviderName>([choice, 'cpu'])]
    const failures: ProviderFailure[] = []
    // WebGPU listed but left out of `auto`: only for want of the Vulkan loader; say so.
    if (choice === 'auto' && backends.some((b) => b.name === 'webgpu') && !order.includes('webgpu'))
      failures.push({ provider: 'webgpu', reason: NO_VULKAN_LOADER })
    for (const provider of order) {
      let session: ort.InferenceSession | undefined
      try {
        session = await ort.InferenceSession.create(
          model.onnxBytes,
          sessionOptions(provider, threads),
        )
        const embedder = new OnnxEmbedder(model, session, provider, failures)
        await embedder.warmUp()
        return embedder
      } catch (error) {
        failures.push({ provider, reason: readableReason(error) })
        await session?.release()
      }
    }
    const cpu = failures.find((failure) => failure.provider === 'cpu')
    throw new EmbeddingModelError(
      model.onnxPath,
      `ONNX Runtime cannot run this model (${cpu?.reason ?? 'no provider could start'})`,
      'Restore resources/models/ from the repository, or rebuild the model with `npm run train:model`.',
    )
  }

  /** A line for the user when the model runs on a fallback provider; undefined when none failed. */
  get notice(): string | undefined {
    if (this.failures.length === 0) return undefined
    const tried = this.failures.map((f) => `${f.provider}: ${f.reason}`).join('; ')
    return `embedding on ${this.executionProvider} (could not use ${tried})`
  }

  /** Length of one embedding vector. */
  get dimension(): number {
    return this.model.card.output.dimension
  }

  get info(): EmbedderInfo {
    return {
      modelVersion: this.model.modelVersion,
      dimension: this.dimension,
      patchSpec: this.model.card.patchSpec,
      executionProvider: this.executionProvider,
      ...(this.notice !== undefined && { notice: this.notice }),
    }
  }

  /** Embeds `inputs.count` lesions; returns count × dimension values, one unit vector per lesion. */
  async embed(inputs: EmbeddingInputs): Promise<Float32Array> {
    const shapes = inputShapes(this.model.card.patchSpec, inputs.count)
    const tensor = (name: 'patch' | 'context' | 'features') => {
      const size = shapes[name].reduce((a, b) => a * b, 1)
      if (inputs[name].length < size) {
        throw new RangeError(`${name} holds ${inputs[name].length} values, ${size} are needed`)
      }
      return new ort.Tensor('float32', inputs[name].subarray(0, size), shapes[name])
    }
    const feeds = {
      patch: tensor('patch'),
      context: tensor('context'),
      features: tensor('features'),
    }
    const results = await this.session.run(feeds)
    const output = results[this.model.card.output.name]
    return output.data as Float32Array
  }

  /** Runs one lesion of zeros: a provider that starts but cannot run fails here, not later. */
  private async warmUp(): Promise<void> {
    const shapes = inputShapes(this.model.card.patchSpec, 1)
    const zeros = (shape: number[]) => new Float32Array(shape.reduce((a, b) => a * b, 1))
    const vector = await this.embed({
      count: 1,
      patch: zeros(shapes.patch),
      context: zeros(shapes.context),
      features: zeros(shapes.features),
    })
    if (vector.length !== this.dimension || !vector.every(Number.isFinite)) {
      throw new Error(
        `the warm-up run gave ${vector.length} values, not ${this.dimension} finite ones`,
      )
    }
  }

  async close(): Promise<void> {
    await this.session.release()
  }
}
