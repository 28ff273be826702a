// A reader trusts linked scrolling only as far as each study's placement: the view must say how
// many lesions placed it, when the images alone did, when another placement fits almost as well,
// and when nothing placed it at all.
import { describe, expect, it } from 'vitest'
import type { StudyTransformRecord } from '../../../electron/api/tracks'
import {
  alignmentLabel,
  NOT_ALIGNED,
  UNCERTAIN_CONFIDENCE,
} from '../../../renderer/src/viewer/alignment-label'

const base: StudyTransformRecord = {
  studyInstanceUid: '1.2.3',
  translationMm: [12.25, -3, 140],
  confidence: 0.8,
  source: 'bookmarks',
  supportingLesions: 3,
}

describe('alignmentLabel', () => {
  it('names the lesions that placed a study, and the shift and confidence in its detail', () => {
    const label = alignmentLabel(base)
    expect(label).toMatchObject({ text: 'Aligned by 3 lesions', placed: true })
    expect(label.detail).toContain('Shifted 12.3, -3.0, 140.0 mm (x, y, z)')
    expect(label.detail).toContain('confidence 0.80')
    expect(alignmentLabel({ ...base, supportingLesions: 1 }).text).toBe('Aligned by 1 lesion')
    // Tracks stored by an earlier version did not count them.
    expect(alignmentLabel({ ...base, supportingLesions: null }).text).toBe('Aligned by its lesions')
  })

  it('says uncertain when another placement fits almost as well', () => {
    const label = alignmentLabel({ ...base, confidence: UNCERTAIN_CONFIDENCE / 2 })
    expect(label.text).toBe('Aligned by 3 lesions · uncertain')
    expect(label.detail).toContain('another placement fits almost as well')
    expect(alignmentLabel({ ...base, confidence: UNCERTAIN_CONFIDENCE }).text).not.toMatch(
      /uncertain/,
    )
  })

  it('names the image registration when no bookmark placed the study', () => {
    const label = alignmentLabel({
      ...base,
      source: 'image registration',
      confidence: 0,
      supportingLesions: 0,
    })
    expect(label).toMatchObject({ text: 'Aligned by images', placed: true })
    expect(label.detail).toContain('by image registration')
  })

  it('says a study nothing placed is not aligned', () => {
    const label = alignmentLabel({ ...base, source: 'prior', confidence: 0, supportingLesions: 0 })
    expect(label).toMatchObject({ text: 'Not aligned', placed: false })
    // What a view without any placement says too.
    expect(label).toEqual(NOT_ALIGNED)
    expect(label.detail).toMatch(/scanner positions/)
  })
})
