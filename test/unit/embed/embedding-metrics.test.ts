import { describe, expect, it } from 'vitest'
import {
  retrievalFigures,
  rocAuc,
  sameLesionFigures,
  type EvalLesion,
} from '../../../electron/core/eval/embedding-metrics'
import type { LesionType } from '../../../electron/core/model/types'
import { Rng } from '../../../electron/core/synth/prng'

function lesion(
  patientKey: string,
  studyKey: string,
  lesionId: string | undefined,
  embedding: number[],
  extra: Partial<EvalLesion> = {},
): EvalLesion {
  return {
    patientKey,
    studyKey,
    lesionId,
    lesionType: 4 as LesionType,
    longAxisMm: 20,
    embedding: Float32Array.from(embedding),
    ...extra,
  }
}

describe('rocAuc', () => {
  it('equals the fraction of positive–negative pairs ranked right, ties counting half', () => {
    const rng = new Rng(7, 'auc')
    // Scores on a coarse grid, so that ties happen.
    const positives = Array.from({ length: 40 }, () => Math.round(rng.normal(1, 1) * 4) / 4)
    const negatives = Array.from({ length: 55 }, () => Math.round(rng.normal(0, 1) * 4) / 4)
    let wins = 0
    for (const p of positives) for (const n of negatives) wins += p > n ? 1 : p === n ? 0.5 : 0
    expect(rocAuc(positives, negatives)).toBeCloseTo(
      wins / (positives.length * negatives.length),
      12,
    )
  })

  it('is 1 for a perfect ranking, 0.5 for all ties, and undefined without negatives', () => {
    expect(rocAuc([3, 4], [1, 2])).toBe(1)
    expect(rocAuc([1, 1], [1])).toBe(0.5)
    expect(rocAuc([1], [])).toBeNaN()
  })
})

describe('sameLesionFigures', () => {
  // Patient A: lesions X and Y in studies 1 and 2, plus Z in study 1 only; patient B far away.
  const lesions = [
    lesion('A', 'A1', 'X', [1, 0]),
    lesion('A', 'A2', 'X', [0.9, 0.1]),
    lesion('A', 'A1', 'Y', [0, 1]),
    lesion('A', 'A2', 'Y', [0.6, 0.4]),
    lesion('A', 'A1', 'Z', [0.75, 0.25]),
    lesion('B', 'B1', 'X', [5, 5]),
    lesion('B', 'B2', 'X', [5, 5.1]),
  ]

  it('scores only pairs of one patient in different studies', () => {
    const figures = sameLesionFigures(lesions)
    // Positives: A X1–X2, A Y1–Y2, B X1–X2. Negatives: A X1–Y2, Y1–X2, Z1–X2, Z1–Y2.
    expect(figures.positivePairs).toBe(3)
    expect(figures.negativePairs).toBe(4)
  })

  it('ranks by distance: a negative closer than a positive costs AUC', () => {
    // Distances: positives X1–X2 0.141, Y1–Y2 0.849, B 0.1; negatives X1–Y2 0.566,
    // Y1–X2 1.273, Z1–X2 0.212, Z1–Y2 0.212. Only Y1–Y2 loses, to three negatives: 9 / 12.
    expect(sameLesionFigures(lesions).auc).toBeCloseTo(9 / 12, 10)
  })

  it('counts how often the nearest lesion in another study is the same lesion', () => {
    // X1→X2, X2→X1, Y1→Y2 right, Y2→Z1 wrong; B both right. Z has no match.
    expect(sameLesionFigures(lesions).nearestIsSameLesion).toBeCloseTo(5 / 6, 10)
  })
})

describe('retrievalFigures', () => {
  const at = (x: number, y: number, z: number): [number, number, number] => [x, y, z]
  const lesions = [
    lesion('P', 'P1', 'a', [0, 0], {
      lesionType: 5,
      longAxisMm: 10,
      normalizedLocation: at(0.2, 0.5, 0.3),
    }),
    // The query's own patient: excluded from its neighbours even though it is the closest.
    lesion('P', 'P2', 'a', [0, 0.01], {
      lesionType: 4,
      longAxisMm: 40,
      normalizedLocation: at(0.9, 0.9, 0.9),
    }),
    lesion('Q', 'Q1', 'b', [0, 0.1], {
      lesionType: 5,
      longAxisMm: 20,
      normalizedLocation: at(0.2, 0.5, 0.4),
    }),
    lesion('R', 'R1', 'c', [0, 0.3], {
      lesionType: 4,
      longAxisMm: 10,
      normalizedLocation: at(0.5, 0.5, 0.3),
    }),
    lesion('S', 'S1', 'd', [0, 5], { lesionType: -1, longAxisMm: 10 }),
  ]

  it('retrieves the k nearest lesions of other patients and averages their errors', () => {
    const figures = retrievalFigures(lesions, 2)
    // Unlabelled lesions neither query nor get retrieved: 4 queries, 2 neighbours each.
    expect(figures.queries).toBe(4)
    // Neighbours: P1→Q1,R1  P2→Q1,R1  Q1→P2,P1  R1→Q1,P2. Wrong types: R1, Q1, P2, Q1 → 4 of 8.
    expect(figures.typeErrorPercent).toBeCloseTo(50, 10)
    const [p1, p2, q1, r1] = lesions
    const pairs = [
      [p1, q1],
      [p1, r1],
      [p2, q1],
      [p2, r1],
      [q1, p2],
      [q1, p1],
      [r1, q1],
      [r1, p2],
    ]
    const mean = (values: number[]) => values.reduce((a, b) => a + b) / values.length
    const size = pairs.map(
      ([a, b]) => Math.abs(a.longAxisMm - b.longAxisMm) / Math.max(a.longAxisMm, b.longAxisMm),
    )
    expect(figures.sizeErrorPercent).toBeCloseTo(100 * mean(size), 10)
    const location = pairs.map(([a, b]) => {
      const [u, v] = [a.normalizedLocation as number[], b.normalizedLocation as number[]]
      return Math.hypot(u[0] - v[0], u[1] - v[1], u[2] - v[2])
    })
    expect(figures.locationErrorPercent).toBeCloseTo(100 * mean(location), 10)
  })
})
