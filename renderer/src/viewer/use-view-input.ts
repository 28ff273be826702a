/**
 * Mouse input on one study view: the wheel scrolls slices (Ctrl+wheel zooms about the pointer), a
 * drag pans, a right-button drag sets the window and level of all views; in measuring mode, and
 * on a measured lesion's handles, the pointer draws (use-measure-drawing.ts). Everything it
 * changes goes through the stores.
 */
import { computed, type Ref } from 'vue'
import { lpsToPixel } from '../../../electron/api/geometry'
import { useApp } from '../app/app-context'
import { inferiorStep } from './slice-geometry'
import { useMeasureDrawing } from './use-measure-drawing'
import { lpsAtViewPoint, mmPerViewPixel } from './view-focus'

/** Each wheel notch (or Ctrl+wheel step) zooms by this factor. */
const WHEEL_ZOOM_FACTOR = 1.25
/** A press that moves less than this (CSS px) is a click, not a drag. */
const DRAG_THRESHOLD_PX = 3

/** A right-button drag: right widens the window, down raises the level (HU per CSS px). */
const WINDOW_HU_PER_PX = 4
const LEVEL_HU_PER_PX = 2

export function useViewInput(studyUid: string, viewport: Ref<HTMLElement | null>) {
  const { records, viewer } = useApp()
  const view = computed(() => viewer.state.views[studyUid])
  const series = computed(() =>
    view.value ? records.state.series[view.value.seriesInstanceUid] : null,
  )
  const focus = computed(() => viewer.state.focus[studyUid])

  /** The viewport's CSS size and a pointer event's place in it (px from the top-left corner). */
  function viewportPoint(event: MouseEvent) {
    const box = viewport.value?.getBoundingClientRect()
    if (!box) return undefined
    const point: [number, number] = [event.clientX - box.left, event.clientY - box.top]
    return { size: { width: box.width, height: box.height }, point }
  }

  function onWheel(event: WheelEvent): void {
    if (!series.value || !view.value || event.deltaY === 0) return
    viewer.activate(studyUid)
    if (event.ctrlKey || event.metaKey) {
      const at = viewportPoint(event)
      if (!at) return
      const geometry = series.value.geometry
      const anchor = lpsAtViewPoint(geometry, view.value.sliceIndex, focus.value, at.size, at.point)
      const factor = event.deltaY < 0 ? WHEEL_ZOOM_FACTOR : 1 / WHEEL_ZOOM_FACTOR
      viewer.zoomView(studyUid, factor, anchor)
      return
    }
    const towardFeet = event.deltaY > 0 ? 1 : -1
    viewer.scrollSlices(studyUid, towardFeet * inferiorStep(series.value.geometry))
  }

  const measure = useMeasureDrawing(studyUid, view, series)

  /**
   * The slice pixel (x = i, y = j) under a pointer event, kept on the image: a stroke that runs
   * off it ends at its edge rather than making a measurement the service must refuse.
   */
  function pixelAt(event: MouseEvent): [number, number] | undefined {
    const at = viewportPoint(event)
    if (!at || !series.value || !view.value) return undefined
    const geometry = series.value.geometry
    const lps = lpsAtViewPoint(geometry, view.value.sliceIndex, focus.value, at.size, at.point)
    const [i, j] = lpsToPixel(geometry, lps)
    const [columns, rows] = geometry.dims
    const clamp = (v: number, size: number) => Math.min(size - 1, Math.max(0, v))
    return [clamp(i, columns), clamp(j, rows)]
  }

  /**
   * The pointer of a press on the image: where it was last, whether it has become a drag, and
   * whether it sets the window (right button) rather than panning or measuring.
   */
  let press: {
    pointerId: number
    x: number
    y: number
    dragging: boolean
    windowing: boolean
  } | null = null

  /** Starts dragging end `end` of a measured bookmark's axes (a press on its handle). */
  function startEdit(bookmarkId: string, end: number, event: PointerEvent): void {
    const frame = (event.target as Element).closest('.viewport-frame')
    if (!frame || event.button !== 0 || !measure.startEdit(bookmarkId, end)) return
    press = {
      pointerId: event.pointerId,
      x: event.clientX,
      y: event.clientY,
      dragging: true,
      windowing: false,
    }
    frame.setPointerCapture(event.pointerId)
  }

  function onPointerDown(event: PointerEvent): void {
    // A button over the image (Measure it here, Long axis only) gets its own click, uncaptured.
    if ((event.button !== 0 && event.button !== 2) || (event.target as Element).closest('button'))
      return
    const windowing = event.button === 2
    press = {
      pointerId: event.pointerId,
      x: event.clientX,
      y: event.clientY,
      dragging: false,
      windowing,
    }
    ;(event.currentTarget as HTMLElement).setPointerCapture(event.pointerId)
    const start = measure.measuring.value && !windowing ? pixelAt(event) : undefined
    if (start) measure.beginStroke(start)
  }

  /**
   * Drags the image with the pointer (screen pixels become mm at the view's current scale), or, in
   * measuring mode, the end of the axis being drawn or edited.
   */
  function onPointerMove(event: PointerEvent): void {
    if (!press || press.pointerId !== event.pointerId || !series.value || !view.value) return
    if (measure.editing.bookmarkId) {
      const point = pixelAt(event)
      if (point) measure.moveEditedEnd(point)
      return
    }
    if (measure.drawn.current) {
      const end = pixelAt(event)
      if (end) measure.extendStroke(end)
      return
    }
    const dx = event.clientX - press.x
    const dy = event.clientY - press.y
    if (!press.dragging && Math.hypot(dx, dy) < DRAG_THRESHOLD_PX) return
    press = { ...press, x: event.clientX, y: event.clientY, dragging: true }
    if (press.windowing) {
      viewer.adjustWindowLevel(dx * WINDOW_HU_PER_PX, dy * LEVEL_HU_PER_PX)
      return
    }
    const at = viewportPoint(event)
    if (!at) return
    const mmPerPx = mmPerViewPixel(series.value.geometry, focus.value, at.size)
    viewer.panView(studyUid, dx * mmPerPx, dy * mmPerPx)
  }

  function onPointerUp(event: PointerEvent): void {
    if (press?.pointerId !== event.pointerId) return
    const dragged =
      press.dragging ||
      Math.hypot(event.clientX - press.x, event.clientY - press.y) >= DRAG_THRESHOLD_PX
    press = null
    if (measure.editing.bookmarkId) measure.finishEdit()
    else measure.endStroke(dragged)
  }

  return {
    measuring: measure.measuring,
    drawn: measure.drawn,
    axes: measure.axes,
    editing: measure.editing,
    keepLongAxisAlone: measure.keepLongAxisAlone,
    startEdit,
    onWheel,
    onPointerDown,
    onPointerMove,
    onPointerUp,
  }
}
