/**
 * Electron main: owns files and compute. Wires settings, the pipeline worker and the service to
 * the window through validated IPC, installs the menu, and shuts the worker down on quit.
 */
import { app, BrowserWindow, dialog } from 'electron'
import { join } from 'node:path'
import { modelFilesIn } from '../core/service/model-files'
import { LesionTrackService } from '../core/service/service'
import { PipelineWorker } from '../core/service/worker-client'
import { bundledWorkerEntry } from '../core/service/worker-entry'
import { registerApiHandlers, sendEvent } from './ipc'
import { installMenu } from './menu'
import { openElectronSettings } from './settings'
import { createMainWindow, rendererUrl } from './window'

let mainWindow: BrowserWindow | null = null

async function pickFolder(): Promise<string | null> {
  const options: Electron.OpenDialogOptions = {
    title: 'Open a folder of CT studies',
    properties: ['openDirectory'],
  }
  const result = mainWindow
    ? await dialog.showOpenDialog(mainWindow, options)
    : await dialog.showOpenDialog(options)
  return result.canceled ? null : (result.filePaths[0] ?? null)
}

function openWindow(settings: ReturnType<typeof openElectronSettings>): void {
  mainWindow = createMainWindow(settings)
  mainWindow.on('closed', () => (mainWindow = null))
}

async function main(): Promise<void> {
  await app.whenReady()
  const settings = openElectronSettings()
  // The app folder (the repository, or the installed app) holds resources/models.
  const models = modelFilesIn(join(app.getAppPath(), 'resources'))
  const worker = new PipelineWorker(bundledWorkerEntry(import.meta.url, models))
  const service = new LesionTrackService({
    worker,
    settings,
    cacheDir: join(app.getPath('userData'), 'cache'),
    onProgress: (progress) => sendEvent(mainWindow, { kind: 'progress', progress }),
    pickFolder,
  })
  registerApiHandlers(service.handlers(), rendererUrl)
  installMenu((command) => sendEvent(mainWindow, { kind: 'command', command }))
  openWindow(settings)
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) openWindow(settings)
  })
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })
  app.on('will-quit', () => void worker.close())
}

void main()
