// The AUC loss split on a hand-made split: each different-lesion pair costs the share of
// same-lesion pairs it outscores (ties one half), filed under the kind of its two studies.
import { describe, expect, it } from 'vitest'
import { aucLossByKind } from '../../../electron/core/dls/auc-loss'
import { parseDlsSplit } from '../../../electron/core/dls/dls-split'
import { rocAuc } from '../../../electron/core/dls/metrics'
import { dlsProtocol } from '../../../electron/core/dls/protocol'
import { entry } from './split'

const r = (x: number) => [x, x, x + 10, x, x + 5, x - 3, x + 5, x + 3]
const side = (study: number, x: number) => ({ slice: `000001_0${study}_01/010.png`, recist: r(x) })
// X and W are paired between studies 1 and 2, Y between 3 and 4: studies 2 and 3 are never compared.
const split = parseDlsSplit(
  {
    '1': entry(side(1, 10), side(2, 11)),
    '2': entry(side(1, 50), side(2, 51)),
    '3': entry(side(3, 12), side(4, 13)),
  },
  't.json',
)
const protocol = dlsProtocol(split)
const name = new Map([10, 11, 50, 51, 12, 13].map((x, k) => [split.lesions[k].key, x]))
const pairName = (k: number) => {
  const p = protocol.scoredPairs[k]
  return [name.get(p.a.key), name.get(p.b.key)].sort((u, v) => (u ?? 0) - (v ?? 0)).join('-')
}
const SCORES: Record<string, number> = {
  '10-11': 0.9, // X, same lesion
  '50-51': 0.6, // W, same lesion
  '12-13': 0.8, // Y, same lesion
  '10-51': 0.6, // compared studies, ties W: costs 1/2 of one positive
  '11-12': 0.95, // never-compared studies 2 and 3, coinciding: outscores all three positives
  '12-50': 0.7, // never-compared studies 1 and 3, apart: outscores W
}
const scores = protocol.scoredPairs.map((_, k) => SCORES[pairName(k)] ?? 0.1)

describe('aucLossByKind', () => {
  it('splits 1 − AUC by kind of pair, counting ties one half', () => {
    expect(protocol.scoredPairs).toHaveLength(13)
    const losses = aucLossByKind(protocol, scores, (k) => pairName(k) === '11-12')
    const negatives = 10
    const positives = 3
    expect(losses).toEqual([
      { kind: 'annotated', outscoringPairs: 1, loss: 0.5 / (positives * negatives) },
      { kind: 'unannotatedCoinciding', outscoringPairs: 1, loss: 3 / (positives * negatives) },
      { kind: 'unannotatedApart', outscoringPairs: 1, loss: 1 / (positives * negatives) },
    ])
    const total = losses.reduce((sum, l) => sum + l.loss, 0)
    expect(total).toBeCloseTo(
      1 -
        rocAuc(
          scores,
          protocol.scoredPairs.map((p) => p.same),
        ),
      12,
    )
  })

  it('files a pair of compared studies as annotated whatever its lesions look like', () => {
    const losses = aucLossByKind(protocol, scores, () => true)
    expect(losses[0].outscoringPairs).toBe(1)
    expect(losses[1].outscoringPairs).toBe(2)
    expect(losses[2].outscoringPairs).toBe(0)
  })
})
