/**
 * The API's implementation on top of the core pipeline, shared by Electron main (over IPC) and
 * the local web host (over HTTP): opening the demo or a folder, and answering record queries.
 */
import { randomUUID } from 'node:crypto'
import { rename, rm, stat } from 'node:fs/promises'
import { join } from 'node:path'
import type { ApiHandlers, JobProgress, ViewerSettings } from '../../api/contract'
import type { LoadReport, SessionSource } from '../../api/records'
import type { ImportResult } from '../import/result'
import type { ImportIssue } from '../model/types'
import { GENERATOR_VERSION } from '../synth/truth'
import { ServiceError } from './errors'
import { exportTracks } from './export-tracks'
import { LoadedSession } from './session'
import type { SettingsStore } from './settings'
import type { PipelineWorker } from './worker-client'
import { WorkerEmbeddingRunner } from './worker-embedder'

export interface ServiceOptions {
  worker: PipelineWorker
  settings: SettingsStore
  /** Folder the demo patient is generated into on first use (kept between runs). */
  cacheDir: string
  /** Receives the progress of long jobs, to push to the renderer. */
  onProgress?: (progress: JobProgress) => void
  /** The system folder dialog, where the platform has one. */
  pickFolder?: () => Promise<string | null>
}

const NO_SESSION: SessionSource = { kind: 'none' }

/** A source that can be loaded: the demo or a folder. */
type LoadableSource = Exclude<SessionSource, { kind: 'none' }>

export class LesionTrackService {
  private session: LoadedSession | null = null
  private lastReport: LoadReport | null = null
  /** Loads run one after another, so two clicks never interleave two imports. */
  private queue: Promise<unknown> = Promise.resolve()
  private nextJobId = 1

  constructor(private readonly options: ServiceOptions) {}

  /** The folder the demo patient lives in once generated; a new generator version makes a new one. */
  get demoFolder(): string {
    return join(this.options.cacheDir, `demo-v${GENERATOR_VERSION}`)
  }

  /** One handler per API method; transports validate requests before calling them. */
  handlers(): ApiHandlers {
    return {
      openStartup: () => this.enqueue(() => this.openStartup()),
      openDemo: () => this.enqueue(() => this.openDemo()),
      importFolder: ({ folder }) => this.enqueue(() => this.importFolder(folder)),
      getPatient: async ({ patientId }) => this.requireSession().patientRecords(patientId),
      getTracks: async ({ patientId }) =>
        this.requireSession().patientTracks(
          patientId,
          this.options.settings.get('responseProtocol'),
        ),
      matchTracks: async ({ patientId, decisions }) =>
        this.requireSession().matchTracks(
          patientId,
          decisions,
          this.options.settings.get('responseProtocol'),
        ),
      exportTracks: async (request) =>
        exportTracks(this.requireSession(), this.options.settings, request),
      getVolume: async ({ seriesInstanceUid }) => this.requireSession().volume(seriesInstanceUid),
      getSettings: async () => this.viewerSettings(),
      setWindowLevelPreset: async ({ preset }) => {
        this.options.settings.set('windowLevelPreset', preset)
        return this.viewerSettings()
      },
      setResponseProtocol: async (protocol) => {
        this.options.settings.set('responseProtocol', protocol)
        return this.viewerSettings()
      },
      pickFolder: async () => {
        if (!this.options.pickFolder) {
          throw new ServiceError(
            'no-folder-dialog',
            'This window cannot open the system folder dialog',
            'Type the folder’s full path instead',
          )
        }
        return { folder: await this.options.pickFolder() }
      },
    }
  }

  private enqueue(load: () => Promise<LoadReport>): Promise<LoadReport> {
    const next = this.queue.then(load, load)
    this.queue = next.catch(() => undefined)
    return next
  }

  /** The session already loaded, else the folder opened last, else the demo patient. */
  private async openStartup(): Promise<LoadReport> {
    if (this.lastReport) return this.lastReport
    const lastFolder = this.options.settings.get('lastFolder')
    if (lastFolder === null) return this.openDemo()
    let reason: string
    try {
      const report = await this.importFolder(lastFolder)
      if (report.replacedSession) return report
      reason = 'it holds no usable CT series'
    } catch (error) {
      reason = error instanceof Error ? error.message : String(error)
    }
    // Say why the last folder is not on screen instead of silently showing the demo.
    const demo = await this.openDemo()
    const issue: ImportIssue = {
      file: lastFolder,
      code: 'reopen-failed',
      message: `The folder opened last could not be reopened: ${reason}`,
      hint: 'Open it again with File › Open folder, or choose another folder',
      severity: 'warning',
    }
    return { ...demo, issues: [issue, ...demo.issues] }
  }

