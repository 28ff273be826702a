/**
 * Builds the app before it is started: the renderer alone for the web host (plain Vite, into
 * out/web), or main + preload + renderer for Electron (electron-vite, into out/).
 */
import { fileURLToPath } from 'node:url'

/** Repository root (this file is electron/host/builds.ts). */
export const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url))
/** Where the web build of the renderer goes; the web host serves this folder. */
export const WEB_BUILD_DIR = fileURLToPath(new URL('../../out/web', import.meta.url))

/** Builds the renderer for the browser (about two seconds); Vite logs only warnings. */
export async function buildWebRenderer(): Promise<void> {
  const { build } = await import('vite')
  await build({
    configFile: fileURLToPath(new URL('../../renderer/vite.config.ts', import.meta.url)),
    logLevel: 'warn',
  })
}

/** Builds the desktop app (main with its worker, preload, renderer) into outDir (default out/). */
export async function buildDesktopApp(outDir?: string): Promise<void> {
  const { build } = await import('electron-vite')
  await build({
    root: PROJECT_ROOT,
    configFile: 'electron.vite.config.ts',
    logLevel: 'warn',
    ...(outDir ? { build: { outDir } } : {}),
  })
}
