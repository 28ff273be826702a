/**
 * Measuring on one study view, in slice pixels (i, j): two strokes draw a RECIST long and short
 * axis (the short one kept perpendicular, in mm) — or the long axis is kept alone (Enter), as
 * RECIST 1.1 measures a lesion that is not a lymph node — saved as the reader's lesion; dragging
 * an end of such a lesion's axis measures it again. The view's pointer input feeds it strokes.
 */
import { computed, onBeforeUnmount, reactive, toRaw, watch, type ComputedRef } from 'vue'
import { axesPxOf, measuredAxes, type MeasureDecision } from '../../../electron/api/measurements'
import type { SeriesRecord } from '../../../electron/api/records'
import { useApp } from '../app/app-context'
import { measurementDecisions, type Segment } from '../app/measure-decisions'
import { isTyping } from '../app/typing-target'
import type { StudyView } from '../stores/viewer-store'
import { isMissingSlice } from './missing-slice'
import { perpendicularShortAxis } from './short-axis'

export function useMeasureDrawing(
  studyUid: string,
  view: ComputedRef<StudyView | undefined>,
  series: ComputedRef<SeriesRecord | null>,
) {
  const { records, viewer, tracks, decisions, decisionActions } = useApp()
  const measuring = computed(() => viewer.state.measuringStudyUid === studyUid)
  /** The axes drawn so far in measuring mode, and the one being drawn. */
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
   * axis; 2, 3: short axis) and its axes as they are now (no short axis for a lesion measured by
   * its long axis alone).
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
    short: null,
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

  /** Starts moving end `end` of a measured bookmark's axes; false for any other bookmark. */
  function startEdit(bookmarkId: string, end: number): boolean {
    const measure = measurementOf(bookmarkId)
    if (!measure) return false
    const { longAxisPx, shortAxisPx } = measuredAxes(measure.axesPx)
    Object.assign(editing, { bookmarkId, end, long: longAxisPx, short: shortAxisPx })
    return true
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
    const axesPx = axesPxOf({ longAxisPx: editing.long, shortAxisPx: editing.short })
    editing.bookmarkId = null
    if (measure) void decisionActions.decide({ ...measure, axesPx })
  }

  /**
   * Saves the drawn axes as the reader's lesion (joined to the chosen track if unseen here);
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

  /** A stroke starts at `point`. */
  function beginStroke(point: [number, number]): void {
    drawn.current = [point, point]
  }

  /** The stroke being drawn now ends at `point`. */
  function extendStroke(point: [number, number]): void {
    if (drawn.current) drawn.current = [drawn.current[0], point]
  }

  /**
   * The stroke is done: a drag draws the long axis, then the short one, which saves the lesion;
   * a click (`dragged` false) draws nothing.
   */
  function endStroke(dragged: boolean): void {
    const stroke = drawn.current
    drawn.current = null
    if (!stroke || !dragged) return
    if (!drawn.long) drawn.long = stroke
    else void saveMeasurement(drawn.long, asAxis(stroke))
  }

  /** Saves the long axis drawn so far as the whole measurement; nothing before one is drawn. */
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
    axes,
    editing,
    startEdit,
    moveEditedEnd,
    finishEdit,
    beginStroke,
    extendStroke,
    endStroke,
    keepLongAxisAlone,
  }
}
