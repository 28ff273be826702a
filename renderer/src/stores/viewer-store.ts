/**
 * What each study view shows: its series, slice, zoom and pan, the selected bookmark, the active
 * view and the window/level preset; whether scrolling one view scrolls the others to the same
 * body level.
 * Views draw what this store says; input only changes this store.
 */
import { reactive, shallowReadonly } from 'vue'
import { lpsToPixel, type Vec3 } from '../../../electron/api/geometry'
import { nearestInOrder } from '../../../electron/api/nearest-in-order'
import type { Bookmark } from '../../../electron/api/records'
import type { WindowLevelPreset, WindowLevelPresetId } from '../../../electron/api/window-level'
import {
  DEFAULT_WINDOW_LEVEL_PRESET,
  WINDOW_LEVEL_PRESETS,
} from '../../../electron/api/window-level'
import { alignedSliceCentreMm, linkedSlice, type AlignedSeries } from '../viewer/linked-slices'
import {
  focalPointLps,
  lesionFocus,
  pannedFocus,
  zoomedFocus,
  type ViewFocus,
} from '../viewer/view-focus'
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
  /** Zoom and pan of each study view; a study without one shows its whole slice fitted. */
  focus: Record<string, ViewFocus>
  /** The study view the reader is drawing a RECIST measurement on, if any. */
  measuringStudyUid: string | null
  /** A window/level the reader dragged to (all views), until a preset is chosen again. */
  customWindowLevel: WindowLevel | null
}

/** A display window over Hounsfield units: its width and centre, as a preset has them. */
export type WindowLevel = Pick<WindowLevelPreset, 'windowHu' | 'levelHu'>

/** The narrowest window a drag may reach (HU). */
const MIN_WINDOW_HU = 1

