/**
 * Whether the Vulkan loader that WebGPU (Dawn) opens on Linux is there. Without it Dawn prints a
 * warning of its own on stderr and finds no adapter, so WebGPU is not worth trying.
 */
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

const LOADER = 'libvulkan.so.1'
/** The dynamic linker's list of the system's libraries (ldconfig writes it). */
const LINKER_CACHE = '/etc/ld.so.cache'

/** True when libvulkan.so.1 lies in LD_LIBRARY_PATH or in the dynamic linker's cache. */
export function vulkanLoaderFound(
  env: NodeJS.ProcessEnv = process.env,
  linkerCache = LINKER_CACHE,
): boolean {
  const dirs = (env.LD_LIBRARY_PATH ?? '').split(':').filter(Boolean)
  if (dirs.some((dir) => existsSync(join(dir, LOADER)))) return true
  try {
    return readFileSync(linkerCache).includes(LOADER)
  } catch {
    return false
  }
}
