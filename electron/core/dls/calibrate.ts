/**
 * Calibration of the link probability on a DLS split, and its honest check: weights and track
 * threshold fitted on some patients and measured on others (patient-grouped cross-validation).
 */
import type { PatientAnalysis } from '../match/analyse-patient'
import { FEATURE_NAMES } from '../match/features'
import { pairFeatures } from '../match/features'
import { fitLinkModel } from '../match/link-probability'
import type { MatcherModel } from '../match/model'
import { Rng } from '../synth/prng'
import { pairCounts } from './metrics'
import type { DlsProtocol } from './protocol'
import { dlsMetrics, predictDls, type DlsMetrics } from './run-dls'

/** Thresholds tried when choosing the track threshold. */
const THRESHOLDS = Array.from({ length: 17 }, (_, k) => 0.1 + 0.05 * k)

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

function trackF1(
  protocol: DlsProtocol,
  analyses: readonly PatientAnalysis[],
  model: MatcherModel,
): number {
  const prediction = predictDls(analyses, model)
  const patients = new Set(analyses.map((a) => a.patientId))
  const pairs = protocol.scoredPairs.filter((p) => patients.has(p.a.patientId))
  const predicted = pairs.map(
    (p) => prediction.trackOf.get(p.a.key) === prediction.trackOf.get(p.b.key),
  )
  return pairCounts(
    predicted,
    pairs.map((p) => p.same),
  ).f1
}

/**
 * Fits the link weights on the patients of `analyses`, then the track threshold that gives
 * them the best F1; returns `model` with both replaced.
 */
export function fitMatcher(
  protocol: DlsProtocol,
  analyses: readonly PatientAnalysis[],
  model: MatcherModel,
): MatcherModel {
  const rows = trainingRows(protocol, analyses)
  const fit = fitLinkModel(rows.features, rows.labels)
  let best = { f1: -1, threshold: model.tracks.linkThreshold }
  for (const threshold of THRESHOLDS) {
    const candidate: MatcherModel = {
      ...model,
      probability: fit,
      tracks: { ...model.tracks, linkThreshold: threshold },
    }
    const f1 = trackF1(protocol, analyses, candidate)
    if (f1 > best.f1 + 1e-12) best = { f1, threshold }
  }
  return {
    ...model,
    probability: fit,
    tracks: { ...model.tracks, linkThreshold: Number(best.threshold.toFixed(2)) },
  }
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
  /** Track threshold chosen in each fold. */
  thresholds: number[]
}

/**
 * Patient-grouped K-fold cross-validation: for each fold, weights and threshold are fitted on
 * the other folds' patients only, and that fold's patients are scored and tracked with them.
 */
export function crossValidate(
  protocol: DlsProtocol,
  analyses: ReadonlyMap<string, PatientAnalysis>,
  model: MatcherModel,
  folds: number,
  seed: number,
): CrossValidation {
  const prediction = { scores: new Map<string, number>(), trackOf: new Map<string, string>() }
  const thresholds: number[] = []
  let pooled = predictDls([], model, prediction)
  for (const testIds of patientFolds([...analyses.keys()], folds, seed)) {
    const test = new Set(testIds)
    const train = [...analyses.values()].filter((a) => !test.has(a.patientId))
    const fitted = fitMatcher(protocol, train, model)
    thresholds.push(fitted.tracks.linkThreshold)
    pooled = predictDls(
      testIds.map((id) => analyses.get(id) as PatientAnalysis),
      fitted,
      prediction,
    )
  }
  return { folds, seed, metrics: dlsMetrics(protocol, pooled), thresholds }
}
