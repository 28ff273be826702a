/**
 * The user's decisions about the current patient's tracks, as last read from IndexedDB (their
 * source of truth): what the review lists with an Undo, and what each link button reflects.
 */
import { computed, reactive, shallowReadonly } from 'vue'
import type { StoredDecision } from '../db/database'
import type { RecordsStore } from './records-store'

interface DecisionsState {
  byPatient: Record<string, StoredDecision[]>
}

export function createDecisionsStore(records: RecordsStore) {
  const state = reactive<DecisionsState>({ byPatient: {} })

  /** The current patient's decisions, oldest first. */
  const current = computed((): readonly StoredDecision[] => {
    const patientId = records.state.currentPatientId
    return (patientId ? state.byPatient[patientId] : undefined) ?? []
  })

  function setDecisions(patientId: string, decisions: StoredDecision[]): void {
    state.byPatient[patientId] = decisions
  }

  return { state: shallowReadonly(state), current, setDecisions }
}

export type DecisionsStore = ReturnType<typeof createDecisionsStore>
