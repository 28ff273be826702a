// Slice geometry decides what the views show and where RECIST marks land: positions along the
// normal, the scroll direction toward the feet, the fitted zoom and axes in patient LPS.
import { describe, expect, it } from 'vitest'
import {
  fitParallelScaleMm,
  inferiorStep,
  recistAxesLps,
  slicePositionMm,
} from '../../../renderer/src/viewer/slice-geometry'
import { recistMarksOnSlice } from '../../../renderer/src/viewer/recist-marks'
import { samplePatient } from './records'
import { axial } from './geometries'

describe('slice geometry', () => {
  it('gives each slice its head–feet position in mm, superior positive', () => {
    expect(slicePositionMm(axial, 0)).toBeCloseTo(-300)
    expect(slicePositionMm(axial, 10)).toBeCloseTo(-275)
    const feetFirst = {
      ...axial,
      sliceNormal: [0, 0, -1] as [number, number, number],
      originLps: [-180, -160, 100] as [number, number, number],
    }
    expect(slicePositionMm(feetFirst, 4)).toBeCloseTo(90)
  })

  it('scrolls toward the feet whichever way the slices are stored', () => {
    expect(inferiorStep(axial)).toBe(-1)
    expect(inferiorStep({ ...axial, sliceNormal: [0, 0, -1] })).toBe(1)
  })

  it('fits the whole slice: height-limited in a wide view, width-limited in a tall one', () => {
    const widthMm = 512 * 0.7
    const heightMm = 400 * 0.8
    expect(fitParallelScaleMm(axial, 2)).toBeCloseTo(heightMm / 2)
    expect(fitParallelScaleMm(axial, 0.5)).toBeCloseTo(widthMm / (2 * 0.5))
  })

  it('places RECIST axes on the key slice in patient LPS', () => {
    const bookmark = samplePatient().bookmarks[0]
    const axes = recistAxesLps(bookmark, axial)
    expect(axes.long[0]).toEqual([-180 + 20 * 0.7, -160 + 20 * 0.8, -300 + 25 * 2.5])
    expect(axes.short?.[1][0]).toBeCloseTo(-180 + 32 * 0.7)
  })

  it('marks only the bookmarks on the slice and series on screen, flagging the selected one', () => {
    const { bookmarks } = samplePatient()
    const marks = recistMarksOnSlice(bookmarks, '2A', 25, axial, 'b-late-2')
    expect(marks.map((m) => [m.bookmarkId, m.selected])).toEqual([['b-late-2', true]])
    expect(recistMarksOnSlice(bookmarks, '2B', 25, axial, null)).toEqual([])
  })
})
