// The alignment rules candidate translations out by an upper bound on their support: the bound
// must hold for every shift, and a bounded objective must be the objective or a sure loser.
import { describe, expect, it } from 'vitest'
import type { Vec3 } from '../../../electron/core/geometry/frames'
import {
  createAlignmentContext,
  maxSupport,
  shiftSupport,
} from '../../../electron/core/match/alignment-context'
import { groupDuplicates } from '../../../electron/core/match/duplicates'
import { studyObjective } from '../../../electron/core/match/joint-alignment'
import { buildLesionSet } from '../../../electron/core/match/lesion-set'
import { loadMatcherModel } from '../../../electron/core/match/model'
import { Rng } from '../../../electron/core/synth/prng'
import { simulatePatient } from './simulated-patients'

const model = loadMatcherModel()

describe('support bounds', () => {
  const { lesions, scannerShiftMm } = simulatePatient(7, 'BOUND', { studies: 4, lesions: 7 })
  const set = buildLesionSet('BOUND', lesions, groupDuplicates(lesions, model).groups, model)
  const ctx = createAlignmentContext(set, model)
  const studyCount = set.studies.length
  // The true translations line the lesions up: the support there is close to its bound.
  const truth = set.studies.map((s) => {
    const t = scannerShiftMm.get(s.studyId) as Vec3
    return [-t[0], -t[1], -t[2]] as Vec3
  })
  const rng = new Rng(11, 'shifts')

  it('no shift gives a study pair more support than maxSupport', () => {
    for (let a = 0; a < studyCount; a++) {
      for (let b = 0; b < studyCount; b++) {
        if (a === b) continue
        const aligned: Vec3 = [0, 1, 2].map((d) => truth[a][d] - truth[b][d]) as Vec3
        const atTruth = shiftSupport(ctx, a, b, aligned)
        // Consecutive studies share most lesions: aligned, they come near the bound.
        if (Math.abs(a - b) === 1) expect(atTruth).toBeGreaterThan(0.5 * maxSupport(ctx, a, b))
        expect(atTruth).toBeLessThanOrEqual(maxSupport(ctx, a, b))
        for (let k = 0; k < 50; k++) {
          const shift: Vec3 = [0, 1, 2].map((d) => aligned[d] + 40 * rng.normal()) as Vec3
          expect(shiftSupport(ctx, a, b, shift)).toBeLessThanOrEqual(maxSupport(ctx, a, b))
        }
      }
    }
  })

  it('a bounded study objective is the objective, or -Infinity only when it cannot beat the floor', () => {
    const prior = truth.map(() => [0, 0, 0] as Vec3)
    let ruledOut = 0
    for (let k = 0; k < 200; k++) {
      const s = k % studyCount
      const translation = truth.map((t) => [...t] as Vec3)
      translation[s] = [0, 1, 2].map((d) => truth[s][d] + 30 * rng.normal()) as Vec3
      const exact = studyObjective(ctx, translation, prior, s)
      const floor = exact + 4 * rng.normal()
      const bounded = studyObjective(ctx, translation, prior, s, floor)
      if (bounded === -Infinity) {
        ruledOut++
        expect(exact).toBeLessThanOrEqual(floor)
      } else expect(bounded).toBe(exact)
    }
    // The bound is meant to save work: some candidates must be ruled out without every matching.
    expect(ruledOut).toBeGreaterThan(0)
  })
})
