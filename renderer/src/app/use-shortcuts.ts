/**
 * Keyboard control of the viewer, bound to the window for the component's lifetime: slices
 * (↑/↓, PageUp/PageDown), studies (←/→), bookmarks (J/K or N/P), tracks (T / Shift+T), linked
 * scrolling (L), zoom of the active view (+/−, 0 fits), measuring on it (M; Esc stops), presets
 * (1–4), open (Ctrl+O).
 */
import { onBeforeUnmount, onMounted } from 'vue'
import { WINDOW_LEVEL_PRESET_IDS } from '../../../electron/api/window-level'
import { inferiorStep } from '../viewer/slice-geometry'
import type { AppContext } from './app-context'

/** Slices moved by PageUp / PageDown. */
const PAGE_SLICES = 10
/** Zoom step of + and −. */
const KEY_ZOOM_FACTOR = 1.25

export function useShortcuts(app: AppContext, openImport: () => void): void {
  const { records, viewer, tracks, actions } = app

  function scroll(towardFeet: number): void {
    const studyUid = viewer.state.activeStudyUid
    const view = studyUid ? viewer.state.views[studyUid] : undefined
    const series = view ? records.state.series[view.seriesInstanceUid] : undefined
    if (!studyUid || !series) return
    viewer.scrollSlices(studyUid, towardFeet * inferiorStep(series.geometry))
  }

  function stepStudy(step: number): void {
    const uids = records.currentStudies().map((s) => s.studyInstanceUid)
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

  const keyActions: Record<string, () => void> = {
    ArrowDown: () => scroll(1),
    ArrowUp: () => scroll(-1),
    PageDown: () => scroll(PAGE_SLICES),
    PageUp: () => scroll(-PAGE_SLICES),
    ArrowRight: () => stepStudy(1),
    ArrowLeft: () => stepStudy(-1),
    j: () => viewer.stepBookmark(1),
    n: () => viewer.stepBookmark(1),
    k: () => viewer.stepBookmark(-1),
    p: () => viewer.stepBookmark(-1),
    // Shift+T arrives as key 'T'.
    t: () => tracks.stepTrack(1),
    T: () => tracks.stepTrack(-1),
    l: () => viewer.toggleLinked(),
    m: () => {
      if (viewer.state.activeStudyUid) viewer.toggleMeasuring(viewer.state.activeStudyUid)
    },
    Escape: () => viewer.stopMeasuring(),
    '+': () => zoomActive(KEY_ZOOM_FACTOR),
    '=': () => zoomActive(KEY_ZOOM_FACTOR),
    '-': () => zoomActive(1 / KEY_ZOOM_FACTOR),
    '0': () => zoomActive(null),
  }
  WINDOW_LEVEL_PRESET_IDS.forEach((preset, index) => {
    keyActions[String(index + 1)] = () => void actions.setWindowLevelPreset(preset)
  })

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

/** Keys typed into a field or an open dialog belong to it, not to the viewer. */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false
  return target.isContentEditable || target.closest('input, textarea, select, dialog') !== null
}
