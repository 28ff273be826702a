/**
 * Keyboard control of the viewer, bound to the window for the component's lifetime: the keys of
 * each shortcut in the shortcut table (slices, studies, series, bookmarks, tracks, linked
 * scrolling, zoom, measuring, window presets; Ctrl+O opens a folder).
 */
import { onBeforeUnmount, onMounted } from 'vue'
import { WINDOW_LEVEL_PRESET_IDS } from '../../../electron/api/window-level'
import { inferiorStep } from '../viewer/slice-geometry'
import type { AppContext } from './app-context'
import type { ShortcutId } from './shortcut-table'
import { isTyping } from './typing-target'

/** Slices moved by PageUp / PageDown. */
const PAGE_SLICES = 10
/** Zoom step of + and −. */
const KEY_ZOOM_FACTOR = 1.25

export function useShortcuts(app: AppContext, openImport: () => void): void {
  const { records, viewer, tracks, actions, shownStudies } = app

  function scroll(towardFeet: number): void {
    const studyUid = viewer.state.activeStudyUid
    const view = studyUid ? viewer.state.views[studyUid] : undefined
    const series = view ? records.state.series[view.seriesInstanceUid] : undefined
    if (!studyUid || !series) return
    viewer.scrollSlices(studyUid, towardFeet * inferiorStep(series.geometry))
  }

  /** Activates the next or previous study view shown. */
  function stepStudy(step: number): void {
    const uids = shownStudies.shown()
    const at = uids.indexOf(viewer.state.activeStudyUid ?? '')
    const next = uids[Math.min(uids.length - 1, Math.max(0, at + step))]
    if (next) viewer.activate(next)
  }

  function zoomActive(factor: number | null): void {
    const studyUid = viewer.state.activeStudyUid
    if (!studyUid) return
    if (factor === null) viewer.setFocus(studyUid, null)
    else viewer.zoomView(studyUid, factor)
  }

  /** The event keys of each shortcut of the table, with what each does. */
  const bindings: Record<Exclude<ShortcutId, 'open'>, Record<string, () => void>> = {
    slice: { ArrowDown: () => scroll(1), ArrowUp: () => scroll(-1) },
    page: { PageDown: () => scroll(PAGE_SLICES), PageUp: () => scroll(-PAGE_SLICES) },
    study: { ArrowRight: () => stepStudy(1), ArrowLeft: () => stepStudy(-1) },
    series: {
      s: () => {
        if (viewer.state.activeStudyUid) viewer.stepSeries(viewer.state.activeStudyUid)
      },
    },
    bookmark: {
      j: () => viewer.stepBookmark(1),
      n: () => viewer.stepBookmark(1),
      k: () => viewer.stepBookmark(-1),
      p: () => viewer.stepBookmark(-1),
    },
    // Shift+T arrives as key 'T'.
    track: { t: () => tracks.stepTrack(1), T: () => tracks.stepTrack(-1) },
    link: { l: () => viewer.toggleLinked() },
    zoom: {
      '+': () => zoomActive(KEY_ZOOM_FACTOR),
      '=': () => zoomActive(KEY_ZOOM_FACTOR),
      '-': () => zoomActive(1 / KEY_ZOOM_FACTOR),
    },
    fit: { '0': () => zoomActive(null) },
    measure: {
      m: () => {
        if (viewer.state.activeStudyUid) viewer.toggleMeasuring(viewer.state.activeStudyUid)
      },
    },
    cancel: { Escape: () => viewer.stopMeasuring() },
    preset: Object.fromEntries(
      WINDOW_LEVEL_PRESET_IDS.map((preset, index) => [
        String(index + 1),
        () => void actions.setWindowLevelPreset(preset),
      ]),
    ),
  }
  const keyActions: Record<string, () => void> = Object.assign({}, ...Object.values(bindings))

  function onKeyDown(event: KeyboardEvent): void {
    if (event.defaultPrevented || isTyping(event.target)) return
    if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'o') {
      event.preventDefault()
      openImport()
      return
    }
    if (event.ctrlKey || event.metaKey || event.altKey) return
    const action = keyActions[event.key]
    if (!action) return
    event.preventDefault()
    action()
  }

  onMounted(() => window.addEventListener('keydown', onKeyDown))
  onBeforeUnmount(() => window.removeEventListener('keydown', onKeyDown))
}
