/**
 * Mouse input on one study view: the wheel scrolls slices (Ctrl+wheel zooms about the pointer), a
 * drag pans, a right-button drag sets the window and level of all views, in measuring mode two
 * drags draw a RECIST long and short axis (slice pixels; the short one kept perpendicular) — or
 * the long axis is kept alone (Enter) — saved as the reader's lesion, and dragging an end of such
 * a lesion's axis measures it again.
 * Everything it changes goes through the stores.
 */
import { computed, onBeforeUnmount, reactive, toRaw, watch, type Ref } from 'vue'
import { lpsToPixel } from '../../../electron/api/geometry'
import type { MeasureDecision } from '../../../electron/api/measurements'
import { useApp } from '../app/app-context'
import { isTyping } from '../app/typing-target'
import { measurementDecisions, type Segment } from '../app/measure-decisions'
import { isMissingSlice } from './missing-slice'
import { perpendicularShortAxis } from './short-axis'
import { inferiorStep } from './slice-geometry'
import { lpsAtViewPoint, mmPerViewPixel } from './view-focus'

/** Each wheel notch (or Ctrl+wheel step) zooms by this factor. */
const WHEEL_ZOOM_FACTOR = 1.25
/** A press that moves less than this (CSS px) is a click, not a drag. */
const DRAG_THRESHOLD_PX = 3

/** A right-button drag: right widens the window, down raises the level (HU per CSS px). */
const WINDOW_HU_PER_PX = 4
const LEVEL_HU_PER_PX = 2

