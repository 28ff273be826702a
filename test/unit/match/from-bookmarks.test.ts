// The app's bookmarks become matcher lesions with their LPS centre, sizes, type, study order and
// embedding, so imported data runs through the same engine.
import { describe, expect, it } from 'vitest'
import { lesionsFromBookmarks } from '../../../electron/core/match/from-bookmarks'
import type { Bookmark, Study } from '../../../electron/core/model/types'

function study(uid: string, studyIndex: number): Study {
  return {
    studyInstanceUid: uid,
    patientId: 'P',
    studyDate: '',
    studyIndex,
    description: '',
    accessionNumber: '',
    seriesUids: [],
  }
}

const bookmark: Bookmark = {
  bookmarkId: '1.2.3:40:0',
  patientId: 'P',
  studyInstanceUid: '2.25.2',
  seriesInstanceUid: '1.2.3',
  sliceIndex: 40,
  sopInstanceUid: '',
  longAxisPx: [
    [10, 10],
    [30, 10],
  ],
  shortAxisPx: [
    [20, 5],
    [20, 15],
  ],
  longAxisMm: 15,
  shortAxisMm: 7.5,
  centerLps: [-12.5, 40, -300],
  lesionType: 5,
  label: 'Lesion 1',
  source: 'dicom-sr',
  sourceFile: 'sr.dcm',
}

describe('lesionsFromBookmarks', () => {
  it('copies the patient-LPS centre, sizes and type, and orders studies by studyIndex', () => {
    const embedding = Float32Array.from([0.6, 0.8])
    const [l] = lesionsFromBookmarks(
      [bookmark],
      [study('2.25.1', 1), study('2.25.2', 2)],
      new Map([[bookmark.bookmarkId, embedding]]),
    )
    expect(l).toEqual({
      lesionId: '1.2.3:40:0',
      patientId: 'P',
      studyId: '2.25.2',
      studyOrder: 2,
      seriesId: '1.2.3',
      positionInScannerMm: [-12.5, 40, -300],
      longAxisMm: 15,
      shortAxisMm: 7.5,
      lesionType: 5,
      embedding,
    })
  })

  it('orders a study it was not told about after all known ones', () => {
    const [l] = lesionsFromBookmarks([bookmark], [])
    expect(l.studyOrder).toBe(Number.MAX_SAFE_INTEGER)
    expect(l.embedding).toBeUndefined()
  })
})