export function createViewerStore(records: RecordsStore) {
  const state = reactive<ViewerState>({
    views: {},
    selectedBookmarkId: null,
    activeStudyUid: null,
    windowLevelPreset: DEFAULT_WINDOW_LEVEL_PRESET,
    linked: true,
    translationMmOfStudy: {},
    outsideLevel: {},
    focus: {},
    measuringStudyUid: null,
    customWindowLevel: null,
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
    state.focus = {}
    state.measuringStudyUid = null
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

  /**
   * Shows a bookmark's key slice in its study's view, centred on the lesion and zoomed to show
   * a lesion of `longAxisMm` with context (one size for a whole track: one scale in every study).
   */
  function showBookmark(bookmark: Bookmark, longAxisMm: number): void {
    state.views[bookmark.studyInstanceUid] = {
      seriesInstanceUid: bookmark.seriesInstanceUid,
      sliceIndex: bookmark.sliceIndex,
    }
    const series = records.state.series[bookmark.seriesInstanceUid]
    if (series) {
      state.focus[bookmark.studyInstanceUid] = lesionFocus(
        series.geometry,
        bookmark.centerLps,
        longAxisMm,
      )
    }
  }

  /** Brings a bookmark's lesion into its study's view and makes that view active. */
  function selectBookmark(bookmarkId: string): void {
    const bookmark = records.state.bookmarks[bookmarkId]
    if (!bookmark) return
    state.selectedBookmarkId = bookmarkId
    state.outsideLevel = {}
    state.activeStudyUid = bookmark.studyInstanceUid
    showBookmark(bookmark, bookmark.longAxisMm)
  }

  /**
   * Brings each bookmark's lesion into its study view, all at one scale (the largest lesion's),
   * and the other studies to where the lesion would be; no single bookmark is selected (a track
   * is shown), and the first bookmark's view becomes active.
   */
  function showKeySlices(bookmarkIds: readonly string[]): void {
    state.selectedBookmarkId = null
    state.outsideLevel = {}
    const bookmarks = bookmarkIds.flatMap((id) => records.state.bookmarks[id] ?? [])
    const longestMm = Math.max(...bookmarks.map((b) => b.longAxisMm))
    for (const bookmark of bookmarks) showBookmark(bookmark, longestMm)
    const measured = new Set(bookmarks.map((b) => b.studyInstanceUid))
    for (const studyUid of Object.keys(state.views)) {
      if (!measured.has(studyUid)) showExpectedPlace(studyUid, bookmarks, longestMm)
    }
    if (bookmarks[0]) state.activeStudyUid = bookmarks[0].studyInstanceUid
  }

  /**
   * Shows where a lesion measured in other studies would be in this one: the centre of its
   * bookmark in the nearest study (by study order), carried through the aligned patient frame.
   * Nothing moves while either study's translation is unknown.
   */
  function showExpectedPlace(studyUid: string, bookmarks: Bookmark[], longAxisMm: number): void {
    const order = (uid: string) => records.state.studies[uid]?.studyIndex ?? 0
    const nearest = nearestInOrder(bookmarks, (b) => order(b.studyInstanceUid), order(studyUid))
    const target = alignedSeriesOf(studyUid)
    const sourceMm = nearest ? state.translationMmOfStudy[nearest.studyInstanceUid] : undefined
    if (!nearest || !target || !sourceMm) return
    const alignedMm = [0, 1, 2].map((d) => nearest.centerLps[d] + sourceMm[d]) as Vec3
    const { sliceIndex, inside } = linkedSlice(target, alignedMm)
    state.views[studyUid].sliceIndex = sliceIndex
    if (!inside) state.outsideLevel[studyUid] = true
    const scannerLps = [0, 1, 2].map((d) => alignedMm[d] - target.translationMm[d]) as Vec3
    state.focus[studyUid] = lesionFocus(target.geometry, scannerLps, longAxisMm)
  }

  /** Sets a study view's zoom and pan; null shows the whole slice fitted again. */
  function setFocus(studyUid: string, focus: ViewFocus | null): void {
    if (focus) state.focus[studyUid] = focus
    else delete state.focus[studyUid]
  }

  /** The geometry and slice a study view shows, once its series is known. */
  function shownSlice(studyUid: string) {
    const view = state.views[studyUid]
    const series = view ? records.state.series[view.seriesInstanceUid] : undefined
    return view && series ? { geometry: series.geometry, sliceIndex: view.sliceIndex } : undefined
  }

  /**
   * Zooms a study view by `factor` about `anchorLps` (the point under the cursor, LPS mm; the
   * view centre when absent); zooming back to 1 shows the whole slice fitted.
   */
  function zoomView(studyUid: string, factor: number, anchorLps?: Vec3): void {
    const shown = shownSlice(studyUid)
    if (!shown) return
    const { geometry, sliceIndex } = shown
    setFocus(studyUid, zoomedFocus(geometry, sliceIndex, state.focus[studyUid], factor, anchorLps))
  }

  /** Moves a study view's image by (right, down) mm on screen, as a drag does. */
  function panView(studyUid: string, rightMm: number, downMm: number): void {
    const shown = shownSlice(studyUid)
    if (!shown) return
    const { geometry, sliceIndex } = shown
    setFocus(studyUid, pannedFocus(geometry, sliceIndex, state.focus[studyUid], rightMm, downMm))
  }

  /**
   * Shows another series of a study in its view at the patient point the view showed (its focus
   * centre, else its slice centre): switching from the soft-tissue to the lung reconstruction, or
   * to a coronal reformat, keeps the same anatomy in view; the focus, in LPS, carries over.
   */
  function showSeries(studyUid: string, seriesUid: string): void {
    const series = records.state.series[seriesUid]
    const shown = shownSlice(studyUid)
    if (!series || !shown || series.studyInstanceUid !== studyUid) return
    const pointLps = focalPointLps(shown.geometry, shown.sliceIndex, state.focus[studyUid])
    const k = Math.round(lpsToPixel(series.geometry, pointLps)[2])
    state.views[studyUid] = {
      seriesInstanceUid: seriesUid,
      sliceIndex: Math.min(series.geometry.dims[2] - 1, Math.max(0, k)),
    }
    if (state.linked) followLevel(studyUid)
  }

  /** Shows the next series of a study in its view (after the last, the first again). */
  function stepSeries(studyUid: string): void {
    const uids = records.state.studySeries[studyUid] ?? []
    const at = uids.indexOf(state.views[studyUid]?.seriesInstanceUid ?? '')
    if (uids.length > 1 && at >= 0) showSeries(studyUid, uids[(at + 1) % uids.length])
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

  /** Starts drawing a measurement on a study view (its current slice), or stops it. */
  function toggleMeasuring(studyUid: string): void {
    state.measuringStudyUid = state.measuringStudyUid === studyUid ? null : studyUid
    if (state.measuringStudyUid) activate(studyUid)
  }

  function stopMeasuring(): void {
    state.measuringStudyUid = null
  }

  function activate(studyUid: string): void {
    if (state.views[studyUid]) state.activeStudyUid = studyUid
  }

  /** The window/level every view shows: the dragged one, else the preset's. */
  function windowLevel(): WindowLevel {
    const { windowHu, levelHu } = WINDOW_LEVEL_PRESETS[state.windowLevelPreset]
    return state.customWindowLevel ?? { windowHu, levelHu }
  }

  /** Widens (or narrows) the window and raises (or lowers) the level, as a drag does. */
  function adjustWindowLevel(windowDeltaHu: number, levelDeltaHu: number): void {
    const { windowHu, levelHu } = windowLevel()
    state.customWindowLevel = {
      windowHu: Math.max(MIN_WINDOW_HU, windowHu + windowDeltaHu),
      levelHu: levelHu + levelDeltaHu,
    }
  }

  function setWindowLevelPreset(preset: WindowLevelPresetId): void {
    state.customWindowLevel = null
    state.windowLevelPreset = preset
  }

  return {
    state: shallowReadonly(state),
    resetViews,
    selectBookmark,
    showKeySlices,
    setFocus,
    zoomView,
    panView,
    showSeries,
    stepSeries,
    stepBookmark,
    scrollSlices,
    setAlignedFrame,
    toggleLinked,
    activate,
    toggleMeasuring,
    stopMeasuring,
    setWindowLevelPreset,
    windowLevel,
    adjustWindowLevel,
  }
}

export type ViewerStore = ReturnType<typeof createViewerStore>
