/**
 * The service on the generated demo, as the app opens it: the real pipeline worker imports and
 * embeds it; specs get the API handlers, the demo's truth and a temporary folder, closed after.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { ApiHandlers } from '../../../electron/api/contract'
import { LesionTrackService } from '../../../electron/core/service/service'
import { PipelineWorker } from '../../../electron/core/service/worker-client'
import { sourceWorkerEntry } from '../../../electron/core/service/worker-entry'
import { TRUTH_FILE, type Truth, type TruthPatient } from '../../../electron/core/synth/truth'
import { openHostSettings } from '../../../electron/host/settings'

export interface DemoService {
  handlers: ApiHandlers
  truth: TruthPatient
  /** A temporary folder for the spec's files, removed by close(). */
  temp: string
  close(): Promise<void>
}

/** Opens the demo in a fresh service with its own settings and cache under a new temp folder. */
export async function openDemoService(prefix: string): Promise<DemoService> {
  const temp = mkdtempSync(join(tmpdir(), prefix))
  const worker = new PipelineWorker(sourceWorkerEntry())
  const service = new LesionTrackService({
    worker,
    settings: openHostSettings(join(temp, 'settings')),
    cacheDir: join(temp, 'cache'),
  })
  const handlers = service.handlers()
  await handlers.openDemo({})
  const parsed = JSON.parse(readFileSync(join(service.demoFolder, TRUTH_FILE), 'utf8')) as Truth
  return {
    handlers,
    truth: parsed.patients[0],
    temp,
    async close() {
      await worker.close()
      rmSync(temp, { recursive: true, force: true })
    },
  }
}
