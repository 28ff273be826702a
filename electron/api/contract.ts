/**
 * The typed API between the renderer and the process that owns files and compute (Electron main
 * or the local web host). One interface names every method; transports are typed from it.
 */
import type { LoadReport, PatientRecords, VolumeVoxels } from './records'
import type { PatientTracks, TrackDecision } from './tracks'
import type { WindowLevelPresetId } from './window-level'
import type { ResponseProtocol } from './tracks'

type NoArguments = Record<string, never>

/** Every method: what the renderer sends and what it gets back. */
export interface ApiMethods {
  /** What to show at start: the session already loaded, else the last folder, else the demo. */
  openStartup: { request: NoArguments; response: LoadReport }
  /** Loads the built-in demo patient (generated into the cache on first use). */
  openDemo: { request: NoArguments; response: LoadReport }
  /** Imports a folder of DICOM (or DeepLesion layout) files from this machine. */
  importFolder: { request: { folder: string }; response: LoadReport }
  /**
   * Adds a folder to the folders open now (a follow-up exported from PACS on its own): they are
   * imported again together, so its studies join their patients' earlier ones and every stored
   * decision applies to the tracks across all of them.
   */
  addFolder: { request: { folder: string }; response: LoadReport }
  getPatient: { request: { patientId: string }; response: PatientRecords }
  /** The patient's lesion tracks, matched when the demo or folder was opened. */
  getTracks: { request: { patientId: string }; response: PatientTracks }
  /**
   * The patient's tracks matched again under every decision the user made about them (all of
   * them each time: the renderer stores them). Decisions naming unknown bookmarks come back as
   * issues of the record.
   */
  matchTracks: {
    request: { patientId: string; decisions: TrackDecision[] }
    response: PatientTracks
  }
  /**
   * Writes the patient's tracks under the user's decisions into `folder` (created if missing):
   * a CSV (one row per bookmark) and a JSON document with the RECIST reading, de-identified on
   * request (pseudonymous ids and UIDs, days instead of dates, no names); without it also one
   * DICOM SR (TID 1500) per study with the tracks' tracking identifiers and UIDs. Answers the
   * files written and what was left out, and why.
   */
  exportTracks: {
    request: { patientId: string; folder: string; decisions: TrackDecision[]; deidentify: boolean }
    response: { files: string[]; notes: string[] }
  }
  /** The voxels of one series (binary on the wire). */
  getVolume: { request: { seriesInstanceUid: string }; response: VolumeVoxels }
  getSettings: { request: NoArguments; response: ViewerSettings }
  setWindowLevelPreset: { request: { preset: WindowLevelPresetId }; response: ViewerSettings }
  /** Sets the trial protocol the RECIST reading follows; the next tracks read under it. */
  setResponseProtocol: { request: ResponseProtocol; response: ViewerSettings }
  /** Asks the user for a folder with the system dialog; only where there is one (Electron). */
  pickFolder: { request: NoArguments; response: { folder: string | null } }
}

export type ApiMethod = keyof ApiMethods
export type ApiRequest<M extends ApiMethod> = ApiMethods[M]['request']
export type ApiResponse<M extends ApiMethod> = ApiMethods[M]['response']

/** The settings the renderer reads and may change. */
export interface ViewerSettings {
  windowLevelPreset: WindowLevelPresetId
  responseProtocol: ResponseProtocol
}

/** A failure phrased for the user: what went wrong and what to do. */
export interface ApiError {
  /** Machine-readable, e.g. 'invalid-request', 'folder-not-found', 'unknown-patient'. */
  code: string
  message: string
  hint: string
}

/** What every transport carries back: a value or an error, never a thrown exception. */
export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiError }

/** The implementation side: one async function per method. */
export type ApiHandlers = { [M in ApiMethod]: (request: ApiRequest<M>) => Promise<ApiResponse<M>> }

/** Menu entries and shortcuts of the desktop shell, forwarded to the renderer to act on. */
export type ShellCommand =
  | { name: 'open-folder' }
  /** Open the import dialog set to add a folder to the folders open now. */
  | { name: 'add-folder' }
  | { name: 'open-demo' }
  | { name: 'window-level'; preset: WindowLevelPresetId }

/** Progress of a long job (import, demo generation), pushed while it runs. */
export interface JobProgress {
  jobId: number
  /** What is being done, in words, e.g. 'Reading DICOM files'. */
  task: string
  done: number
  total: number
  finished: boolean
}

/** Everything pushed from main/host to the renderer without being asked. */
export type ApiEvent =
  { kind: 'progress'; progress: JobProgress } | { kind: 'command'; command: ShellCommand }
