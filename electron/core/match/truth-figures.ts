/**
 * How well tracks agree with a known truth (synthetic data): "same track" against "same lesion"
 * over every two bookmarks of a patient in different studies, the ROC AUC and the reliability of
 * the link probability, and the share of true lesions whose track is exactly right.
 */
import { pairCounts, reliability, rocAuc, type PairCounts, type Reliability } from '../dls/metrics'
import type { PatientMatchDetail } from './match-patient'
import { trackOfLesion } from './match-patient'
import type { MatchLesion } from './types'

export interface MatchingFigures {
  patients: number
  bookmarks: number
  /** Bookmarks of one patient in different studies, counted as pairs. */
  pairs: PairCounts & { count: number; sameLesion: number; probabilityAuc: number }
  /** The link probability of those pairs read as a probability of "same lesion". */
  calibration: Reliability
  tracks: {
    /** True lesions with at least one bookmark. */
    trueLesions: number
    predicted: number
    /** True lesions whose bookmarks form exactly one predicted track, and nothing else. */
    exact: number
    exactFraction: number
  }
}

/** Scores `matches` against `truthOf` (bookmark id → true lesion id). */
export function matchingFigures(
  matches: readonly PatientMatchDetail[],
  lesions: readonly MatchLesion[],
  truthOf: ReadonlyMap<string, string>,
): MatchingFigures {
  const predicted: boolean[] = []
  const labels: boolean[] = []
  const probabilities: number[] = []
  let exact = 0
  let trueLesions = 0
  const byPatient = new Map<string, MatchLesion[]>()
  for (const l of lesions) byPatient.set(l.patientId, [...(byPatient.get(l.patientId) ?? []), l])
  for (const match of matches) {
    const own = byPatient.get(match.patientId) ?? []
    const trackOf = trackOfLesion(match)
    const { set } = match.analysis
    const n = set.studyOfNode.length
    const nodeOf = new Map<string, number>()
    set.nodeLesions.forEach((group, node) => group.forEach((l) => nodeOf.set(l.lesionId, node)))
    for (let i = 0; i < own.length; i++) {
      for (let j = i + 1; j < own.length; j++) {
        const [a, b] = [own[i], own[j]]
        if (a.studyId === b.studyId) continue
        const ni = nodeOf.get(a.lesionId)
        const nj = nodeOf.get(b.lesionId)
        if (ni === undefined || nj === undefined) continue
        labels.push(truthOf.get(a.lesionId) === truthOf.get(b.lesionId))
        predicted.push(trackOf.get(a.lesionId) === trackOf.get(b.lesionId))
        probabilities.push(match.nodeProbability[ni * n + nj])
      }
    }
    const truthSets = new Map<string, string[]>()
    for (const l of own) {
      const key = truthOf.get(l.lesionId) ?? `untracked:${l.lesionId}`
      truthSets.set(key, [...(truthSets.get(key) ?? []), l.lesionId])
    }
    const trackSets = new Set(match.tracks.map((t) => [...t.lesionIds].sort().join('|')))
    for (const ids of truthSets.values()) {
      trueLesions++
      if (trackSets.has([...ids].sort().join('|'))) exact++
    }
  }
  return {
    patients: matches.length,
    bookmarks: lesions.length,
    pairs: {
      count: labels.length,
      sameLesion: labels.filter(Boolean).length,
      probabilityAuc: rocAuc(probabilities, labels),
      ...pairCounts(predicted, labels),
    },
    calibration: reliability(probabilities, labels),
    tracks: {
      trueLesions,
      predicted: matches.reduce((sum, m) => sum + m.tracks.length, 0),
      exact,
      exactFraction: trueLesions > 0 ? exact / trueLesions : Number.NaN,
    },
  }
}
