/**
 * The calibrated probability that two lesions are the same: a logistic model over the pair
 * features, with weights from matcher.json (fitted by `fitLinkModel` on labelled pairs).
 */
import { FEATURE_NAMES, type FeatureName } from './features'
import type { MatcherModel } from './model'

const FEATURE_COUNT = FEATURE_NAMES.length

/** The weights as a vector in FEATURE_NAMES order. */
export function weightVector(model: MatcherModel): Float64Array {
  return Float64Array.from(FEATURE_NAMES, (name) => model.probability.weights[name])
}

/** Probability from a feature vector and the weight vector. */
export function linkProbability(
  intercept: number,
  weights: Float64Array,
  features: Float64Array,
): number {
  let z = intercept
  for (let k = 0; k < FEATURE_COUNT; k++) z += weights[k] * features[k]
  return 1 / (1 + Math.exp(-z))
}

export interface LinkModelFit {
  intercept: number
  weights: Record<FeatureName, number>
}

/** Solves the small dense system A x = b in place (Gaussian elimination with pivoting). */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length
  for (let c = 0; c < n; c++) {
    let p = c
    for (let r = c + 1; r < n; r++) if (Math.abs(a[r][c]) > Math.abs(a[p][c])) p = r
    ;[a[c], a[p]] = [a[p], a[c]]
    ;[b[c], b[p]] = [b[p], b[c]]
    for (let r = c + 1; r < n; r++) {
      const f = a[r][c] / a[c][c]
      for (let k = c; k < n; k++) a[r][k] -= f * a[c][k]
      b[r] -= f * b[c]
    }
  }
  const x = new Array<number>(n).fill(0)
  for (let r = n - 1; r >= 0; r--) {
    let s = b[r]
    for (let k = r + 1; k < n; k++) s -= a[r][k] * x[k]
    x[r] = s / a[r][r]
  }
  return x
}

/**
 * Newton's method for L2-regularised logistic regression on the feature columns `candidates`,
 * with a fixed offset per row and, if `withIntercept`, a free intercept. Columns that are always
 * 0 (or, with an intercept, constant) are dropped. Returns the weights in the features' own units
 * and the intercept.
 */
function newtonFit(
  features: readonly Float64Array[],
  labels: readonly boolean[],
  candidates: readonly number[],
  offsets: Float64Array,
  withIntercept: boolean,
  l2: number,
  iterations: number,
): { weights: Float64Array; intercept: number } {
  const n = features.length
  // Columns are scaled to unit spread so that the L2 penalty treats every feature alike:
  // centred too when there is an intercept to absorb the means; otherwise scaled only (by the
  // root mean square), so a row whose free features are all 0 stays exactly at its offset.
  const mean = new Float64Array(FEATURE_COUNT)
  const sd = new Float64Array(FEATURE_COUNT)
  if (withIntercept) for (const f of features) for (const k of candidates) mean[k] += f[k] / n
  for (const f of features) for (const k of candidates) sd[k] += (f[k] - mean[k]) ** 2 / n
  const active = candidates.filter((k) => sd[k] > 1e-12)
  for (const k of active) sd[k] = Math.sqrt(sd[k])
  const m = active.length + (withIntercept ? 1 : 0)
  const w = new Array<number>(m).fill(0)
  const z = new Float64Array(m)
  for (let it = 0; it < iterations && m > 0; it++) {
    const grad = new Array<number>(m).fill(0)
    const hess = Array.from({ length: m }, () => new Array<number>(m).fill(0))
    for (let r = 0; r < n; r++) {
      active.forEach((k, c) => (z[c] = (features[r][k] - mean[k]) / sd[k]))
      if (withIntercept) z[m - 1] = 1
      let eta = offsets[r]
      for (let c = 0; c < m; c++) eta += w[c] * z[c]
      const p = 1 / (1 + Math.exp(-eta))
      const g = p - (labels[r] ? 1 : 0)
      const h = p * (1 - p)
      for (let c = 0; c < m; c++) {
        grad[c] += (g * z[c]) / n
        for (let d = 0; d <= c; d++) hess[c][d] += (h * z[c] * z[d]) / n
      }
    }
    for (let c = 0; c < m; c++) {
      for (let d = 0; d < c; d++) hess[d][c] = hess[c][d]
      if (c < active.length) {
        grad[c] += l2 * w[c]
        hess[c][c] += l2
      }
    }
    const step = solve(hess, grad)
    let size = 0
    for (let c = 0; c < m; c++) {
      w[c] -= step[c]
      size = Math.max(size, Math.abs(step[c]))
    }
    if (size < 1e-10) break
  }
  const weights = new Float64Array(FEATURE_COUNT)
  let intercept = withIntercept ? w[m - 1] : 0
  active.forEach((k, c) => {
    weights[k] = w[c] / sd[k]
    intercept -= (w[c] * mean[k]) / sd[k]
  })
  return { weights, intercept }
}

function toFit(intercept: number, weights: Float64Array): LinkModelFit {
  return {
    intercept,
    weights: Object.fromEntries(FEATURE_NAMES.map((name, k) => [name, weights[k]])) as Record<
      FeatureName,
      number
    >,
  }
}

/**
 * L2-regularised logistic regression of the labels on all features (standardised while
 * fitting); returns the weights in the features' own units. Features that never vary get 0.
 */
export function fitLinkModel(
  features: readonly Float64Array[],
  labels: readonly boolean[],
  l2 = 0.01,
  iterations = 50,
): LinkModelFit {
  const all = FEATURE_NAMES.map((_, k) => k)
  const fit = newtonFit(
    features,
    labels,
    all,
    new Float64Array(features.length),
    true,
    l2,
    iterations,
  )
  return toFit(fit.intercept, fit.weights)
}

/**
 * Fits only the weights of `free` features on top of `base`, whose prediction is kept as a
 * fixed offset: how data with more evidence (embeddings, types) calibrates that evidence without
 * re-deciding what the position and size terms were calibrated to. The raw columns are fitted
 * with no intercept, so pairs without that evidence (all free features 0) keep the base
 * probability exactly; an indicator such as embeddingPresent carries the level shift.
 */
export function fitLinkModelAdjustment(
  features: readonly Float64Array[],
  labels: readonly boolean[],
  base: LinkModelFit,
  free: readonly FeatureName[],
  l2 = 0.01,
  iterations = 50,
): LinkModelFit {
  const baseWeights = Float64Array.from(FEATURE_NAMES, (name) => base.weights[name])
  const freeIndex = free.map((name) => FEATURE_NAMES.indexOf(name))
  for (const k of freeIndex) baseWeights[k] = 0
  const offsets = Float64Array.from(features, (f) => {
    let eta = base.intercept
    for (let k = 0; k < FEATURE_COUNT; k++) eta += baseWeights[k] * f[k]
    return eta
  })
  const fit = newtonFit(features, labels, freeIndex, offsets, false, l2, iterations)
  for (const k of freeIndex) baseWeights[k] = fit.weights[k]
  return toFit(base.intercept + fit.intercept, baseWeights)
}
