/**
 * The oncologist's corrections of the tracks: each one is stored in IndexedDB first (with its
 * audit entry), then the service re-matches the patient under all stored decisions. A failed
 * re-match leaves the decision stored and says so; the next load of the patient applies it.
 */
import type { PatientTracks, TrackDecision } from '../../../electron/api/tracks'
import type { ApiClient } from '../api/client'
import type { LesionTrackDatabase, StoredDecision } from '../db/database'
import { addDecisions, readDecisions, removeDecision, saveTracks } from '../db/decisions'
import type { ActivityStore } from '../stores/activity-store'
import type { DecisionsStore } from '../stores/decisions-store'
import type { RecordsStore } from '../stores/records-store'
import type { TracksStore } from '../stores/tracks-store'
import { createAttempt, toUserError } from './attempt'

interface DecisionDeps {
  client: ApiClient
  db: LesionTrackDatabase
  records: RecordsStore
  tracks: TracksStore
  decisions: DecisionsStore
  activity: ActivityStore
}

const REMATCH_ACTION = 'Re-matching the tracks with your decisions'

export function createDecisionActions(deps: DecisionDeps) {
  const { client, db, records, tracks, decisions, activity } = deps
  const attempt = createAttempt(activity)

  /**
   * The patient's tracks from the service under every stored decision (plain getTracks when
   * there are none), so a re-opened folder keeps them all. Also refreshes the decisions store.
   */
  async function fetchTracks(patientId: string): Promise<PatientTracks> {
    const stored = await readDecisions(db, patientId)
    showDecisions(patientId, stored)
    if (stored.length === 0) return client.call('getTracks', { patientId })
    return client.call('matchTracks', { patientId, decisions: stored.map((d) => d.decision) })
  }

  /**
   * Re-matches and shows the patient (after a decision, or a change of the RECIST protocol); a
   * failure is shown, and the decisions stay stored.
   */
  async function rematch(patientId: string): Promise<void> {
    try {
      const matched = await fetchTracks(patientId)
      await saveTracks(db, matched)
      tracks.setPatientTracks(matched)
      if (activity.state.failure?.action === REMATCH_ACTION) activity.dismissFailure()
    } catch (error) {
      const reason = toUserError(error)
      activity.setFailure(REMATCH_ACTION, {
        ...reason,
        hint: `Your decision is saved and is applied the next time the patient is loaded. ${reason.hint}`,
      })
    }
  }

  /**
   * Stores the decisions of one action about the current patient's tracks (all or none), then
   * re-matches.
   */
  async function decide(...made: TrackDecision[]): Promise<void> {
    const patientId = records.state.currentPatientId
    if (!patientId) return
    const saved = await attempt('Saving your decision', () => addDecisions(db, patientId, made))
    if (saved) await rematch(patientId)
  }

  /** Removes one stored decision (Undo), then re-matches. */
  async function undo(key: string): Promise<void> {
    const patientId = records.state.currentPatientId
    if (!patientId) return
    const removed = await attempt('Undoing your decision', () => removeDecision(db, patientId, key))
    if (removed !== null) await rematch(patientId)
  }

  /**
   * Lists a patient's decisions, draws the lesions measured among them as its bookmarks and
   * shows the types given to its imported ones.
   */
  function showDecisions(patientId: string, stored: StoredDecision[]): void {
    decisions.setDecisions(patientId, stored)
    records.setDecisions(
      patientId,
      stored.map((d) => d.decision),
    )
  }

  /** Shows the stored decisions of a patient read from IndexedDB (start-up, offline). */
  async function showStoredDecisions(patientId: string): Promise<void> {
    showDecisions(patientId, await readDecisions(db, patientId))
  }

  return { fetchTracks, rematch, decide, undo, showStoredDecisions }
}

export type DecisionActions = ReturnType<typeof createDecisionActions>
