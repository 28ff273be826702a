// Linked scrolling must land every study on the same body level in the aligned patient frame:
// table shifts, slice spacings and storage order differ between studies, and levels outside a
// scan must be said, not silently shown as its end slice.
import { describe, expect, it } from 'vitest'
import type { Vec3, VolumeGeometry } from '../../../electron/api/geometry'
import {
  alignedSliceCentreMm,
  linkedSlice,
  type AlignedSeries,
} from '../../../renderer/src/viewer/linked-slices'
import { slicePositionMm } from '../../../renderer/src/viewer/slice-geometry'

const baseline: AlignedSeries = {
  geometry: {
    dims: [512, 512, 100],
    spacingMm: [0.8, 0.8, 5],
    originLps: [-200, -200, -500],
    rowDirection: [1, 0, 0],
    columnDirection: [0, 1, 0],
    sliceNormal: [0, 0, 1],
  },
  translationMm: [0, 0, 0],
}

/** A follow-up scanned with the table 120 mm further in, 1 mm slices stored head first. */
const followUpGeometry: VolumeGeometry = {
  dims: [256, 256, 400],
  spacingMm: [1.6, 1.6, 1],
  originLps: [-204, -210, -180],
  rowDirection: [1, 0, 0],
  columnDirection: [0, 1, 0],
  sliceNormal: [0, 0, -1],
}
const followUp: AlignedSeries = { geometry: followUpGeometry, translationMm: [4, -10, -120] }

describe('linked slices', () => {
  it('finds the follow-up slice at the same aligned level, whichever way it is stored', () => {
    for (const k of [0, 10, 25, 40]) {
      const level = alignedSliceCentreMm(baseline, k)
      const { sliceIndex, inside } = linkedSlice(followUp, level)
      expect(inside).toBe(true)
      // Same level in the aligned frame: scanner z of the follow-up plus its translation.
      const followUpLevelMm = slicePositionMm(followUpGeometry, sliceIndex) - 120
      expect(Math.abs(followUpLevelMm - level[2])).toBeLessThanOrEqual(0.5)
    }
  })

  it('maps back and forth to the slice it started from when spacings agree', () => {
    const sameSpacing: AlignedSeries = {
      geometry: { ...baseline.geometry, originLps: [-200, -200, -620] },
      translationMm: [0, 0, 120] as Vec3,
    }
    for (const k of [0, 17, 99]) {
      const there = linkedSlice(sameSpacing, alignedSliceCentreMm(baseline, k))
      expect(there).toEqual({ sliceIndex: k, inside: true })
      expect(linkedSlice(baseline, alignedSliceCentreMm(sameSpacing, there.sliceIndex))).toEqual({
        sliceIndex: k,
        inside: true,
      })
    }
  })

  it('says when a level lies outside the other scan, and shows its nearest end slice', () => {
    const headOfBaseline = alignedSliceCentreMm(baseline, 99) // aligned z −5 mm
    const follow = linkedSlice(followUp, headOfBaseline)
    // The follow-up covers aligned z −699 … −300 mm: −5 mm lies above its first (head) slice.
    expect(follow).toEqual({ sliceIndex: 0, inside: false })
    const feet: Vec3 = [0, 0, -900]
    expect(linkedSlice(followUp, feet)).toEqual({ sliceIndex: 399, inside: false })
  })
})
