// A lesion the reader draws must become the same bookmark in the renderer and the service: its
// lengths from the pixel spacing (not the pixel count), its centre in patient LPS on its slice,
// and a reason for each one that cannot be placed; the decisions it makes must join the chosen
// track only where that track was not seen, through its bookmark in the nearest study.
import { describe, expect, it } from 'vitest'
import type { VolumeGeometry } from '../../../electron/api/geometry'
import {
  measuredBookmark,
  measuredBookmarks,
  measurementProblem,
  type MeasureDecision,
} from '../../../electron/api/measurements'
import type { TrackRecord } from '../../../electron/api/tracks'
import { measurementDecisions } from '../../../renderer/src/app/measure-decisions'
import { createRecordsStore } from '../../../renderer/src/stores/records-store'
import { samplePatient, sampleTracks } from './records'

/** Anisotropic pixels, so a length in pixels and in mm differ along i and j. */
const geometry: VolumeGeometry = {
  dims: [64, 48, 40],
  spacingMm: [0.5, 0.8, 5],
  originLps: [-24, -18, -200],
  rowDirection: [1, 0, 0],
  columnDirection: [0, 1, 0],
  sliceNormal: [0, 0, 1],
}
const series = { studyInstanceUid: 'S2', geometry, sopInstanceUids: ['a', 'b', 'c', 'd'] }

function measure(overrides: Partial<MeasureDecision> = {}): MeasureDecision {
  return {
    kind: 'measure',
    bookmarkId: 'reader-1',
    studyInstanceUid: 'S2',
    seriesInstanceUid: '2A',
    sliceIndex: 3,
    // Long axis 30 px along i (15 mm), short axis 10 px along j (8 mm).
    axesPx: [10, 20, 40, 20, 25, 15, 25, 25],
    lesionType: 4,
    ...overrides,
  }
}

describe('a measured bookmark', () => {
  it('has its lengths in mm from the pixel spacing and its centre in LPS on its slice', () => {
    const bookmark = measuredBookmark(measure(), 'P1', series, 'Measured 1')
    expect(bookmark.longAxisMm).toBeCloseTo(15)
    expect(bookmark.shortAxisMm).toBeCloseTo(8)
    // Midpoint (25, 20) of slice 3: −24 + 25 × 0.5, −18 + 20 × 0.8, −200 + 3 × 5.
    expect(bookmark.centerLps).toEqual([-11.5, -2, -185])
    expect(bookmark.longAxisPx).toEqual([
      [10, 20],
      [40, 20],
    ])
    expect(bookmark).toMatchObject({ sopInstanceUid: 'd', source: 'reader', lesionType: 4 })
  })

  it('has no short axis when the reader kept the long axis alone', () => {
    const bookmark = measuredBookmark(
      measure({ axesPx: [10, 20, 40, 20] }),
      'P1',
      series,
      'Measured 1',
    )
    expect(bookmark.longAxisMm).toBeCloseTo(15)
    expect(bookmark.shortAxisMm).toBeNull()
    expect(bookmark.shortAxisPx).toBeNull()
    expect(bookmark.centerLps).toEqual([-11.5, -2, -185])
  })

  it('is refused, saying why, off its series, slice or image', () => {
    expect(measurementProblem(measure(), undefined)).toContain('series 2A is not loaded')
    expect(measurementProblem(measure({ studyInstanceUid: 'S1' }), series)).toContain(
      'is not of study S1',
    )
    expect(measurementProblem(measure({ sliceIndex: 40 }), series)).toContain(
      "slice 41 is past the series' 40 slices",
    )
    expect(
      measurementProblem(measure({ axesPx: [10, 20, 64, 20, 25, 15, 25, 25] }), series),
    ).toContain('axes leave the 64 × 48 image')
    expect(measurementProblem(measure(), series)).toBeUndefined()
    const sourceFiles = Array.from({ length: 40 }, (_, k) => (k === 7 ? '' : `IM${k}`))
    expect(measurementProblem(measure({ sliceIndex: 7 }), { ...series, sourceFiles })).toContain(
      'slice 8 has no image in the source',
    )
    expect(
      measurementProblem(measure({ sliceIndex: 6 }), { ...series, sourceFiles }),
    ).toBeUndefined()
  })

  it('is numbered among the patient’s measurements, the unplaceable ones listed apart', () => {
    const decisions = [
      measure(),
      { kind: 'mark-new' },
      measure({ bookmarkId: 'reader-2', seriesInstanceUid: 'gone' }),
      measure({ bookmarkId: 'reader-3' }),
    ]
    const seriesOf = (uid: string) => (uid === '2A' ? series : undefined)
    const { bookmarks, unplaced } = measuredBookmarks(decisions, 'P1', seriesOf)
    expect(bookmarks.map((b) => [b.bookmarkId, b.label])).toEqual([
      ['reader-1', 'Measured 1'],
      ['reader-3', 'Measured 2'],
    ])
    expect(unplaced).toEqual([{ bookmarkId: 'reader-2', problem: 'its series gone is not loaded' }])
  })
})

