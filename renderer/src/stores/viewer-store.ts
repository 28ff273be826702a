/**
 * What each study view shows: its series and slice, the selected bookmark, the active view and
 * the window/level preset. Views draw what this store says; input only changes this store.
 */
import { reactive, shallowReadonly } from 'vue'
import type { WindowLevelPresetId } from '../../../electron/api/window-level'
import { DEFAULT_WINDOW_LEVEL_PRESET } from '../../../electron/api/window-level'
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
}

export function createViewerStore(records: RecordsStore) {
  const state = reactive<ViewerState>({
    views: {},
    selectedBookmarkId: null,
    activeStudyUid: null,
    windowLevelPreset: DEFAULT_WINDOW_LEVEL_PRESET,
  })

  /**
   * One view per study of the current patient, each on its display series: at its first
   * bookmark's key slice if it has one, else at the middle slice.
   */
  function resetViews(): void {
    state.views = {}
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
  }

  /** Brings a bookmark's key slice into its study's view and makes that view active. */
  function selectBookmark(bookmarkId: string): void {
    const bookmark = records.state.bookmarks[bookmarkId]
    if (!bookmark) return
    state.selectedBookmarkId = bookmarkId
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

  /** Moves a study's view by `delta` slices, staying inside its series. */
  function scrollSlices(studyUid: string, delta: number): void {
    const view = state.views[studyUid]
    if (!view) return
    const slices = records.state.series[view.seriesInstanceUid]?.geometry.dims[2] ?? 1
    view.sliceIndex = Math.min(slices - 1, Math.max(0, view.sliceIndex + delta))
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
    activate,
    setWindowLevelPreset,
  }
}

export type ViewerStore = ReturnType<typeof createViewerStore>
