/**
 * Normalized store of what is on screen (VolView style): patients, studies, series and bookmarks
 * keyed by id, with parent pointers and ordered child lists, filled from PatientRecords, plus
 * the lesions the reader measured (kept as decisions) as bookmarks of their studies.
 */
import { reactive, shallowReadonly } from 'vue'
import { isAxial } from '../../../electron/api/geometry'
import type { LesionType } from '../../../electron/api/lesion-types'
import { measuredBookmarks, type MeasureDecision } from '../../../electron/api/measurements'
import { readerTypes, withReaderTypes } from '../../../electron/api/reader-types'
import type { TrackDecision } from '../../../electron/api/tracks'
import type {
  Bookmark,
  Patient,
  PatientRecords,
  SeriesRecord,
  Study,
} from '../../../electron/api/records'

interface RecordsState {
  patients: Record<string, Patient>
  studies: Record<string, Study>
  series: Record<string, SeriesRecord>
  bookmarks: Record<string, Bookmark>
  /** Study UIDs of each patient, oldest study first. */
  patientStudies: Record<string, string[]>
  /** Series UIDs of each study, by series number. */
  studySeries: Record<string, string[]>
  /** Bookmark ids of each study, by label ('Lesion 2' before 'Lesion 10'), then key slice. */
  studyBookmarks: Record<string, string[]>
  seriesStudy: Record<string, string>
  studyPatient: Record<string, string>
  currentPatientId: string | null
  /** The reader's measurements of each patient (decisions), shown as bookmarks of its records. */
  measurements: Record<string, MeasureDecision[]>
  /** The types the reader gave imported bookmarks of each patient (decisions), by bookmark id. */
  readerTypes: Record<string, Map<string, LesionType>>
}

/** Oldest first; undated studies (DeepLesion) follow their study index. */
export function compareStudies(a: Study, b: Study): number {
  if (a.studyDate !== b.studyDate && a.studyDate !== '' && b.studyDate !== '') {
    return a.studyDate < b.studyDate ? -1 : 1
  }
  return a.studyIndex - b.studyIndex
}

/** Readers number their lesions: list them in that order, 'Lesion 2' before 'Lesion 10'. */
export function compareBookmarks(a: Bookmark, b: Bookmark): number {
  return a.label.localeCompare(b.label, undefined, { numeric: true }) || a.sliceIndex - b.sliceIndex
}

