// Bookmarks of one study on series in two frames of reference (the patient moved between two
// acquisitions) are compared by the matcher as one frame: the import must say so, once per study,
// and say nothing where every bookmarked series shares one frame.
import { describe, expect, it } from 'vitest'
import { mixedFramesOfReference } from '../../../electron/core/import/frames-of-reference'
import type { Bookmark, Series, Study } from '../../../electron/core/model/types'

const study = { studyInstanceUid: '2.25.1', studyDate: '2024-03-01' } as Study
const series = (uid: string, seriesNumber: number, frame: string) =>
  ({
    seriesInstanceUid: uid,
    studyInstanceUid: '2.25.1',
    seriesNumber,
    frameOfReferenceUid: frame,
  }) as Series
const bookmark = (seriesUid: string) =>
  ({
    studyInstanceUid: '2.25.1',
    seriesInstanceUid: seriesUid,
    sourceFile: '/x/SR1.dcm',
  }) as Bookmark

describe('mixedFramesOfReference', () => {
  it('warns once for a study whose bookmarks lie in two frames, naming the series', () => {
    const all = [
      series('2.25.11', 2, '2.25.100'),
      series('2.25.12', 3, '2.25.100'),
      series('2.25.13', 5, '2.25.200'),
    ]
    const issues = mixedFramesOfReference([study], all, [
      bookmark('2.25.11'),
      bookmark('2.25.12'),
      bookmark('2.25.13'),
      bookmark('2.25.13'),
    ])
    expect(issues.map((i) => [i.file, i.code, i.severity])).toEqual([
      ['/x/SR1.dcm', 'mixed-frames-of-reference', 'warning'],
    ])
    expect(issues[0].message).toMatch(
      /study 2024-03-01 lie on series in 2 frames of reference \(series 2, 3; series 5\)/,
    )
  })

  it('says nothing when the bookmarked series share one frame, or another series is elsewhere', () => {
    const all = [
      series('2.25.11', 2, '2.25.100'),
      series('2.25.12', 3, '2.25.100'),
      series('2.25.13', 5, '2.25.200'),
    ]
    expect(
      mixedFramesOfReference([study], all, [bookmark('2.25.11'), bookmark('2.25.12')]),
    ).toEqual([])
  })
})
