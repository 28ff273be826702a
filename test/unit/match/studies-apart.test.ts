// Studies apart count every study of the patient: a lesion seen again only after a study where
// nothing was bookmarked is judged two studies apart, unless the study orders are no index.
import { describe, expect, it } from 'vitest'
import { matchPatient } from '../../../electron/core/match/match-patient'
import { loadMatcherModel } from '../../../electron/core/match/model'
import type { MatchLesion } from '../../../electron/core/match/types'
import { lesion } from './lesions'

const model = loadMatcherModel()

/** One lesion measured twice, 3 mm apart, growing from 20 to 22 mm; study orders as given. */
function twice(firstOrder: number, secondOrder: number): MatchLesion[] {
  return [lesion('A', firstOrder, [10, 20, 100], 20), lesion('B', secondOrder, [13, 20, 100], 22)]
}

describe('studies apart', () => {
  it('counts a study without bookmarks in between, in the evidence and in the probability', () => {
    const next = matchPatient('P', twice(1, 2), model).links[0]
    const skipped = matchPatient('P', twice(1, 3), model).links[0]
    expect(next.evidence.studyGap).toBe(1)
    expect(skipped.evidence.studyGap).toBe(2)
    expect(skipped.explanation).toMatch(/2 studies apart/)
    // Same positions and sizes: only the study in between tells the two apart.
    expect(skipped.probability).toBeLessThan(next.probability - 0.05)
  })

  it('falls back to the bookmarked studies in between when the orders are no study index', () => {
    const unknown = matchPatient('P', twice(1, Number.MAX_SAFE_INTEGER), model).links[0]
    const next = matchPatient('P', twice(1, 2), model).links[0]
    expect(unknown.evidence.studyGap).toBe(1)
    expect(unknown.probability).toBeCloseTo(next.probability, 12)
  })
})
