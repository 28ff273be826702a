// The protocol's figures against hand-computed cases: ROC AUC with ties, same-track counts, top-1
// with ties and lesions whose only match is in their own study, and the score's reliability.
import { describe, expect, it } from 'vitest'
import { parseDlsSplit } from '../../../electron/core/dls/dls-split'
import { pairCounts, reliability, rocAuc, topOne } from '../../../electron/core/dls/metrics'
import { dlsProtocol } from '../../../electron/core/dls/protocol'
import { entry } from './split'

describe('rocAuc', () => {
  it('counts each positive–negative pair ranked right as 1 and each tie as 1/2', () => {
    // Positives 0.9, 0.5; negatives 0.5, 0.1: pairs (0.9>0.5 ✓, 0.9>0.1 ✓, 0.5=0.5 ½, 0.5>0.1 ✓).
    expect(rocAuc([0.9, 0.5, 0.5, 0.1], [true, true, false, false])).toBeCloseTo(3.5 / 4, 12)
    expect(rocAuc([0.1, 0.9], [true, false])).toBe(0)
    expect(rocAuc([1, 2], [true, true])).toBeNaN()
  })
})

describe('reliability', () => {
  it('bins scores, compares each bin’s mean score with its share of same-lesion pairs', () => {
    // Bin 0.0–0.1: 0.05, 0.05 (none same); bin 0.8–0.9: 0.8 ×4 (3 same); 1.0 falls in the last bin.
    const scores = [0.05, 0.05, 0.8, 0.8, 0.8, 0.8, 1]
    const labels = [false, false, true, true, true, false, true]
    const r = reliability(scores, labels)
    expect(r.bins).toEqual([
      { from: 0, to: 0.1, pairs: 2, meanScore: 0.05, sameShare: 0 },
      { from: 0.8, to: 0.9, pairs: 4, meanScore: 0.8, sameShare: 0.75 },
      { from: 0.9, to: 1, pairs: 1, meanScore: 1, sameShare: 1 },
    ])
    expect(r.ece).toBeCloseTo((2 * 0.05 + 4 * 0.05 + 0) / 7, 12)
    expect(r.brier).toBeCloseTo((2 * 0.05 ** 2 + 3 * 0.2 ** 2 + 0.8 ** 2) / 7, 12)
    // Scores that are the truth itself are perfectly reliable.
    expect(reliability([0, 1, 1], [false, true, true])).toMatchObject({ brier: 0, ece: 0 })
  })
})

describe('pairCounts', () => {
  it('computes precision, recall and F1 over the pairs', () => {
    const c = pairCounts([true, true, false, false, true], [true, false, true, false, true])
    expect(c).toEqual({
      precision: 2 / 3,
      recall: 2 / 3,
      f1: 2 / 3,
      truePositives: 2,
      falsePositives: 1,
      falseNegatives: 1,
    })
  })
})

describe('DLS protocol and top-1', () => {
  const r = (x: number) => [x, x, x + 10, x, x + 5, x - 3, x + 5, x + 3]
  const s = (name: string, x: number) => ({ slice: `000001_${name}.png`, recist: r(x) })
  // Lesion X in studies 1, 2 and 3; Y in studies 1 and 2; Z seen twice in study 3 (two series).
  const split = parseDlsSplit(
    {
      '1': entry(s('01_01/010', 10), s('02_01/010', 11)),
      '2': entry(s('02_01/010', 11), s('03_01/010', 12)),
      '3': entry(s('01_01/020', 50), s('02_01/020', 51)),
      '4': entry(s('03_01/030', 90), s('03_02/030', 91)),
    },
    't.json',
  )
  const protocol = dlsProtocol(split)
  const key = (name: string, x: number) =>
    `000001_${name}.png@${r(x)
      .map((v) => v.toFixed(1))
      .join(',')}`

  it('groups by connected pairs and scores every two lesions of different studies', () => {
    expect(protocol.groupCount).toBe(3)
    expect(protocol.sameStudyPairs).toBe(1)
    // 7 lesions: study 1 has 2, study 2 has 2, study 3 has 3 → 2·2 + 2·3 + 2·3 = 16 pairs.
    expect(protocol.scoredPairs).toHaveLength(16)
    expect(protocol.scoredPairs.filter((p) => p.same)).toHaveLength(4)
  })

  it('counts top-1 over lesions with a match elsewhere, splitting ties', () => {
    const scores = new Map<string, number>([
      [`${key('01_01/010', 10)}|${key('02_01/010', 11)}`, 0.9],
      [`${key('01_01/020', 50)}|${key('02_01/020', 51)}`, 0.9],
    ])
    const score = (a: string, b: string) =>
      scores.get(`${a}|${b}`) ?? scores.get(`${b}|${a}`) ?? 0.1
    const result = topOne(protocol, score)
    // The two series of Z have their only match in their own study: not counted.
    expect(result.withoutMatchElsewhere).toBe(2)
    expect(result.counted).toBe(5)
    // X@1, X@2, Y@1, Y@2 find their partner (0.9); X@3 sees 4 candidates at 0.1, 2 of them X.
    expect(result.value).toBeCloseTo((4 + 2 / 4) / 5, 12)
  })
})
