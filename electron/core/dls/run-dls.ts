/**
 * Runs the matcher on a DLS split: aligns and scores each patient, reads the tracks, and
 * produces both the result file ({lesions: [{key, track}], pairs: [{a, b, score}]}) and the
 * protocol's figures.
 */
import { analysePatient, type PatientAnalysis } from '../match/analyse-patient'
import { matchAnalysedPatient, trackOfLesion } from '../match/match-patient'
import type { MatcherModel } from '../match/model'
import { aucLossByKind, lesionsCoincide, type AucLoss } from './auc-loss'
import { matchLesionFromDls } from './dls-lesion'
import type { DlsSplit } from './dls-split'
import { LEFT_OUT_CODES } from '../match/validate'
import {
  pairCounts,
  reliability,
  rocAuc,
  topOne,
  type PairCounts,
  type Reliability,
  type TopOne,
} from './metrics'
import type { DlsProtocol } from './protocol'

export interface DlsResult {
  lesions: { key: string; track: string }[]
  pairs: { a: string; b: string; score: number }[]
}

export interface DlsMetrics {
  patients: number
  lesions: number
  groups: number
  scoredPairs: number
  sameGroupPairs: number
  sameStudyPairs: number
  auc: number
  /** 1 − auc split by kind of different-lesion pair that outscores same-lesion pairs. */
  aucLoss: AucLoss[]
  tracks: PairCounts
  top1: TopOne
  /** The pair score read as a probability of "same lesion". */
  calibration: Reliability
}

/** Pair scores and track ids of a split's lesions, however they were produced. */
export interface DlsPrediction {
  score: (keyA: string, keyB: string) => number
  trackOf: Map<string, string>
  /** Whether the two lesions coincide after alignment (see lesionsCoincide). */
  coincide: (keyA: string, keyB: string) => boolean
}

/** What predictDls accumulates over patients, by `keyA|keyB` of the lesions. */
export interface PredictionStore {
  scores: Map<string, number>
  trackOf: Map<string, string>
  coinciding: Set<string>
  /** Lesions the matcher could not use (e.g. a long axis of length 0), by key. */
  leftOut: Set<string>
}

/** A new, empty store. */
export function emptyPrediction(): PredictionStore {
  return { scores: new Map(), trackOf: new Map(), coinciding: new Set(), leftOut: new Set() }
}

/**
 * The keys of the lesions an analysis left out. The protocol still scores their pairs, so they
 * get the score of no evidence (0) and a track each: a result file must name every pair.
 */
export function leftOutLesions(analysis: PatientAnalysis): string[] {
  return analysis.issues.filter((i) => LEFT_OUT_CODES.has(i.code)).map((i) => i.subject)
}

/** Aligns and featurises every patient of the split (independent of the link weights). */
export function analyseDlsSplit(
  protocol: DlsProtocol,
  model: MatcherModel,
): Map<string, PatientAnalysis> {
  const analyses = new Map<string, PatientAnalysis>()
  for (const [patientId, lesions] of protocol.lesionsByPatient) {
    analyses.set(patientId, analysePatient(patientId, lesions.map(matchLesionFromDls), model))
  }
  return analyses
}

/** Scores and tracks the given patients with `model`, adding to `prediction` (new one if absent). */
export function predictDls(
  analyses: Iterable<PatientAnalysis>,
  model: MatcherModel,
  prediction: PredictionStore = emptyPrediction(),
): DlsPrediction & PredictionStore {
  for (const analysis of analyses) {
    const match = matchAnalysedPatient(analysis, model)
    const n = analysis.set.studyOfNode.length
    const nodes = analysis.set.nodeLesions
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        if (analysis.set.studyOfNode[i] === analysis.set.studyOfNode[j]) continue
        const coincide = lesionsCoincide(analysis.features, i, j)
        for (const a of nodes[i]) {
          for (const b of nodes[j]) {
            const key = `${a.lesionId}|${b.lesionId}`
            prediction.scores.set(key, match.nodeProbability[i * n + j])
            if (coincide) prediction.coinciding.add(key)
          }
        }
      }
    }
    for (const [key, track] of trackOfLesion(match)) prediction.trackOf.set(key, track)
    leftOutLesions(analysis).forEach((key, k) => {
      prediction.leftOut.add(key)
      prediction.trackOf.set(key, `${analysis.patientId}/left-out-${k + 1}`)
    })
  }
  const { scores, trackOf, coinciding, leftOut } = prediction
  return {
    scores,
    trackOf,
    coinciding,
    leftOut,
    coincide: (a, b) => coinciding.has(`${a}|${b}`),
    score: (a, b) => {
      const s = scores.get(`${a}|${b}`)
      if (s !== undefined) return s
      if (leftOut.has(a) || leftOut.has(b)) return 0
      throw new Error(`no score for the pair ${a} – ${b}`)
    },
  }
}

/** The protocol's figures for a prediction. */
export function dlsMetrics(protocol: DlsProtocol, prediction: DlsPrediction): DlsMetrics {
  const labels = protocol.scoredPairs.map((p) => p.same)
  const scores = protocol.scoredPairs.map((p) => prediction.score(p.a.key, p.b.key))
  const sameTrack = protocol.scoredPairs.map((p) => {
    const t = prediction.trackOf.get(p.a.key)
    return t !== undefined && t === prediction.trackOf.get(p.b.key)
  })
  let lesions = 0
  for (const list of protocol.lesionsByPatient.values()) lesions += list.length
  return {
    patients: protocol.lesionsByPatient.size,
    lesions,
    groups: protocol.groupCount,
    scoredPairs: labels.length,
    sameGroupPairs: labels.filter(Boolean).length,
    sameStudyPairs: protocol.sameStudyPairs,
    auc: rocAuc(scores, labels),
    aucLoss: aucLossByKind(protocol, scores, (k) =>
      prediction.coincide(protocol.scoredPairs[k].a.key, protocol.scoredPairs[k].b.key),
    ),
    tracks: pairCounts(sameTrack, labels),
    top1: topOne(protocol, prediction.score),
    calibration: reliability(scores, labels),
  }
}

/** The result file: every lesion with its track, every scored pair with its score. */
export function dlsResult(
  split: DlsSplit,
  protocol: DlsProtocol,
  prediction: DlsPrediction,
): DlsResult {
  return {
    lesions: split.lesions.map((l) => ({ key: l.key, track: prediction.trackOf.get(l.key) ?? '' })),
    pairs: protocol.scoredPairs.map((p) => ({
      a: p.a.key,
      b: p.b.key,
      score: Number(prediction.score(p.a.key, p.b.key).toFixed(6)),
    })),
  }
}
