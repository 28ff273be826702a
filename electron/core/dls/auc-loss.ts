/**
 * Where a DLS split's pair AUC is lost. Each 'different lesion' pair costs the share of 'same
 * lesion' pairs it outscores (ties one half), so the costs add up to exactly 1 − AUC; summed by
 * kind of pair they tell an alignment or scoring failure from a gap in the annotation.
 */
import type { FeatureContext } from '../match/features'
import { studyPairKey, type DlsProtocol } from './protocol'

/** Long axes within this factor of each other count as the same size. */
const SAME_SIZE_RATIO = 1.4

/**
 * - `annotated`: the two studies are joined by some annotated pair, so the annotators compared
 *   them and found these two lesions different.
 * - `unannotatedCoinciding`: no annotated pair joins the two studies (DLS links lesions only
 *   within runs of studies it compared) and the lesions coincide after alignment — the likely
 *   case of one lesion annotated as two groups.
 * - `unannotatedApart`: no annotated pair joins the studies and the lesions do not coincide.
 */
export type AucLossKind = 'annotated' | 'unannotatedCoinciding' | 'unannotatedApart'

export interface AucLoss {
  kind: AucLossKind
  /** Different-lesion pairs of this kind that outscore at least one same-lesion pair. */
  outscoringPairs: number
  /** Their share of 1 − AUC. */
  loss: number
}

const KINDS: readonly AucLossKind[] = ['annotated', 'unannotatedCoinciding', 'unannotatedApart']

/**
 * Whether nodes i and j lie within their position tolerance of each other after alignment,
 * in-plane and through-plane, with long axes within SAME_SIZE_RATIO.
 */
export function lesionsCoincide(features: FeatureContext, i: number, j: number): boolean {
  const n = features.set.studyOfNode.length
  const logLong = features.set.logLongAxis
  return (
    features.normalisedXy2[i * n + j] <= 1 &&
    features.normalisedZ2[i * n + j] <= 1 &&
    Math.abs(logLong[i] - logLong[j]) <= Math.log(SAME_SIZE_RATIO)
  )
}

/** Index of the first element of the sorted `values` that is not below `v`. */
function countBelow(values: Float64Array, v: number, inclusive: boolean): number {
  let lo = 0
  let hi = values.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (inclusive ? values[mid] <= v : values[mid] < v) lo = mid + 1
    else hi = mid
  }
  return lo
}

/**
 * 1 − AUC of `scores` (one per protocol.scoredPairs entry) split by kind of different-lesion pair;
 * `coincide(k)` says whether the lesions of scored pair k coincide after alignment.
 */
export function aucLossByKind(
  protocol: DlsProtocol,
  scores: readonly number[],
  coincide: (pairIndex: number) => boolean,
): AucLoss[] {
  const positives = Float64Array.from(
    protocol.scoredPairs.flatMap((p, k) => (p.same ? [scores[k]] : [])),
  ).sort()
  const negatives = protocol.scoredPairs.length - positives.length
  const losses = KINDS.map((kind): AucLoss => ({ kind, outscoringPairs: 0, loss: 0 }))
  if (positives.length === 0 || negatives === 0) return losses
  protocol.scoredPairs.forEach((pair, k) => {
    if (pair.same) return
    const below = countBelow(positives, scores[k], false)
    const tied = countBelow(positives, scores[k], true) - below
    if (below + tied === 0) return
    const annotated = protocol.annotatedStudyPairs.has(
      studyPairKey(pair.a.patientId, pair.a.studyIndex, pair.b.studyIndex),
    )
    const entry = losses[annotated ? 0 : coincide(k) ? 1 : 2]
    entry.outscoringPairs++
    entry.loss += (below + 0.5 * tied) / (positives.length * negatives)
  })
  return losses
}