  private async openDemo(): Promise<LoadReport> {
    const folder = this.demoFolder
    if (!(await isDirectory(folder))) await this.generateDemo(folder)
    const report = await this.load({ kind: 'demo', folder }, 'Opening the demo patient')
    if (report.replacedSession) this.options.settings.set('lastFolder', null)
    return report
  }

  private async importFolder(folder: string): Promise<LoadReport> {
    if (!(await isDirectory(folder))) {
      throw new ServiceError(
        'folder-not-found',
        `There is no folder at ${folder}`,
        'Check the path; it must be a folder on this computer that you can read',
      )
    }
    const report = await this.load({ kind: 'folder', folder }, `Importing ${folder}`)
    if (report.replacedSession) this.options.settings.set('lastFolder', folder)
    return report
  }

  /** Generates into a temporary sibling and renames it, so a half-written demo is never used. */
  private async generateDemo(folder: string): Promise<void> {
    const partial = `${folder}.partial-${randomUUID()}`
    try {
      await this.runJob('Generating the demo patient', (progress) =>
        this.options.worker.call('generateDemo', { outDir: partial }, progress),
      )
      await rename(partial, folder).catch(async (error: NodeJS.ErrnoException) => {
        // Another process finished the same demo first: theirs is as good as ours.
        if (!(await isDirectory(folder))) throw error
      })
    } finally {
      await rm(partial, { recursive: true, force: true })
    }
  }

  private async load(source: LoadableSource, task: string): Promise<LoadReport> {
    const result = await this.runJob(task, (progress) =>
      this.options.worker.call('importFolder', { folder: source.folder }, progress),
    )
    const { tracking, importId, ...imported } = result
    const replacedSession = imported.patients.length > 0
    if (replacedSession) {
      const { worker } = this.options
      const readVolume =
        importId === undefined
          ? undefined
          : (seriesInstanceUid: string) =>
              worker.call('readVolume', { importId, seriesInstanceUid })
      this.session = new LoadedSession(
        source,
        imported,
        tracking.tracks,
        tracking.matchInputs,
        readVolume,
        () => WorkerEmbeddingRunner.open(worker),
      )
    }
    const report = toLoadReport(this.session?.source ?? NO_SESSION, imported, replacedSession)
    // Why tracks are missing or weaker (no embedder) is said once, after the files' own issues.
    report.issues = [...report.issues, ...tracking.issues]
    if (replacedSession) this.lastReport = report
    return report
  }

  private async runJob<T>(
    task: string,
    work: (progress: (step: string, done: number, total: number) => void) => Promise<T>,
  ): Promise<T> {
    const jobId = this.nextJobId++
    const emit = (progress: Omit<JobProgress, 'jobId'>) =>
      this.options.onProgress?.({ jobId, ...progress })
    emit({ task, done: 0, total: 1, finished: false })
    try {
      return await work((step, done, total) => emit({ task: step, done, total, finished: false }))
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error)
      throw new ServiceError(
        'job-failed',
        `${task} failed: ${reason}`,
        'See the message; fix the input and try again',
      )
    } finally {
      emit({ task, done: 1, total: 1, finished: true })
    }
  }

  private requireSession(): LoadedSession {
    if (this.session) return this.session
    throw new ServiceError(
      'nothing-loaded',
      'Nothing is open yet',
      'Open a folder or the demo patient first',
    )
  }

  private viewerSettings(): ViewerSettings {
    return {
      windowLevelPreset: this.options.settings.get('windowLevelPreset'),
      responseProtocol: this.options.settings.get('responseProtocol'),
    }
  }
}

function toLoadReport(
  source: SessionSource,
  result: ImportResult,
  replacedSession: boolean,
): LoadReport {
  return {
    source,
    patients: result.patients,
    counts: {
      patients: result.patients.length,
      studies: result.studies.length,
      series: result.series.length,
      bookmarks: result.bookmarks.length,
    },
    issues: result.issues,
    replacedSession,
  }
}

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory()
  } catch {
    return false
  }
}