export function useViewInput(studyUid: string, viewport: Ref<HTMLElement | null>) {
  const { records, viewer, tracks, decisions, decisionActions } = useApp()
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

  const measuring = computed(() => viewer.state.measuringStudyUid === studyUid)
  /** The axes drawn so far in measuring mode, and the one being drawn, in slice pixels (i, j). */
  const drawn = reactive<{ long: Segment | null; current: Segment | null }>({
    long: null,
    current: null,
  })
  // Both axes lie on one slice: a new slice (or leaving measuring) starts the measurement over.
  watch([measuring, () => view.value?.sliceIndex], () =>
    Object.assign(drawn, { long: null, current: null }),
  )

  /** A stroke as the axis it makes: the short axis is turned perpendicular to the long one. */
  function asAxis(stroke: Segment): Segment {
    const spacing = series.value?.geometry.spacingMm
    return drawn.long && spacing
      ? perpendicularShortAxis(drawn.long, stroke, [spacing[0], spacing[1]])
      : stroke
  }

  /**
   * A measured lesion whose axis end the reader is dragging: its bookmark, which end (0, 1: long
   * axis; 2, 3: short axis) and its axes as they are now, in slice pixels (no short axis for a
   * lesion measured by its long axis alone).
   */
  const editing = reactive<{
    bookmarkId: string | null
    end: number
    long: Segment
    short: Segment | null
  }>({
    bookmarkId: null,
    end: 0,
    long: [
      [0, 0],
      [0, 0],
    ],
    short: [
      [0, 0],
      [0, 0],
    ],
  })

  /** The axes to draw: the long axis once drawn, and the axis being drawn (or edited). */
  const axes = computed((): Segment[] => {
    const shown = editing.bookmarkId
      ? [editing.long, editing.short]
      : [drawn.long, drawn.current && asAxis(drawn.current)]
    return shown.filter((s): s is Segment => s !== null)
  })

  /** The stored measurement of a measured bookmark (undefined for a bookmark from a report). */
  function measurementOf(bookmarkId: string): MeasureDecision | undefined {
    const stored = decisions.current.value.find(
      (d) => d.decision.kind === 'measure' && d.decision.bookmarkId === bookmarkId,
    )
    // The raw decision: IndexedDB cannot store the store's reactive proxies.
    return stored ? (toRaw(stored.decision) as MeasureDecision) : undefined
  }

  /** Starts dragging end `end` of a measured bookmark's axes (a press on its handle). */
  function startEdit(bookmarkId: string, end: number, event: PointerEvent): void {
    const measure = measurementOf(bookmarkId)
    const frame = (event.target as Element).closest('.viewport-frame')
    if (!measure || !frame || event.button !== 0) return
    const [a, b, c, d, e, f, g, h] = measure.axesPx
    Object.assign(editing, {
      bookmarkId,
      end,
      long: [
        [a, b],
        [c, d],
      ],
      short:
        measure.axesPx.length === 8
          ? [
              [e, f],
              [g, h],
            ]
          : null,
    })
    press = {
      pointerId: event.pointerId,
      x: event.clientX,
      y: event.clientY,
      dragging: true,
      windowing: false,
    }
    frame.setPointerCapture(event.pointerId)
  }

  /** Moves the dragged end; the short axis stays perpendicular to the long one, in mm. */
  function moveEditedEnd(point: [number, number]): void {
    const spacing = series.value?.geometry.spacingMm
    if (!spacing) return
    const long: Segment = [editing.long[0], editing.long[1]]
    if (editing.end < 2) long[editing.end] = point
    editing.long = long
    if (!editing.short) return
    const short: Segment = [editing.short[0], editing.short[1]]
    if (editing.end >= 2) short[editing.end - 2] = point
    editing.short = perpendicularShortAxis(long, short, [spacing[0], spacing[1]])
  }

  /** Stores the edited measurement in place of the earlier one (same bookmark: one decision). */
  function finishEdit(): void {
    const measure = editing.bookmarkId ? measurementOf(editing.bookmarkId) : undefined
    const axesPx = [...editing.long.flat(), ...(editing.short?.flat() ?? [])]
    editing.bookmarkId = null
    if (measure) void decisionActions.decide({ ...measure, axesPx })
  }

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
   * Saves the two drawn axes as the reader's lesion (joined to the chosen track if unseen here);
   * nothing is saved on a slice with no image (the hint says so while drawing).
   */
  async function saveMeasurement(longAxisPx: Segment, shortAxisPx: Segment | null): Promise<void> {
    const current = view.value
    viewer.stopMeasuring()
    if (!current || isMissingSlice(series.value, current.sliceIndex)) return
    const order = (uid: string) => records.state.studies[uid]?.studyIndex ?? 0
    const made = measurementDecisions(
      studyUid,
      current,
      { longAxisPx, shortAxisPx },
      tracks.selectedTrack(),
      order,
    )
    await decisionActions.decide(...made)
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

  function onPointerDown(event: PointerEvent): void {
    // A button over the image (Measure it here) gets its own click, uncaptured.
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
    const start = measuring.value && !windowing ? pixelAt(event) : undefined
    if (start) drawn.current = [start, start]
  }

  /**
   * Drags the image with the pointer (screen pixels become mm at the view's current scale), or, in
   * measuring mode, the end of the axis being drawn.
   */
  function onPointerMove(event: PointerEvent): void {
    if (!press || press.pointerId !== event.pointerId || !series.value || !view.value) return
    if (editing.bookmarkId) {
      const point = pixelAt(event)
      if (point) moveEditedEnd(point)
      return
    }
    if (drawn.current) {
      const end = pixelAt(event)
      if (end) drawn.current = [drawn.current[0], end]
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
    if (editing.bookmarkId) {
      press = null
      finishEdit()
      return
    }
    const segment = drawn.current
    const moved =
      press.dragging ||
      Math.hypot(event.clientX - press.x, event.clientY - press.y) >= DRAG_THRESHOLD_PX
    press = null
    drawn.current = null
    // A click in measuring mode draws nothing: an axis is a drag.
    if (!segment || !moved) return
    if (!drawn.long) drawn.long = segment
    else void saveMeasurement(drawn.long, asAxis(segment))
  }

  /**
   * Saves the long axis drawn so far as the whole measurement (RECIST 1.1 measures a lesion that
   * is not a lymph node by its long axis alone); does nothing before a long axis is drawn.
   */
  function keepLongAxisAlone(): void {
    if (measuring.value && drawn.long && !drawn.current) void saveMeasurement(drawn.long, null)
  }

  function onKeyDown(event: KeyboardEvent): void {
    if (event.key !== 'Enter' || !measuring.value || !drawn.long || isTyping(event.target)) return
    event.preventDefault()
    keepLongAxisAlone()
  }
  window.addEventListener('keydown', onKeyDown)
  onBeforeUnmount(() => window.removeEventListener('keydown', onKeyDown))

  return {
    measuring,
    drawn,
    keepLongAxisAlone,
    axes,
    editing,
    startEdit,
    onWheel,
    onPointerDown,
    onPointerMove,
    onPointerUp,
  }
}
