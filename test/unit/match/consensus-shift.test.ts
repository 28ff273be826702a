// Pairwise consensus: the shift most lesions agree on wins over shifts that line up one pair.
import { describe, expect, it } from 'vitest'
import type { Vec3 } from '../../../electron/core/geometry/frames'
import {
  createAlignmentContext,
  shiftSupport,
} from '../../../electron/core/match/alignment-context'
import { consensusShifts } from '../../../electron/core/match/consensus-shift'
import { groupDuplicates } from '../../../electron/core/match/duplicates'
import { buildLesionSet } from '../../../electron/core/match/lesion-set'
import { loadMatcherModel } from '../../../electron/core/match/model'
import { lesion, shifted } from './lesions'

const model = loadMatcherModel()

describe('consensusShifts', () => {
  const shift: Vec3 = [-42, 17, 160]
  const body: Vec3[] = [
    [0, 0, 100],
    [70, 10, 140],
    [-50, 60, 220],
  ]
  const lesions = [
    ...body.map((at, k) => lesion(`a${k}`, 1, at, 20 + 5 * k)),
    ...body.map((at, k) => lesion(`b${k}`, 2, shifted(at, shift), 20 + 5 * k)),
    lesion('b-new', 2, [5, 5, 105], 22),
  ]
  const set = buildLesionSet('P', lesions, groupDuplicates(lesions, model).groups, model)
  const ctx = createAlignmentContext(set, model)

  it('ranks the shift shared by all three lesions first, with support near 3', () => {
    const modes = consensusShifts(ctx, 0, 1, 3)
    expect(modes.length).toBeGreaterThan(1)
    modes[0].shiftMm.forEach((v, d) => expect(v).toBeCloseTo(shift[d], 6))
    expect(modes[0].support).toBeGreaterThan(2.9)
    expect(modes[1].support).toBeLessThan(1.5)
  })

  it('measures support symmetrically from either study', () => {
    const forward = shiftSupport(ctx, 0, 1, shift)
    const backward = shiftSupport(ctx, 1, 0, [-shift[0], -shift[1], -shift[2]])
    expect(forward).toBeCloseTo(backward, 12)
    expect(shiftSupport(ctx, 0, 1, [0, 0, 0])).toBeLessThan(1)
  })
})
