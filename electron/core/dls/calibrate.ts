/**
 * Calibration of the link probability on a DLS split, and its honest check: weights fitted on
 * some patients and measured on others (patient-grouped cross-validation).
 */
import type { PatientAnalysis } from '../match/analyse-patient'
import { FEATURE_NAMES, pairFeatures } from '../match/features'
import { fitLinkModel } from '../match/link-probability'
import type { MatcherModel } from '../match/model'
import { Rng } from '../synth/prng'
import type { DlsProtocol } from './protocol'
import {
  dlsMetrics,
  emptyPrediction,
  predictDls,
  type DlsMetrics,
  type PredictionStore,
} from './run-dls'

interface TrainingRows {
  features: Float64Array[]
  labels: boolean[]
}

function trainingRows(protocol: DlsProtocol, analyses: readonly PatientAnalysis[]): TrainingRows {
  const rows: TrainingRows = { features: [], labels: [] }
  const patients = new Set(analyses.map((a) => a.patientId))
  const nodeOf = new Map<string, { analysis: PatientAnalysis; node: number }>()
  for (const analysis of analyses) {
    analysis.set.nodeLesions.forEach((lesions, node) =>
      lesions.forEach((l) => nodeOf.set(l.lesionId, { analysis, node })),
    )
  }
  for (const pair of protocol.scoredPairs) {
    if (!patients.has(pair.a.patientId)) continue
    const a = nodeOf.get(pair.a.key)
    const b = nodeOf.get(pair.b.key)
    if (!a || !b) continue
    const features = new Float64Array(FEATURE_NAMES.length)
    pairFeatures(a.analysis.features, a.node, b.node, features)
    rows.features.push(features)
    rows.labels.push(pair.same)
  }
  return rows
}

/**
 * Fits the link weights on the patients of `analyses`; returns `model` with them replaced.
 * Evidence the split never has (embeddings and lesion types: DLS has neither) keeps its weight
 * from `model`, so a refit on DLS does not undo the calibration made on synthetic truth.
 *
 * The track threshold is not fitted: it stays at the model's value (0.5, a link is kept when the
 * two lesions are more likely the same than not). Pooled over pairs, the F1 of a split is ruled
 * by its patient with the most studies (one patient of valid.json holds a quarter of all scored
 * pairs), so a fitted threshold follows that patient rather than the rest.
 */
export function fitMatcher(
  protocol: DlsProtocol,
  analyses: readonly PatientAnalysis[],
  model: MatcherModel,
): MatcherModel {
  const rows = trainingRows(protocol, analyses)
  const fit = fitLinkModel(rows.features, rows.labels)
  const weights = { ...fit.weights }
  FEATURE_NAMES.forEach((name, k) => {
    if (rows.features.every((f) => f[k] === 0)) weights[name] = model.probability.weights[name]
  })
  return { ...model, probability: { intercept: fit.intercept, weights } }
}

/** Patient ids split into `folds` groups of near-equal size, shuffled with `seed`. */
export function patientFolds(
  patientIds: readonly string[],
  folds: number,
  seed: number,
): string[][] {
  const rng = new Rng(seed, 'dls folds')
  const ids = [...patientIds].sort()
  for (let i = ids.length - 1; i > 0; i--) {
    const j = rng.nextUint32() % (i + 1)
    ;[ids[i], ids[j]] = [ids[j], ids[i]]
  }
  return Array.from({ length: folds }, (_, f) => ids.filter((_, k) => k % folds === f))
}

export interface CrossValidation {
  folds: number
  seed: number
  /** Figures of the pooled out-of-fold predictions. */
  metrics: DlsMetrics
}

/**
 * Patient-grouped K-fold cross-validation: for each fold, the weights are fitted on the other
 * folds' patients only, and that fold's patients are scored and tracked with them.
 */
export function crossValidate(
  protocol: DlsProtocol,
  analyses: ReadonlyMap<string, PatientAnalysis>,
  model: MatcherModel,
  folds: number,
  seed: number,
): CrossValidation {
  const prediction: PredictionStore = emptyPrediction()
  let pooled = predictDls([], model, prediction)
  for (const testIds of patientFolds([...analyses.keys()], folds, seed)) {
    const test = new Set(testIds)
    const train = [...analyses.values()].filter((a) => !test.has(a.patientId))
    const fitted = fitMatcher(protocol, train, model)
    pooled = predictDls(
      testIds.map((id) => analyses.get(id) as PatientAnalysis),
      fitted,
      prediction,
    )
  }
  return { folds, seed, metrics: dlsMetrics(protocol, pooled) }
}
