// The stores are the single source of truth the views draw: records must be normalized with
// parent pointers and date order, and viewer actions (bookmark selection, scrolling) must land on
// the right study, series and slice.
import { describe, expect, it } from 'vitest'
import { createRecordsStore } from '../../../renderer/src/stores/records-store'
import { createViewerStore } from '../../../renderer/src/stores/viewer-store'
import { samplePatient } from './records'

function loaded() {
  const records = createRecordsStore()
  records.setPatientRecords(samplePatient())
  const viewer = createViewerStore(records)
  viewer.resetViews()
  return { records, viewer }
}

describe('records store', () => {
  it('orders studies by date and keeps parent pointers in both directions', () => {
    const { records } = loaded()
    expect(records.currentStudies().map((s) => s.studyInstanceUid)).toEqual(['S1', 'S2'])
    expect(records.state.studySeries.S2).toEqual(['2A', '2B'])
    expect(records.state.seriesStudy['2B']).toBe('S2')
    expect(records.state.studyPatient.S1).toBe('P1')
    expect(records.currentBookmarks().map((b) => b.bookmarkId)).toEqual([
      'b-early',
      'b-late-1',
      'b-late-2',
    ])
  })

  it('lists a study’s bookmarks by lesion number, not alphabetically', () => {
    const records = createRecordsStore()
    const patient = samplePatient()
    patient.bookmarks = patient.bookmarks.map((b, n) => ({
      ...b,
      studyInstanceUid: 'S2',
      label: `Lesion ${[10, 2, 9][n]}`,
    }))
    records.setPatientRecords(patient)
    expect(records.currentBookmarks().map((b) => b.label)).toEqual([
      'Lesion 2',
      'Lesion 9',
      'Lesion 10',
    ])
  })

  it('orders undated studies by their study index', () => {
    const records = createRecordsStore()
    const patient = samplePatient()
    patient.studies = patient.studies.map((s) => ({ ...s, studyDate: '' }))
    records.setPatientRecords(patient)
    expect(records.currentStudies().map((s) => s.studyIndex)).toEqual([1, 2])
  })

  it('shows the series the bookmarks were drawn on, not merely the longest one', () => {
    const { records } = loaded()
    expect(records.displaySeriesOf('S2')?.seriesInstanceUid).toBe('2A')
    const patient = samplePatient()
    patient.bookmarks = []
    records.setPatientRecords(patient)
    expect(records.displaySeriesOf('S2')?.seriesInstanceUid).toBe('2B')
  })

  it('without bookmarks, shows an axial series rather than a longer coronal reformat', () => {
    const records = createRecordsStore()
    const patient = samplePatient()
    patient.bookmarks = []
    const coronal = patient.series.find((s) => s.seriesInstanceUid === '2B')!
    coronal.geometry = {
      ...coronal.geometry,
      columnDirection: [0, 0, -1],
      sliceNormal: [0, -1, 0],
    }
    records.setPatientRecords(patient)
    expect(records.displaySeriesOf('S2')?.seriesInstanceUid).toBe('2A')
  })

  it('replacing a patient drops its old studies, series and bookmarks', () => {
    const { records } = loaded()
    const smaller = samplePatient()
    smaller.studies = smaller.studies.filter((s) => s.studyInstanceUid === 'S1')
    smaller.series = smaller.series.filter((s) => s.studyInstanceUid === 'S1')
    smaller.bookmarks = smaller.bookmarks.filter((b) => b.studyInstanceUid === 'S1')
    records.setPatientRecords(smaller)
    expect(Object.keys(records.state.studies)).toEqual(['S1'])
    expect(Object.keys(records.state.series)).toEqual(['1A'])
    expect(Object.keys(records.state.bookmarks)).toEqual(['b-early'])
  })
})