describe('the decisions of a drawn measurement', () => {
  const axes = {
    longAxisPx: [
      [10, 20],
      [40, 20],
    ] as [[number, number], [number, number]],
    shortAxisPx: [
      [25, 15],
      [25, 25],
    ] as [[number, number], [number, number]],
  }
  const view = { seriesInstanceUid: '2A', sliceIndex: 3 }
  const order = (uid: string) => ({ S1: 1, S2: 2, S3: 3, S4: 4 })[uid] ?? 0
  const point = (studyInstanceUid: string, bookmarkId: string) => ({
    studyInstanceUid,
    bookmarkId,
    longAxisMm: 12,
    shortAxisMm: 8,
    probabilityFromPrevious: null,
  })
  // Seen in studies 1 and 4: study 1 is the nearer to study 2.
  const track: TrackRecord = {
    ...sampleTracks().tracks[0],
    lesionType: 5,
    timepoints: [point('S1', 'b-early'), point('S4', 'b-fourth')],
  }

  it('join the chosen track where it was not seen, by its bookmark in the nearest study', () => {
    const made = measurementDecisions('S2', view, axes, track, order, 'reader-9')
    expect(made).toEqual([
      {
        kind: 'measure',
        bookmarkId: 'reader-9',
        studyInstanceUid: 'S2',
        seriesInstanceUid: '2A',
        sliceIndex: 3,
        axesPx: [10, 20, 40, 20, 25, 15, 25, 25],
        lesionType: 5,
      },
      { kind: 'confirm-link', lesionIdA: 'b-early', lesionIdB: 'reader-9' },
    ])
    const nearerFourth = measurementDecisions('S3', view, axes, track, order, 'reader-9')
    expect(nearerFourth[1]).toMatchObject({ lesionIdA: 'b-fourth' })
  })

  it('are the measurement alone without a track, or where the track was seen', () => {
    expect(measurementDecisions('S2', view, axes, null, order, 'reader-9')).toHaveLength(1)
    const seen = measurementDecisions('S4', view, axes, track, order, 'reader-9')
    expect(seen).toHaveLength(1)
    expect(seen[0]).toMatchObject({ kind: 'measure', lesionType: -1 })
  })
})

describe('the records store with measurements', () => {
  it('lists them after the imported bookmarks of their study, also once records arrive again', () => {
    const records = createRecordsStore()
    records.setPatientRecords(samplePatient())
    records.setDecisions('P1', [measure({ sliceIndex: 5 }), { kind: 'mark-new', lesionId: 'x' }])
    const ids = () => records.state.studyBookmarks.S2
    expect(ids()).toEqual(['b-late-1', 'b-late-2', 'reader-1'])
    expect(records.state.bookmarks['reader-1'].label).toBe('Measured 1')
    records.setPatientRecords(samplePatient())
    expect(ids()).toEqual(['b-late-1', 'b-late-2', 'reader-1'])
    records.setDecisions('P1', [])
    expect(ids()).toEqual(['b-late-1', 'b-late-2'])
    expect(records.state.bookmarks['reader-1']).toBeUndefined()
  })

  it('shows the type a reader gave an imported bookmark while the decision is stored', () => {
    const records = createRecordsStore()
    records.setPatientRecords(samplePatient())
    const typeOf = (id: string) => records.currentBookmarks().find((b) => b.bookmarkId === id)
    const imported = typeOf('b-late-1')!.lesionType
    records.setDecisions('P1', [{ kind: 'set-type', bookmarkId: 'b-late-1', lesionType: 6 }])
    expect(typeOf('b-late-1')!.lesionType).toBe(6)
    // The import's own record keeps its type, so an Undo shows it again.
    expect(records.state.bookmarks['b-late-1'].lesionType).toBe(imported)
    records.setDecisions('P1', [])
    expect(typeOf('b-late-1')!.lesionType).toBe(imported)
  })
})
