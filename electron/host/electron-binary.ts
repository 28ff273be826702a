/**
 * Can the Electron desktop app run here? Fetches Electron's binary on first use (its own
 * installer) and checks for a display, so `npm start` can say plainly why it falls back.
 */
import { spawn } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

export type ElectronAvailability = { ok: true; binary: string } | { ok: false; reason: string }

/** Seconds Electron's installer may take: the first download is about 100 MB. */
const INSTALL_TIMEOUT_MS = 10 * 60 * 1000

/** Makes sure the Electron binary is present and a display exists to open a window on. */
export async function checkElectron(): Promise<ElectronAvailability> {
  const packageDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'))
  const installed = await runInstaller(join(packageDir, 'install.js'))
  if (!installed.ok) return installed
  const pathFile = join(packageDir, 'path.txt')
  const binary = existsSync(pathFile)
    ? join(packageDir, 'dist', readFileSync(pathFile, 'utf8'))
    : ''
  if (!binary || !existsSync(binary)) {
    return {
      ok: false,
      reason: `Electron's installer finished but no binary is at ${binary || packageDir}`,
    }
  }
  return { ok: true, binary }
}

/** Runs node_modules/electron/install.js (a no-op once installed); keeps its last error line. */
function runInstaller(script: string): Promise<ElectronAvailability> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [script], { stdio: ['ignore', 'ignore', 'pipe'] })
    let stderr = ''
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    const timer = setTimeout(() => child.kill(), INSTALL_TIMEOUT_MS)
    child.on('close', (code) => {
      clearTimeout(timer)
      if (code === 0) resolve({ ok: true, binary: '' })
      else
        resolve({
          ok: false,
          reason: `Electron’s binary could not be downloaded (${firstErrorLine(stderr, code)})`,
        })
    })
    child.on('error', (error) => {
      clearTimeout(timer)
      resolve({ ok: false, reason: `Electron’s installer could not run (${error.message})` })
    })
  })
}

function firstErrorLine(stderr: string, code: number | null): string {
  const line = stderr.split('\n').find((l) => /error/i.test(l))
  return line?.trim() ?? `installer exit code ${code}`
}
