// A study without bookmarks must still be placed in the patient frame when its images were
// registered, or linked scrolling cannot reach it: its prior is carried into the matcher's frame
// through the placed study nearest in time, and without any placed study the prior frame is kept.
import { describe, expect, it } from 'vitest'
import type { Vec3 } from '../../../electron/core/geometry/frames'
import { priorOnlyTransforms } from '../../../electron/core/match/prior-only-transforms'
import type { StudyTransform } from '../../../electron/core/match/types'

const studies = [1, 2, 3, 4].map((n) => ({ studyId: `S${n}`, studyOrder: n }))

function placed(studyId: string, studyOrder: number, translationMm: Vec3): StudyTransform {
  return {
    studyId,
    studyOrder,
    translationMm,
    confidence: 0.9,
    supportingLesions: 2,
    source: 'bookmarks',
  }
}

describe('priorOnlyTransforms', () => {
  it('places unbookmarked studies through the nearest placed study, with no confidence', () => {
    // The matcher's frame is the prior's shifted by (−10, 0, 5) at S1 and (−10, 0, 4) at S4.
    const aligned = [placed('S1', 1, [0, 0, 0]), placed('S4', 4, [20, 0, -31])]
    const priors = new Map<string, Vec3>([
      ['S1', [10, 0, -5]],
      ['S2', [12, 1, -15]],
      ['S3', [25, 0, -30]],
      ['S4', [30, 0, -35]],
    ])
    const added = priorOnlyTransforms(aligned, studies, priors, 'image registration')
    expect(added.map((t) => [t.studyId, t.translationMm])).toEqual([
      ['S2', [2, 1, -10]],
      ['S3', [15, 0, -26]],
    ])
    expect(added.every((t) => t.confidence === 0 && t.source === 'image registration')).toBe(true)
  })

  it('keeps the prior frame, from the first registered study, when no study has bookmarks', () => {
    const priors = new Map<string, Vec3>([
      ['S2', [0, 0, 0]],
      ['S3', [1, 2, 3]],
    ])
    const added = priorOnlyTransforms([], studies, priors)
    expect(added.map((t) => [t.studyId, t.translationMm, t.source])).toEqual([
      ['S2', [0, 0, 0], 'prior'],
      ['S3', [1, 2, 3], 'prior'],
    ])
  })

  it('adds nothing without priors or without unplaced studies', () => {
    expect(priorOnlyTransforms([placed('S1', 1, [0, 0, 0])], studies)).toEqual([])
    expect(priorOnlyTransforms([], undefined, new Map([['S1', [0, 0, 0] as Vec3]]))).toEqual([])
  })
})
