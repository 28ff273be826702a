/**
 * What each study view shows: its series and slice, the selected bookmark, the active view and
 * the window/level preset; whether scrolling one view scrolls the others to the same body level.
 * Views draw what this store says; input only changes this store.
 */
import { reactive, shallowReadonly } from 'vue'
import type { Vec3 } from '../../../electron/api/geometry'
import type { WindowLevelPresetId } from '../../../electron/api/window-level'
import { DEFAULT_WINDOW_LEVEL_PRESET } from '../../../electron/api/window-level'
import { alignedSliceCentreMm, linkedSlice, type AlignedSeries } from '../viewer/linked-slices'
import type { RecordsStore } from './records-store'

export interface StudyView {
  seriesInstanceUid: string
  /** Slice index k shown, 0-based. */
  sliceIndex: number
}

interface ViewerState {
  views: Record<string, StudyView>
  selectedBookmarkId: string | null
  /** The study view keyboard scrolling applies to. */
  activeStudyUid: string | null
  windowLevelPreset: WindowLevelPresetId
  /** Scrolling one view brings the others to the same level of the aligned patient frame. */
  linked: boolean
  /**
   * Each study's translation into the aligned patient frame (mm, alignedMm = scannerLpsMm +
   * translationMm), from the matcher; empty until tracks are known, and then nothing is linked.
   */
  translationMmOfStudy: Record<string, Vec3>
  /** Studies whose view a linked scroll left at an end slice: the level is outside that scan. */
  outsideLevel: Record<string, boolean>
}

export function createViewerStore(records: RecordsStore) {
  const state = reactive<ViewerState>({
    views: {},
    selectedBookmarkId: null,
    activeStudyUid: null,
    windowLevelPreset: DEFAULT_WINDOW_LEVEL_PRESET,
    linked: true,
    translationMmOfStudy: {},
    outsideLevel: {},
  })

  /**
   * One view per study of the current patient, each on its display series: the first study at
   * its first bookmark's key slice (else its middle slice); when linked, the others at the same
   * level of the aligned patient frame, so the patient opens on one body level in every study;
   * otherwise (or before tracks give the frame) each at its own first bookmark or middle slice.
   */
  function resetViews(): void {
    state.views = {}
    state.outsideLevel = {}
    state.selectedBookmarkId = null
    for (const study of records.currentStudies()) {
      const series = records.displaySeriesOf(study.studyInstanceUid)
      if (!series) continue
      const firstBookmark = records
        .currentBookmarks()
        .find((b) => b.seriesInstanceUid === series.seriesInstanceUid)
      state.views[study.studyInstanceUid] = {
        seriesInstanceUid: series.seriesInstanceUid,
        sliceIndex: firstBookmark?.sliceIndex ?? Math.floor(series.geometry.dims[2] / 2),
      }
    }
    state.activeStudyUid = records.currentStudies()[0]?.studyInstanceUid ?? null
    if (state.linked && state.activeStudyUid) followLevel(state.activeStudyUid)
  }

  /** Brings a bookmark's key slice into its study's view and makes that view active. */
  function selectBookmark(bookmarkId: string): void {
    const bookmark = records.state.bookmarks[bookmarkId]
    if (!bookmark) return
    state.selectedBookmarkId = bookmarkId
    state.outsideLevel = {}
    state.activeStudyUid = bookmark.studyInstanceUid
    state.views[bookmark.studyInstanceUid] = {
      seriesInstanceUid: bookmark.seriesInstanceUid,
      sliceIndex: bookmark.sliceIndex,
    }
  }

  /**
   * Brings each bookmark's study view to its key slice, with no single bookmark selected (a
   * track is shown); the first one's view becomes active.
   */
  function showKeySlices(bookmarkIds: readonly string[]): void {
    state.selectedBookmarkId = null
    state.outsideLevel = {}
    const bookmarks = bookmarkIds.flatMap((id) => records.state.bookmarks[id] ?? [])
    for (const bookmark of bookmarks) {
      state.views[bookmark.studyInstanceUid] = {
        seriesInstanceUid: bookmark.seriesInstanceUid,
        sliceIndex: bookmark.sliceIndex,
      }
    }
    if (bookmarks[0]) state.activeStudyUid = bookmarks[0].studyInstanceUid
  }

  /** Selects the bookmark `step` places after (or before) the selected one in the list. */
  function stepBookmark(step: number): void {
    const ids = records.currentBookmarks().map((b) => b.bookmarkId)
    if (ids.length === 0) return
    const at = state.selectedBookmarkId ? ids.indexOf(state.selectedBookmarkId) : -1
    const next = at < 0 ? (step > 0 ? 0 : ids.length - 1) : (at + step + ids.length) % ids.length
    selectBookmark(ids[next])
  }

  /** A study view's series with its study's translation; undefined when either is unknown. */
  function alignedSeriesOf(studyUid: string): AlignedSeries | undefined {
    const view = state.views[studyUid]
    const series = view ? records.state.series[view.seriesInstanceUid] : undefined
    const translationMm = state.translationMmOfStudy[studyUid]
    return series && translationMm ? { geometry: series.geometry, translationMm } : undefined
  }

  /** Brings every other view to the aligned level of `studyUid`'s slice. */
  function followLevel(studyUid: string): void {
    const source = alignedSeriesOf(studyUid)
    if (!source) return
    const levelMm = alignedSliceCentreMm(source, state.views[studyUid].sliceIndex)
    const outside: Record<string, boolean> = {}
    for (const otherUid of Object.keys(state.views)) {
      const target = otherUid === studyUid ? undefined : alignedSeriesOf(otherUid)
      if (!target) continue
      const { sliceIndex, inside } = linkedSlice(target, levelMm)
      state.views[otherUid].sliceIndex = sliceIndex
      if (!inside) outside[otherUid] = true
    }
    state.outsideLevel = outside
  }

  /**
   * Moves a study's view by `delta` slices, staying inside its series; when linked, the other
   * views follow to the same level of the aligned patient frame.
   */
  function scrollSlices(studyUid: string, delta: number): void {
    const view = state.views[studyUid]
    if (!view) return
    const slices = records.state.series[view.seriesInstanceUid]?.geometry.dims[2] ?? 1
    view.sliceIndex = Math.min(slices - 1, Math.max(0, view.sliceIndex + delta))
    if (state.linked) followLevel(studyUid)
  }

  /** The studies' translations into the aligned patient frame (from the tracks' transforms). */
  function setAlignedFrame(translationMmOfStudy: Record<string, Vec3>): void {
    state.translationMmOfStudy = translationMmOfStudy
  }

  /** Turns linked scrolling on or off; turning it on lines the others up with the active view. */
  function toggleLinked(): void {
    state.linked = !state.linked
    state.outsideLevel = {}
    if (state.linked && state.activeStudyUid) followLevel(state.activeStudyUid)
  }

  function activate(studyUid: string): void {
    if (state.views[studyUid]) state.activeStudyUid = studyUid
  }

  function setWindowLevelPreset(preset: WindowLevelPresetId): void {
    state.windowLevelPreset = preset
  }

  return {
    state: shallowReadonly(state),
    resetViews,
    selectBookmark,
    showKeySlices,
    stepBookmark,
    scrollSlices,
    setAlignedFrame,
    toggleLinked,
    activate,
    setWindowLevelPreset,
  }
}

export type ViewerStore = ReturnType<typeof createViewerStore>
