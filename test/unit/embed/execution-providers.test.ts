import { describe, expect, it } from 'vitest'
import {
  parseProviderChoice,
  providerOrder,
} from '../../../electron/core/embed/execution-providers'

// What onnxruntime-node 1.30 lists on each platform (CUDA is listed but not bundled on Linux).
const LINUX = [
  { name: 'cpu', bundled: true },
  { name: 'webgpu', bundled: true },
  { name: 'cuda', bundled: false },
  { name: 'tensorrt', bundled: false },
]
const WINDOWS = [
  { name: 'cpu', bundled: true },
  { name: 'dml', bundled: true },
  { name: 'webgpu', bundled: true },
]
const MAC = [
  { name: 'cpu', bundled: true },
  { name: 'coreml', bundled: true },
  { name: 'webgpu', bundled: true },
]

describe('execution provider order', () => {
  it('tries the platform’s native GPU provider first and CPU last', () => {
    expect(providerOrder('linux', LINUX)).toEqual(['cuda', 'webgpu', 'cpu'])
    expect(providerOrder('win32', WINDOWS)).toEqual(['dml', 'webgpu', 'cpu'])
    expect(providerOrder('darwin', MAC)).toEqual(['coreml', 'webgpu', 'cpu'])
  })

  it('leaves WebGPU out on Linux without a Vulkan loader, and only on Linux', () => {
    expect(providerOrder('linux', LINUX, false)).toEqual(['cuda', 'cpu'])
    expect(providerOrder('win32', WINDOWS, false)).toEqual(['dml', 'webgpu', 'cpu'])
  })

  it('never tries a provider this build does not list, nor DirectML outside Windows', () => {
    expect(providerOrder('linux', [{ name: 'cpu', bundled: true }])).toEqual(['cpu'])
    expect(providerOrder('linux', WINDOWS)).toEqual(['webgpu', 'cpu'])
  })

  it('parses the --provider choices and rejects others', () => {
    expect(parseProviderChoice('webgpu')).toBe('webgpu')
    expect(parseProviderChoice('auto')).toBe('auto')
    expect(parseProviderChoice('tensorrt')).toBeUndefined()
  })
})
