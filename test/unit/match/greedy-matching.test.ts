// Greedy one-to-one matching: strongest pair first, no lesion used twice, buffers reusable.
import { describe, expect, it } from 'vitest'
import {
  addCandidate,
  createMatchScratch,
  greedyMatch,
} from '../../../electron/core/match/greedy-matching'

describe('greedyMatch', () => {
  it('takes the strongest pairs first and never reuses a node', () => {
    const scratch = createMatchScratch(6, 8)
    // Node 0 likes 3 (0.9) and 4 (0.8); node 1 likes 3 (0.85) and 5 (0.1).
    addCandidate(scratch, 0, 3, 0.9)
    addCandidate(scratch, 1, 3, 0.85)
    addCandidate(scratch, 0, 4, 0.8)
    addCandidate(scratch, 1, 5, 0.1)
    const total = greedyMatch(scratch)
    const pairs = Array.from(scratch.chosen.subarray(0, scratch.chosenCount), (c) => [
      scratch.rows[c],
      scratch.cols[c],
    ])
    expect(pairs).toEqual([
      [0, 3],
      [1, 5],
    ])
    expect(total).toBeCloseTo(1.0, 12)
    expect(scratch.count).toBe(0)
    expect(Array.from(scratch.taken)).toEqual([0, 0, 0, 0, 0, 0])
  })

  it('returns 0 and chooses nothing for an empty list', () => {
    const scratch = createMatchScratch(2, 2)
    expect(greedyMatch(scratch)).toBe(0)
    expect(scratch.chosenCount).toBe(0)
  })
})
