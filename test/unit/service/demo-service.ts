/**
 * The service as the app runs it, on a fresh settings folder and cache: the real pipeline worker
 * imports and embeds; specs get the API handlers and a temporary folder, removed by close(). The
 * demo variant opens the generated demo and reads its truth.
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

export interface TestService {
  handlers: ApiHandlers
  service: LesionTrackService
  /** A temporary folder for the spec's files, removed by close(). */
  temp: string
  close(): Promise<void>
}

export interface DemoService extends TestService {
  truth: TruthPatient
}

/** A service with nothing open, its settings and cache under a new temp folder. */
export function openTestService(prefix: string): TestService {
  const temp = mkdtempSync(join(tmpdir(), prefix))
  const worker = new PipelineWorker(sourceWorkerEntry())
  const service = new LesionTrackService({
    worker,
    settings: openHostSettings(join(temp, 'settings')),
    cacheDir: join(temp, 'cache'),
  })
  return {
    handlers: service.handlers(),
    service,
    temp,
    async close() {
      await worker.close()
      rmSync(temp, { recursive: true, force: true })
    },
  }
}

/** A service with the demo open, and the demo's truth. */
export async function openDemoService(prefix: string): Promise<DemoService> {
  const opened = openTestService(prefix)
  await opened.handlers.openDemo({})
  const parsed = JSON.parse(
    readFileSync(join(opened.service.demoFolder, TRUTH_FILE), 'utf8'),
  ) as Truth
  return { ...opened, truth: parsed.patients[0] }
}
