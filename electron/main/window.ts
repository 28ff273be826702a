/**
 * The main window: context isolation, no Node in the page, sandboxed preload; it cannot navigate
 * away or open other windows, and it remembers its bounds in settings.
 */
import { BrowserWindow, shell } from 'electron'
import { fileURLToPath } from 'node:url'
import type { SettingsStore, WindowBounds } from '../core/service/settings'

const PRELOAD_PATH = fileURLToPath(new URL('../preload/index.cjs', import.meta.url))
const RENDERER_FILE = fileURLToPath(new URL('../renderer/index.html', import.meta.url))

/** The address the renderer is loaded from: electron-vite's dev server, or the built file. */
export function rendererUrl(): string {
  return (
    process.env.ELECTRON_RENDERER_URL ?? new URL('../renderer/index.html', import.meta.url).href
  )
}

export function createMainWindow(settings: SettingsStore): BrowserWindow {
  const bounds = settings.get('windowBounds')
  const window = new BrowserWindow({
    ...(bounds ?? { width: 1440, height: 900 }),
    minWidth: 900,
    minHeight: 600,
    title: 'LesionTrack',
    backgroundColor: '#0f1215',
    show: false,
    webPreferences: {
      preload: PRELOAD_PATH,
      contextIsolation: true,
      nodeIntegration: false,
      sandbox: true,
      webSecurity: true,
      spellcheck: false,
    },
  })
  window.once('ready-to-show', () => window.show())
  window.on('close', () => settings.set('windowBounds', roundBounds(window.getNormalBounds())))
  // The page is the app itself: links go to the system browser, never into this window.
  window.webContents.setWindowOpenHandler(({ url }) => {
    if (url.startsWith('https://')) void shell.openExternal(url)
    return { action: 'deny' }
  })
  window.webContents.on('will-navigate', (event) => event.preventDefault())
  // No camera, microphone, notifications or the like: the app needs none of them.
  window.webContents.session.setPermissionRequestHandler((_contents, _permission, grant) =>
    grant(false),
  )
  if (process.env.ELECTRON_RENDERER_URL) void window.loadURL(process.env.ELECTRON_RENDERER_URL)
  else void window.loadFile(RENDERER_FILE)
  return window
}

function roundBounds(bounds: Electron.Rectangle): WindowBounds {
  return {
    x: Math.round(bounds.x),
    y: Math.round(bounds.y),
    width: Math.max(200, Math.round(bounds.width)),
    height: Math.max(200, Math.round(bounds.height)),
  }
}
