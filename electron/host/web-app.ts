/**
 * Assembles the browser flavour of the app: pipeline worker, service, progress events and the
 * local web host, as `npm start` (without Electron), `lesiontrack serve` and the e2e runner use it.
 */
import { homedir } from 'node:os'
import { join } from 'node:path'
import { modelFilesIn } from '../core/service/model-files'
import { LesionTrackService } from '../core/service/service'
import { PipelineWorker } from '../core/service/worker-client'
import { sourceWorkerEntry } from '../core/service/worker-entry'
import { PROJECT_ROOT } from './builds'
import { EventStreams } from './events'
import { startHost, type RunningHost } from './server'
import { openHostSettings } from './settings'

export interface WebAppOptions {
  /** Folder with the built renderer (`npm run build`: out/web). */
  staticDir: string
  /** Where the demo patient is generated; default ~/.cache/lesiontrack. */
  cacheDir?: string
  /** Folder of the settings file; default the user's config folder. */
  settingsDir?: string
  port?: number
  /** Folder holding models/ (lesion embedder, matcher); default the repository's resources/. */
  resourcesDir?: string
}

export interface RunningWebApp extends RunningHost {
  service: LesionTrackService
  events: EventStreams
}

/** Starts the web host with a fresh service; close() stops the host and the worker. */
export async function startWebApp(options: WebAppOptions): Promise<RunningWebApp> {
  const events = new EventStreams()
  const worker = new PipelineWorker(
    sourceWorkerEntry(modelFilesIn(options.resourcesDir ?? join(PROJECT_ROOT, 'resources'))),
  )
  const service = new LesionTrackService({
    worker,
    settings: openHostSettings(options.settingsDir),
    cacheDir: options.cacheDir ?? join(homedir(), '.cache', 'lesiontrack'),
    onProgress: (progress) => events.publish({ kind: 'progress', progress }),
  })
  const host = await startHost({
    handlers: service.handlers(),
    events,
    staticDir: options.staticDir,
    port: options.port,
  })
  return {
    ...host,
    service,
    events,
    close: async () => {
      await host.close()
      await worker.close()
    },
  }
}