export function createRecordsStore() {
  const state = reactive<RecordsState>({
    patients: {},
    studies: {},
    series: {},
    bookmarks: {},
    patientStudies: {},
    studySeries: {},
    studyBookmarks: {},
    seriesStudy: {},
    studyPatient: {},
    currentPatientId: null,
    measurements: {},
    readerTypes: {},
  })

  /** Replaces everything known about records.patient with records, and shows that patient. */
  function setPatientRecords(records: PatientRecords): void {
    const { patientId } = records.patient
    removePatient(patientId)
    state.patients[patientId] = records.patient
    for (const study of records.studies) {
      state.studies[study.studyInstanceUid] = study
      state.studyPatient[study.studyInstanceUid] = patientId
      state.studySeries[study.studyInstanceUid] = []
      state.studyBookmarks[study.studyInstanceUid] = []
    }
    state.patientStudies[patientId] = [...records.studies]
      .sort(compareStudies)
      .map((s) => s.studyInstanceUid)
    for (const series of [...records.series].sort((a, b) => a.seriesNumber - b.seriesNumber)) {
      state.series[series.seriesInstanceUid] = series
      state.seriesStudy[series.seriesInstanceUid] = series.studyInstanceUid
      state.studySeries[series.studyInstanceUid]?.push(series.seriesInstanceUid)
    }
    for (const bookmark of [...records.bookmarks].sort(compareBookmarks)) {
      state.bookmarks[bookmark.bookmarkId] = bookmark
      state.studyBookmarks[bookmark.studyInstanceUid]?.push(bookmark.bookmarkId)
    }
    showMeasurements(patientId)
    state.currentPatientId = patientId
  }

  /**
   * Sets what the reader's stored decisions add to a patient's records: each lesion measured on
   * its studies becomes a bookmark of its study, after the imported ones, and an imported bookmark
   * given a type shows it — as the service makes them.
   */
  function setDecisions(patientId: string, decisions: readonly TrackDecision[]): void {
    state.measurements[patientId] = decisions.filter((d) => d.kind === 'measure')
    state.readerTypes[patientId] = readerTypes(decisions)
    showMeasurements(patientId)
  }

  /** Replaces the patient's measured bookmarks by those its measurements make on its series. */
  function showMeasurements(patientId: string): void {
    for (const studyUid of state.patientStudies[patientId] ?? []) {
      const kept = (state.studyBookmarks[studyUid] ?? []).filter(
        (id) => state.bookmarks[id].source !== 'reader',
      )
      for (const id of state.studyBookmarks[studyUid] ?? []) {
        if (!kept.includes(id)) delete state.bookmarks[id]
      }
      state.studyBookmarks[studyUid] = kept
    }
    const seriesOf = (uid: string) =>
      state.seriesStudy[uid] && state.studyPatient[state.seriesStudy[uid]] === patientId
        ? { studyInstanceUid: state.seriesStudy[uid], geometry: state.series[uid].geometry }
        : undefined
    const measured = measuredBookmarks(state.measurements[patientId] ?? [], patientId, seriesOf)
    for (const bookmark of measured.bookmarks) {
      state.bookmarks[bookmark.bookmarkId] = bookmark
      state.studyBookmarks[bookmark.studyInstanceUid]?.push(bookmark.bookmarkId)
    }
  }

  function removePatient(patientId: string): void {
    for (const studyUid of state.patientStudies[patientId] ?? []) {
      for (const seriesUid of state.studySeries[studyUid] ?? []) {
        delete state.series[seriesUid]
        delete state.seriesStudy[seriesUid]
      }
      for (const bookmarkId of state.studyBookmarks[studyUid] ?? [])
        delete state.bookmarks[bookmarkId]
      delete state.studies[studyUid]
      delete state.studySeries[studyUid]
      delete state.studyBookmarks[studyUid]
      delete state.studyPatient[studyUid]
    }
    delete state.patientStudies[patientId]
    delete state.patients[patientId]
    if (state.currentPatientId === patientId) state.currentPatientId = null
  }

  /** The current patient's studies, oldest first. */
  function currentStudies(): Study[] {
    const patientId = state.currentPatientId
    if (!patientId) return []
    return (state.patientStudies[patientId] ?? []).map((uid) => state.studies[uid])
  }

  /** The current patient's bookmarks, by study date then label, with the reader's types. */
  function currentBookmarks(): Bookmark[] {
    const bookmarks = currentStudies().flatMap((study) =>
      (state.studyBookmarks[study.studyInstanceUid] ?? []).map((id) => state.bookmarks[id]),
    )
    const types = state.currentPatientId ? state.readerTypes[state.currentPatientId] : undefined
    return types ? withReaderTypes(bookmarks, types, (b) => b.bookmarkId) : bookmarks
  }

  /**
   * The series a study's view shows first: the one its bookmarks were read on (most bookmarks),
   * else an axial one (views scroll and link along the body) with the most slices.
   */
  function displaySeriesOf(studyUid: string): SeriesRecord | null {
    const candidates = (state.studySeries[studyUid] ?? []).map((uid) => state.series[uid])
    if (candidates.length === 0) return null
    const bookmarked = (uid: string) =>
      (state.studyBookmarks[studyUid] ?? []).filter(
        (id) => state.bookmarks[id].seriesInstanceUid === uid,
      ).length
    return candidates.reduce((best, series) => {
      const byBookmarks = bookmarked(series.seriesInstanceUid) - bookmarked(best.seriesInstanceUid)
      if (byBookmarks !== 0) return byBookmarks > 0 ? series : best
      const byAxial = Number(isAxial(series.geometry)) - Number(isAxial(best.geometry))
      if (byAxial !== 0) return byAxial > 0 ? series : best
      return series.geometry.dims[2] > best.geometry.dims[2] ? series : best
    })
  }

  return {
    state: shallowReadonly(state),
    setPatientRecords,
    setDecisions,
    currentStudies,
    currentBookmarks,
    displaySeriesOf,
  }
}

export type RecordsStore = ReturnType<typeof createRecordsStore>
