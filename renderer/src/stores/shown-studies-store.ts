/**
 * Which of the current patient's studies are shown side by side: every one up to
 * MAX_SHOWN_STUDIES, else the baseline and the latest ones (what a follow-up read compares), until
 * the reader picks others. Picks are kept by patient, so going back to a patient keeps them; a
 * study that arrives after the pick (a follow-up added from another folder) is shown too.
 */
import { reactive, shallowReadonly } from 'vue'
import type { RecordsStore } from './records-store'
import type { ViewerStore } from './viewer-store'

/** More study views than this side by side are too narrow to read a slice in. */
export const MAX_SHOWN_STUDIES = 4

/** The studies shown before the reader picks: all, or the first and the last MAX − 1. */
export function defaultShownStudies(
  studyUids: readonly string[],
  max = MAX_SHOWN_STUDIES,
): string[] {
  if (studyUids.length <= max) return [...studyUids]
  return [studyUids[0], ...studyUids.slice(studyUids.length - (max - 1))]
}

/** The studies a reader picked, and every study the patient had then. */
interface Pick {
  shown: string[]
  known: string[]
}

export function createShownStudiesStore(records: RecordsStore, viewer: ViewerStore) {
  const state = reactive<{ pickedByPatient: Record<string, Pick> }>({ pickedByPatient: {} })

  function studyUids(): string[] {
    return records.currentStudies().map((study) => study.studyInstanceUid)
  }

  /** The current patient's shown studies, in study order. */
  function shown(): string[] {
    const uids = studyUids()
    const patientId = records.state.currentPatientId
    const pick = patientId ? state.pickedByPatient[patientId] : undefined
    const kept = uids.filter(
      (uid) => pick?.shown.includes(uid) || (pick && !pick.known.includes(uid)),
    )
    return kept.length > 0 ? kept : defaultShownStudies(uids)
  }

  /**
   * Shows a hidden study or hides a shown one (never the last one shown); the active view moves
   * to a shown study when its own is hidden.
   */
  function toggle(studyUid: string): void {
    const patientId = records.state.currentPatientId
    if (!patientId) return
    const now = shown()
    const next = now.includes(studyUid)
      ? now.filter((uid) => uid !== studyUid)
      : studyUids().filter((uid) => uid === studyUid || now.includes(uid))
    if (next.length === 0) return
    state.pickedByPatient[patientId] = { shown: next, known: studyUids() }
    if (!next.includes(viewer.state.activeStudyUid ?? '')) viewer.activate(next[0])
  }

  return { state: shallowReadonly(state), shown, toggle }
}

export type ShownStudiesStore = ReturnType<typeof createShownStudiesStore>
