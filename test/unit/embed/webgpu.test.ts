// Guards the GPU code path: with a Vulkan driver present (Chromium's SwiftShader here), `auto`
// must pick WebGPU and its embeddings must equal the CPU ones within a small tolerance.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { loadEmbeddingModel } from '../../../electron/core/embed/model-card'
import { OnnxEmbedder, type ProviderFailure } from '../../../electron/core/embed/onnx-embedder'
import { WEBGPU_LESIONS, webgpuTestPatches } from './webgpu-patches'

const CHROMIUM_LIB = '/usr/lib/chromium'
const runtimeDir = mkdtempSync(join(tmpdir(), 'lesiontrack-xdg-'))
afterAll(() => rmSync(runtimeDir, { recursive: true, force: true }))

interface ChildOutput {
  executionProvider: string
  failures: ProviderFailure[]
  vectors: number[]
}

describe('WebGPU execution provider (SwiftShader Vulkan)', () => {
  it('is chosen by auto and matches the CPU embeddings', async () => {
    expect(existsSync(join(CHROMIUM_LIB, 'vk_swiftshader_icd.json'))).toBe(true)
    const child = spawnSync(
      process.execPath,
      ['--import', 'tsx', new URL('./webgpu-child.ts', import.meta.url).pathname],
      {
        encoding: 'utf8',
        timeout: 120_000,
        env: {
          ...process.env,
          VK_ICD_FILENAMES: join(CHROMIUM_LIB, 'vk_swiftshader_icd.json'),
          XDG_RUNTIME_DIR: runtimeDir,
          // Chromium ships the Vulkan loader that Dawn opens, in case the system has none.
          LD_LIBRARY_PATH: [CHROMIUM_LIB, process.env.LD_LIBRARY_PATH].filter(Boolean).join(':'),
        },
      },
    )
    expect(child.status, child.stderr).toBe(0)
    const output = JSON.parse(child.stdout) as ChildOutput
    expect(output.executionProvider).toBe('webgpu')
    expect(output.failures.every((f) => f.provider !== 'webgpu')).toBe(true)

    const model = loadEmbeddingModel()
    const cpu = await OnnxEmbedder.open(model, { provider: 'cpu' })
    const expected = await cpu.embed(webgpuTestPatches(model.card.patchSpec))
    await cpu.close()
    expect(output.vectors.length).toBe(WEBGPU_LESIONS * model.card.output.dimension)
    const worst = Math.max(...output.vectors.map((v, n) => Math.abs(v - expected[n])))
    // WebGPU shaders round differently from MLAS; components of unit vectors agree to 1e-2.
    expect(worst).toBeLessThan(1e-2)
  })
})
