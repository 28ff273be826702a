// Logistic calibration: weights used to label pairs are recovered from the labelled pairs.
import { describe, expect, it } from 'vitest'
import { FEATURE_NAMES } from '../../../electron/core/match/features'
import {
  fitLinkModel,
  fitLinkModelAdjustment,
  linkProbability,
} from '../../../electron/core/match/link-probability'
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

describe('fitLinkModelAdjustment', () => {
  it('fits only the free weights on top of the base, and leaves rows without that evidence alone', () => {
    const rng = new Rng(6, 'adjustment')
    const k = (name: (typeof FEATURE_NAMES)[number]) => FEATURE_NAMES.indexOf(name)
    const base = fitLinkModel([new Float64Array(FEATURE_NAMES.length)], [true])
    base.intercept = -1
    base.weights.distanceXy = -1.5
    const features: Float64Array[] = []
    const labels: boolean[] = []
    for (let n = 0; n < 20000; n++) {
      const f = new Float64Array(FEATURE_NAMES.length)
      f[k('distanceXy')] = rng.uniform(0, 3)
      f[k('embeddingPresent')] = 1
      f[k('embeddingDistance')] = rng.uniform(0, 0.2)
      f[k('typeAgreement')] = rng.next() < 0.5 ? 1 : -1
      const z =
        -1 -
        1.5 * f[k('distanceXy')] +
        0.8 -
        20 * f[k('embeddingDistance')] +
        1.2 * f[k('typeAgreement')]
      features.push(f)
      labels.push(rng.next() < 1 / (1 + Math.exp(-z)))
    }
    const fit = fitLinkModelAdjustment(
      features,
      labels,
      base,
      ['embeddingDistance', 'embeddingPresent', 'typeAgreement'],
      1e-6,
    )
    expect(fit.intercept).toBe(-1)
    expect(fit.weights.distanceXy).toBe(-1.5)
    expect(Math.abs(fit.weights.embeddingDistance + 20)).toBeLessThan(2)
    expect(Math.abs(fit.weights.embeddingPresent - 0.8)).toBeLessThan(0.15)
    expect(Math.abs(fit.weights.typeAgreement - 1.2)).toBeLessThan(0.1)
    // A pair with none of that evidence gets exactly the base probability.
    const plain = new Float64Array(FEATURE_NAMES.length)
    plain[k('distanceXy')] = 1
    const vector = (m: typeof fit) => Float64Array.from(FEATURE_NAMES, (name) => m.weights[name])
    expect(linkProbability(fit.intercept, vector(fit), plain)).toBe(
      linkProbability(base.intercept, vector(base), plain),
    )
  })
})
