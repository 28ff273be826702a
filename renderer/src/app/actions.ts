/**
 * What the user can do, as functions over the stores: start (IndexedDB first, then the service),
 * open the demo or a folder, switch patient, change the window/level preset or the RECIST protocol.
 */
import type { ApiEvent, ShellCommand } from '../../../electron/api/contract'
import type { LoadReport } from '../../../electron/api/records'
import type { ResponseProtocol } from '../../../electron/api/tracks'
import type { WindowLevelPresetId } from '../../../electron/api/window-level'
import type { ApiClient } from '../api/client'
import type { LesionTrackDatabase } from '../db/database'
import { readCurrentPatient, readPatientTracks, savePatientRecords } from '../db/patient-records'
import type { ActivityStore } from '../stores/activity-store'
import type { RecordsStore } from '../stores/records-store'
import type { TracksStore } from '../stores/tracks-store'
import type { ViewerStore } from '../stores/viewer-store'
import type { VolumesStore } from '../stores/volumes-store'
import { createAttempt } from './attempt'
import type { DecisionActions } from './decision-actions'

interface ActionDeps {
  client: ApiClient
  db: LesionTrackDatabase
  records: RecordsStore
  viewer: ViewerStore
  volumes: VolumesStore
  activity: ActivityStore
  tracks: TracksStore
  decisionActions: DecisionActions
}

export function createActions(deps: ActionDeps) {
  const { client, db, records, viewer, volumes, activity, tracks, decisionActions } = deps

  const attempt = createAttempt(activity)

  /**
   * Fetches one patient and its tracks from the service (re-matched under the user's stored
   * decisions, so a re-opened folder keeps every one), stores both in IndexedDB, and shows them.
   */
  async function showPatient(
    patientId: string,
    report: LoadReport,
    newSession = false,
  ): Promise<void> {
    const [patientRecords, patientTracks] = await Promise.all([
      client.call('getPatient', { patientId }),
      decisionActions.fetchTracks(patientId),
    ])
    await savePatientRecords(db, patientRecords, report.source, patientTracks)
    // The session before loses its voxels in the same step as its views, so that no view of it
    // asks for them again; a study still on screen loads its own anew.
    if (newSession) volumes.clear()
    records.setPatientRecords(patientRecords)
    tracks.setPatientTracks(patientTracks)
    viewer.resetViews()
  }

  /** Shows a load's outcome; a load that replaced the session shows its first patient. */
  async function applyReport(report: LoadReport, preferredPatientId: string | null): Promise<void> {
    activity.setReport(report)
    if (!report.replacedSession) return
    const preferred = report.patients.find((p) => p.patientId === preferredPatientId)
    const patient = preferred ?? report.patients[0]
    if (patient) await showPatient(patient.patientId, report, true)
  }

  /**
   * Start-up: show what IndexedDB holds at once, then ask the service what is open (the last
   * folder or the demo) and refresh from it.
   */
  async function start(): Promise<void> {
    const cached = await attempt('Reading saved records', () => readCurrentPatient(db))
    if (cached) {
      records.setPatientRecords(cached)
      const cachedTracks = await attempt('Reading saved tracks', async () => {
        await decisionActions.showStoredDecisions(cached.patient.patientId)
        return readPatientTracks(db, cached.patient.patientId)
      })
      if (cachedTracks) tracks.setPatientTracks(cachedTracks)
      viewer.resetViews()
    }
    await attempt('Loading settings', async () => {
      const settings = await client.call('getSettings', {})
      viewer.setWindowLevelPreset(settings.windowLevelPreset)
      tracks.setProtocol(settings.responseProtocol)
    })
    await attempt('Opening the patient', async () => {
      const report = await client.call('openStartup', {})
      await applyReport(report, cached?.patient.patientId ?? null)
    })
  }

  function openDemo(): Promise<void | null> {
    return attempt('Opening the demo patient', async () => {
      await applyReport(await client.call('openDemo', {}), null)
    })
  }

  function importFolder(folder: string): Promise<void | null> {
    return attempt('Importing a folder', async () => {
      await applyReport(await client.call('importFolder', { folder }), null)
    })
  }

  /** Adds a folder (a follow-up exported on its own) to the folders open now. */
  function addFolder(folder: string): Promise<void | null> {
    return attempt('Adding a folder', async () => {
      const report = await client.call('addFolder', { folder })
      await applyReport(report, records.state.currentPatientId)
    })
  }

  /** The system folder dialog (Electron); null when cancelled or unavailable. */
  function pickFolder(): Promise<string | null> {
    return attempt('Choosing a folder', async () => (await client.call('pickFolder', {})).folder)
  }

  function choosePatient(patientId: string): Promise<void | null> {
    return attempt('Opening the patient', async () => {
      const report = activity.state.lastReport
      if (report) await showPatient(patientId, report as LoadReport)
    })
  }

  function setWindowLevelPreset(preset: WindowLevelPresetId): Promise<void | null> {
    viewer.setWindowLevelPreset(preset)
    return attempt('Saving the window/level preset', async () => {
      await client.call('setWindowLevelPreset', { preset })
    })
  }

  /**
   * Saves the trial protocol the RECIST reading follows, then reads the current patient's
   * response again under it.
   */
  function setResponseProtocol(protocol: ResponseProtocol): Promise<void | null> {
    return attempt('Saving the RECIST protocol', async () => {
      const settings = await client.call('setResponseProtocol', protocol)
      tracks.setProtocol(settings.responseProtocol)
      const patientId = records.state.currentPatientId
      if (patientId) await decisionActions.rematch(patientId)
    })
  }

  /** Routes pushed events: progress to the activity store, menu commands to their actions. */
  function handleEvent(event: ApiEvent, onShellCommand: (command: ShellCommand) => void): void {
    if (event.kind === 'progress') activity.reportProgress(event.progress)
    else onShellCommand(event.command)
  }

  return {
    start,
    openDemo,
    importFolder,
    addFolder,
    pickFolder,
    choosePatient,
    setWindowLevelPreset,
    setResponseProtocol,
    handleEvent,
  }
}

export type Actions = ReturnType<typeof createActions>
