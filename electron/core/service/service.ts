/**
 * The API's implementation on top of the core pipeline, shared by Electron main (over IPC) and
 * the local web host (over HTTP): opening the demo or a folder, and answering record queries.
 */
import { randomUUID } from 'node:crypto'
import { rename, rm, stat } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import type { ApiHandlers, JobProgress, ViewerSettings } from '../../api/contract'
import type { LoadReport, RecordCounts, SessionSource } from '../../api/records'
import { liesWithin } from '../import/folder-paths'
import { countsOf } from '../import/result'
import type { ImportIssue } from '../model/types'
import { GENERATOR_VERSION } from '../synth/truth'
import { ServiceError } from './errors'
import { countsAdded, toLoadReport } from './load-report'
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
      addFolder: ({ folder }) => this.enqueue(() => this.addFolder(folder)),
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

  /** The session already loaded, else the folders open last, else the demo patient. */
  private async openStartup(): Promise<LoadReport> {
    if (this.lastReport) return this.lastReport
    const lastFolders = this.options.settings.get('lastFolders')
    if (lastFolders.length === 0) return this.openDemo()
    const what = lastFolders.length === 1 ? 'The folder' : `The ${lastFolders.length} folders`
    let reason: string
    try {
      const report = await this.openFolders(lastFolders, `Reopening ${lastFolders.join(', ')}`)
      if (report.replacedSession) return report
      const errors = report.issues.filter((issue) => issue.severity === 'error')
      reason =
        errors.length > 0
          ? errors.map((issue) => `${issue.file}: ${issue.message}`).join('; ')
          : 'they hold no usable CT series'
    } catch (error) {
      reason = error instanceof Error ? error.message : String(error)
    }
    // Say why the last folders are not on screen instead of silently showing the demo.
    const demo = await this.openDemo()
    const issue: ImportIssue = {
      file: lastFolders.join(', '),
      code: 'reopen-failed',
      message: `${what} open last could not be reopened: ${reason}`,
      hint: 'Open them again with File › Open folder (and Add), or choose another folder',
      severity: 'warning',
    }
    return { ...demo, issues: [issue, ...demo.issues] }
  }

  private async openDemo(): Promise<LoadReport> {
    const folder = this.demoFolder
    if (!(await isDirectory(folder))) await this.generateDemo(folder)
    const report = await this.load({ kind: 'demo', folder }, 'Opening the demo patient')
    if (report.replacedSession) this.options.settings.set('lastFolders', [])
    return report
  }

  private async importFolder(folder: string): Promise<LoadReport> {
    await requireFolder(folder)
    return this.openFolders([resolve(folder)], `Importing ${folder}`)
  }

  /**
   * Imports the open folders again with `folder` among them, so the tracks are matched across
   * all their studies at once; the session stays as it was when the folder adds nothing.
   */
  private async addFolder(folder: string): Promise<LoadReport> {
    const source = this.session?.source
    if (source?.kind !== 'folders' || !this.lastReport) {
      throw new ServiceError(
        'nothing-to-add-to',
        'Studies can only be added to a folder opened from this computer',
        'Open the folder with the earlier studies first (the demo patient takes no other studies)',
      )
    }
    await requireFolder(folder)
    const added = resolve(folder)
    const holder = source.folders.find((open) => liesWithin(added, open))
    if (holder !== undefined) {
      throw new ServiceError(
        'folder-already-open',
        `${folder} is already open${holder === added ? '' : ` (it lies inside ${holder})`}`,
        'Choose a folder that is not open yet',
      )
    }
    const before = this.lastReport.counts
    const report = await this.openFolders([...source.folders, added], `Adding ${folder}`, (after) =>
      Object.values(countsAdded(before, after)).some((count) => count > 0),
    )
    return { ...report, added: countsAdded(before, report.counts) }
  }

  /**
   * Loads the folders as one export and remembers them for the next start; `accept` may turn
   * down an import that has patients (the session then stays as it was).
   */
  private async openFolders(
    folders: string[],
    task: string,
    accept?: (counts: RecordCounts) => boolean,
  ): Promise<LoadReport> {
    const report = await this.load({ kind: 'folders', folders }, task, accept)
    if (report.replacedSession) this.options.settings.set('lastFolders', folders)
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

  private async load(
    source: LoadableSource,
    task: string,
    accept: (counts: RecordCounts) => boolean = () => true,
  ): Promise<LoadReport> {
    const folders = source.kind === 'demo' ? [source.folder] : source.folders
    const result = await this.runJob(task, (progress) =>
      this.options.worker.call('importFolders', { folders }, progress),
    )
    const { tracking, importId, ...imported } = result
    const replacedSession = imported.patients.length > 0 && accept(countsOf(imported))
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

/** Refuses a path that is not a folder, before any import job starts. */
async function requireFolder(folder: string): Promise<void> {
  if (await isDirectory(folder)) return
  throw new ServiceError(
    'folder-not-found',
    `There is no folder at ${folder}`,
    'Check the path; it must be a folder on this computer that you can read',
  )
}

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory()
  } catch {
    return false
  }
}
