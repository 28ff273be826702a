/**
 * The current patient's lesion tracks (getTracks): each track's colour, which track a bookmark
 * belongs to, the selected track, whose key slices every study view is brought to, and the trial
 * protocol their RECIST reading follows (a setting of the service).
 */
import { computed, reactive, shallowReadonly } from 'vue'
import {
  DEFAULT_RESPONSE_PROTOCOL,
  type PatientTracks,
  type ResponseProtocol,
  type StudyTransformRecord,
  type TrackRecord,
} from '../../../electron/api/tracks'
import { trackColour } from '../viewer/track-colours'
import type { RecordsStore } from './records-store'
import type { ViewerStore } from './viewer-store'

interface TracksState {
  byPatient: Record<string, PatientTracks>
  selectedTrackId: string | null
  protocol: ResponseProtocol
}

export function createTracksStore(records: RecordsStore, viewer: ViewerStore) {
  const state = reactive<TracksState>({
    byPatient: {},
    selectedTrackId: null,
    protocol: DEFAULT_RESPONSE_PROTOCOL,
  })

  /** The current patient's tracks, by first appearance (the service's order). */
  const currentTracks = computed((): readonly TrackRecord[] => {
    const patientId = records.state.currentPatientId
    return (patientId ? state.byPatient[patientId]?.tracks : undefined) ?? []
  })

  /** Track index of every bookmark of the current patient. */
  const indexOfBookmark = computed(() => {
    const index = new Map<string, number>()
    currentTracks.value.forEach((track, k) => {
      for (const point of track.timepoints) index.set(point.bookmarkId, k)
    })
    return index
  })

  function setPatientTracks(tracks: PatientTracks): void {
    state.byPatient[tracks.patientId] = tracks
    state.selectedTrackId = null
    viewer.setAlignedFrame(
      Object.fromEntries(tracks.transforms.map((t) => [t.studyInstanceUid, t.translationMm])),
    )
  }

  /** The protocol the service reads responses under, as its settings say. */
  function setProtocol(protocol: ResponseProtocol): void {
    state.protocol = protocol
  }

  function current(): PatientTracks | null {
    const patientId = records.state.currentPatientId
    return (patientId ? state.byPatient[patientId] : undefined) ?? null
  }

  /** How the matcher placed a study of the current patient; null before tracks are known. */
  function transformOf(studyUid: string): StudyTransformRecord | null {
    return current()?.transforms.find((t) => t.studyInstanceUid === studyUid) ?? null
  }

  function colourOfTrack(trackId: string): string | null {
    const k = currentTracks.value.findIndex((t) => t.trackId === trackId)
    return k < 0 ? null : trackColour(k)
  }

  /** The colour of the track a bookmark belongs to; null while it has none (tracks not loaded). */
  function colourOfBookmark(bookmarkId: string): string | null {
    const k = indexOfBookmark.value.get(bookmarkId)
    return k === undefined ? null : trackColour(k)
  }

  /** The label of the track a bookmark belongs to ('Lesion 3'); null while it has none. */
  function labelOfBookmark(bookmarkId: string): string | null {
    const k = indexOfBookmark.value.get(bookmarkId)
    return k === undefined ? null : currentTracks.value[k].label
  }

  function selectedTrack(): TrackRecord | null {
    return currentTracks.value.find((t) => t.trackId === state.selectedTrackId) ?? null
  }

  /** Selects a track and brings every study where it was measured to its key slice there. */
  function selectTrack(trackId: string): void {
    const track = currentTracks.value.find((t) => t.trackId === trackId)
    if (!track) return
    state.selectedTrackId = trackId
    // One bookmark per study: the first listed (duplicates of one study share a key slice region).
    const firstInStudy = new Map<string, string>()
    for (const point of track.timepoints) {
      if (!firstInStudy.has(point.studyInstanceUid)) {
        firstInStudy.set(point.studyInstanceUid, point.bookmarkId)
      }
    }
    viewer.showKeySlices([...firstInStudy.values()])
  }

  /** Selects the track `step` places after (or before) the selected one, wrapping around. */
  function stepTrack(step: number): void {
    const tracks = currentTracks.value
    if (tracks.length === 0) return
    const at = tracks.findIndex((t) => t.trackId === state.selectedTrackId)
    const next =
      at < 0 ? (step > 0 ? 0 : tracks.length - 1) : (at + step + tracks.length) % tracks.length
    selectTrack(tracks[next].trackId)
  }

  /**
   * True when the selected track has no bookmark in this study, so its view says "not seen"
   * instead of moving; choosing a bookmark afterwards ends that.
   */
  function isNotSeenIn(studyUid: string): boolean {
    const track = selectedTrack()
    if (!track || viewer.state.selectedBookmarkId !== null) return false
    return !track.timepoints.some((p) => p.studyInstanceUid === studyUid)
  }

  /** Marks of the selected track are emphasised until a single bookmark is chosen. */
  function isEmphasised(bookmarkId: string): boolean {
    if (viewer.state.selectedBookmarkId !== null)
      return viewer.state.selectedBookmarkId === bookmarkId
    return selectedTrack()?.timepoints.some((p) => p.bookmarkId === bookmarkId) ?? false
  }

  return {
    state: shallowReadonly(state),
    currentTracks,
    current,
    setPatientTracks,
    setProtocol,
    transformOf,
    colourOfTrack,
    colourOfBookmark,
    labelOfBookmark,
    selectedTrack,
    selectTrack,
    stepTrack,
    isNotSeenIn,
    isEmphasised,
  }
}

export type TracksStore = ReturnType<typeof createTracksStore>
