// WebGPU is tried on Linux only where Dawn can open the Vulkan loader: found through
// LD_LIBRARY_PATH or the dynamic linker's cache, and not found when neither names it.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { vulkanLoaderFound } from '../../../electron/core/embed/vulkan-loader'

const dir = mkdtempSync(join(tmpdir(), 'lt-vulkan-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
const withLoader = join(dir, 'with-loader')
const withoutLoader = join(dir, 'without-loader')
mkdirSync(withLoader)
mkdirSync(withoutLoader)
writeFileSync(join(withLoader, 'libvulkan.so.1'), '')
writeFileSync(join(withoutLoader, 'libGL.so.1'), '')
const missingCache = join(dir, 'no-such-cache')
/** A linker cache is binary: names between other bytes. */
function cache(name: string, libraries: string[]): string {
  const path = join(dir, name)
  writeFileSync(path, Buffer.concat(libraries.map((l) => Buffer.from(`\0\x01${l}\0`, 'latin1'))))
  return path
}

describe('vulkanLoaderFound', () => {
  it('finds libvulkan.so.1 in any folder of LD_LIBRARY_PATH', () => {
    const env = { LD_LIBRARY_PATH: `/nowhere:${withoutLoader}:${withLoader}` }
    expect(vulkanLoaderFound(env, missingCache)).toBe(true)
    expect(vulkanLoaderFound({ LD_LIBRARY_PATH: withoutLoader }, missingCache)).toBe(false)
    expect(vulkanLoaderFound({}, missingCache)).toBe(false)
  })

  it('finds it in the dynamic linker cache', () => {
    const listed = cache('listed', ['libc.so.6', 'libvulkan.so.1', 'libz.so.1'])
    const unlisted = cache('unlisted', ['libc.so.6', 'libz.so.1'])
    expect(vulkanLoaderFound({}, listed)).toBe(true)
    expect(vulkanLoaderFound({}, unlisted)).toBe(false)
  })
})