describe('viewer store', () => {
  it('shows another series of a study at the patient point the view showed, with its focus', () => {
    const records = createRecordsStore()
    const patient = samplePatient()
    // Series 2B: 2.5 mm slices from z = −210 mm, so its slice k lies at −210 + 2.5 k mm.
    patient.series = patient.series.map((s) =>
      s.seriesInstanceUid === '2B'
        ? {
            ...s,
            geometry: { ...s.geometry, spacingMm: [0.75, 0.75, 2.5], originLps: [-24, -18, -210] },
          }
        : s,
    )
    records.setPatientRecords(patient)
    const viewer = createViewerStore(records)
    viewer.resetViews()
    viewer.selectBookmark('b-late-2')
    viewer.zoomView('S2', 2)
    const focus = viewer.state.focus.S2
    // Series 2A slice 25 lies at z = −200 + 25 × 5 = −75 mm: slice 54 of 2B.
    viewer.showSeries('S2', '2B')
    expect(viewer.state.views.S2).toEqual({ seriesInstanceUid: '2B', sliceIndex: 54 })
    expect(viewer.state.focus.S2).toEqual(focus)
    // A series of another study is not this view's to show.
    viewer.showSeries('S2', '1A')
    expect(viewer.state.views.S2.seriesInstanceUid).toBe('2B')
    // S steps through the study's series, back to the first after the last.
    const order = records.state.studySeries.S2
    const next = order[(order.indexOf('2B') + 1) % order.length]
    viewer.stepSeries('S2')
    expect(viewer.state.views.S2.seriesInstanceUid).toBe(next)
    viewer.stepSeries('S1')
    expect(viewer.state.views.S1.seriesInstanceUid).toBe('1A')
  })

  it('opens each study on its first bookmark’s key slice, or the middle slice without one', () => {
    const { viewer } = loaded()
    expect(viewer.state.views.S1).toEqual({ seriesInstanceUid: '1A', sliceIndex: 7 })
    expect(viewer.state.views.S2).toEqual({ seriesInstanceUid: '2A', sliceIndex: 12 })
    expect(viewer.state.activeStudyUid).toBe('S1')
  })

  it('opens the other studies at the first study’s level of the aligned frame once it is known', () => {
    const { viewer } = loaded()
    // Study S2 lies 10 mm lower in its scanner frame: alignedMm = scannerLpsMm + translationMm.
    viewer.setAlignedFrame({ S1: [0, 0, 0], S2: [0, 0, 10] })
    viewer.resetViews()
    expect(viewer.state.views.S1).toEqual({ seriesInstanceUid: '1A', sliceIndex: 7 })
    // S1 slice 7 is at z = −200 + 7 × 5 = −165 mm; S2 reaches it at scanner z −175 mm, slice 5.
    expect(viewer.state.views.S2).toEqual({ seriesInstanceUid: '2A', sliceIndex: 5 })
    viewer.toggleLinked()
    viewer.resetViews()
    expect(viewer.state.views.S2.sliceIndex).toBe(12)
  })

  it('selecting a bookmark brings its key slice into its study’s view and activates it', () => {
    const { viewer } = loaded()
    viewer.selectBookmark('b-late-2')
    expect(viewer.state.selectedBookmarkId).toBe('b-late-2')
    expect(viewer.state.activeStudyUid).toBe('S2')
    expect(viewer.state.views.S2).toEqual({ seriesInstanceUid: '2A', sliceIndex: 25 })
    expect(viewer.state.views.S1.sliceIndex).toBe(7)
  })

  it('centres and zooms a chosen bookmark’s view on its lesion; zoom and pan change only that', () => {
    const { records, viewer } = loaded()
    viewer.selectBookmark('b-late-2')
    const bookmark = records.state.bookmarks['b-late-2']
    const focus = viewer.state.focus.S2
    expect(focus.centreLps).toEqual(bookmark.centerLps)
    // Series 2A: 64 × 0.75 mm = 48 mm across, narrower than the 80 mm lesion field: the fit.
    expect(focus.zoom).toBe(1)
    expect(viewer.state.focus.S1).toBeUndefined()
    viewer.zoomView('S2', 2)
    // The sample's centre (0, 0, 0) is off its key slice 25 (z = −200 + 25 × 5 = −75 mm): zooming
    // about the view centre keeps the point the view shows, on that slice.
    expect(viewer.state.focus.S2).toEqual({ centreLps: [0, 0, -75], zoom: 2 })
    viewer.panView('S2', 3, -4)
    // The image moves 3 mm right (+i, LPS x) and 4 mm up (−j, LPS y): the centre the other way.
    expect(viewer.state.focus.S2.centreLps).toEqual([-3, 4, -75])
    viewer.zoomView('S2', 0.5)
    expect(viewer.state.focus.S2).toBeUndefined()
    viewer.panView('S1', 1, 0)
    viewer.resetViews()
    expect(viewer.state.focus).toEqual({})
  })

  it('brings a study where a shown lesion has no bookmark to where the aligned frame puts it', () => {
    const { viewer } = loaded()
    viewer.showKeySlices(['b-early'])
    // Without the aligned frame nothing says where S2 would show it: its view stays.
    expect(viewer.state.views.S2.sliceIndex).toBe(12)
    expect(viewer.state.focus.S2).toBeUndefined()
    viewer.setAlignedFrame({ S1: [0, 0, 0], S2: [0, 0, 10] })
    viewer.showKeySlices(['b-early'])
    // b-early's centre (0, 0, 0) is (0, 0, −10) in S2's scanner frame: slice (−10 + 200) / 5 = 38.
    expect(viewer.state.views.S2).toEqual({ seriesInstanceUid: '2A', sliceIndex: 38 })
    expect(viewer.state.focus.S2.centreLps).toEqual([0, 0, -10])
    expect(viewer.state.outsideLevel.S2).toBeUndefined()
  })

  it('shows the preset’s window until a drag changes it, and the next preset again', () => {
    const { viewer } = loaded()
    expect(viewer.windowLevel()).toEqual({ windowHu: 400, levelHu: 40 })
    viewer.adjustWindowLevel(100, -20)
    expect(viewer.windowLevel()).toEqual({ windowHu: 500, levelHu: 20 })
    viewer.adjustWindowLevel(-10_000, 0)
    expect(viewer.windowLevel().windowHu).toBe(1)
    viewer.setWindowLevelPreset('lung')
    expect(viewer.windowLevel()).toEqual({ windowHu: 1500, levelHu: -600 })
    expect(viewer.state.customWindowLevel).toBeNull()
  })

  it('steps through bookmarks in list order and wraps around', () => {
    const { viewer } = loaded()
    const visited = [1, 1, 1, 1].map(
      () => (viewer.stepBookmark(1), viewer.state.selectedBookmarkId),
    )
    expect(visited).toEqual(['b-early', 'b-late-1', 'b-late-2', 'b-early'])
    viewer.stepBookmark(-1)
    expect(viewer.state.selectedBookmarkId).toBe('b-late-2')
  })

  it('scrolls within the series and stops at its first and last slice', () => {
    const { viewer } = loaded()
    viewer.scrollSlices('S1', 5)
    expect(viewer.state.views.S1.sliceIndex).toBe(12)
    viewer.scrollSlices('S1', 1000)
    expect(viewer.state.views.S1.sliceIndex).toBe(29)
    viewer.scrollSlices('S1', -1000)
    expect(viewer.state.views.S1.sliceIndex).toBe(0)
  })
})
