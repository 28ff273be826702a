// Logistic calibration: weights used to label pairs are recovered from the labelled pairs.
import { describe, expect, it } from 'vitest'
import { FEATURE_NAMES } from '../../../electron/core/match/features'
import { fitLinkModel, linkProbability } from '../../../electron/core/match/link-probability'
import { Rng } from '../../../electron/core/synth/prng'

describe('fitLinkModel', () => {
  it('recovers the weights that generated the labels, in the features’ own units', () => {
    const rng = new Rng(5, 'logistic')
    const truth = { intercept: 0.5, distanceXy: -2, longAxisChange: 1.5 }
    const features: Float64Array[] = []
    const labels: boolean[] = []
    for (let n = 0; n < 20000; n++) {
      const f = new Float64Array(FEATURE_NAMES.length)
      f[0] = rng.uniform(0, 3)
      f[2] = rng.normal(1, 0.5)
      const z = truth.intercept + truth.distanceXy * f[0] + truth.longAxisChange * f[2]
      features.push(f)
      labels.push(rng.next() < 1 / (1 + Math.exp(-z)))
    }
    const fit = fitLinkModel(features, labels, 1e-6)
    expect(fit.weights.distanceXy).toBeCloseTo(truth.distanceXy, 0)
    expect(fit.weights.longAxisChange).toBeCloseTo(truth.longAxisChange, 0)
    expect(fit.intercept).toBeCloseTo(truth.intercept, 0)
    expect(Math.abs(fit.weights.distanceXy - truth.distanceXy)).toBeLessThan(0.15)
    // Features that never vary get no weight.
    expect(fit.weights.mutualBest).toBe(0)
    const weights = Float64Array.from(FEATURE_NAMES, (name) => fit.weights[name])
    expect(linkProbability(fit.intercept, weights, features[0])).toBeGreaterThan(0)
  })
})
