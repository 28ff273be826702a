// Child process of webgpu.test.ts: the Vulkan driver is chosen by environment variables read when
// the process starts, so the WebGPU run needs its own process. Prints one JSON object on stdout.
import { loadEmbeddingModel } from '../../../electron/core/embed/model-card'
import { OnnxEmbedder } from '../../../electron/core/embed/onnx-embedder'
import { webgpuTestPatches } from './webgpu-patches'

const model = loadEmbeddingModel()
const embedder = await OnnxEmbedder.open(model, { provider: 'auto' })
const patches = webgpuTestPatches(model.card.patchSpec)
const vectors = await embedder.embed(patches)
process.stdout.write(
  JSON.stringify({
    executionProvider: embedder.executionProvider,
    failures: embedder.failures,
    vectors: [...vectors],
  }) + '\n',
)
await embedder.close()
