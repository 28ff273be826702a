// Greedy one-to-one matching: strongest pair first, no lesion used twice, buffers reusable;
// long candidate lists (large patients) choose exactly what a plain sort would, ties included.
import { describe, expect, it } from 'vitest'
import { Rng } from '../../../electron/core/synth/prng'
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

  it('chooses from long lists exactly as a stable sort by weight would, ties included', () => {
    const rng = new Rng(5, 'greedy test')
    for (let trial = 0; trial < 20; trial++) {
      const rowsCount = 5 + (trial % 7)
      const colsCount = 4 + (trial % 9)
      const scratch = createMatchScratch(rowsCount + colsCount, 200)
      const candidates: { row: number; col: number; weight: number }[] = []
      const count = 25 + ((trial * 13) % 60)
      for (let k = 0; k < count; k++) {
        const row = rng.nextUint32() % rowsCount
        const col = rowsCount + (rng.nextUint32() % colsCount)
        // Weights on a coarse grid so that many of them tie.
        const weight = 0.05 * (1 + (rng.nextUint32() % 8))
        candidates.push({ row, col, weight })
        addCandidate(scratch, row, col, weight)
      }
      const total = greedyMatch(scratch)
      const chosen = Array.from(scratch.chosen.subarray(0, scratch.chosenCount))
      // Reference: stable sort by weight, strongest first, then one pass.
      const order = candidates
        .map((_, k) => k)
        .sort((x, y) => candidates[y].weight - candidates[x].weight)
      const used = new Set<number>()
      const expected: number[] = []
      let expectedTotal = 0
      for (const k of order) {
        const { row, col, weight } = candidates[k]
        if (used.has(row) || used.has(col)) continue
        used.add(row)
        used.add(col)
        expected.push(k)
        expectedTotal += weight
      }
      expect(chosen).toEqual(expected)
      expect(total).toBe(expectedTotal)
      expect(Array.from(scratch.taken).every((t) => t === 0)).toBe(true)
    }
  })
})
