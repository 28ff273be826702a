/**
 * The protocol's figures: ROC AUC of the pair score, precision / recall / F1 of "same track"
 * over the scored pairs, and top-1 (is a lesion's best-scored match in another study correct);
 * and how far the score can be read as a probability (reliability).
 */
import type { DlsProtocol } from './protocol'

/** Area under the ROC curve (Mann–Whitney; tied scores count one half). */
export function rocAuc(scores: readonly number[], labels: readonly boolean[]): number {
  const order = scores.map((_, k) => k).sort((x, y) => scores[x] - scores[y])
  const rank = new Float64Array(scores.length)
  for (let i = 0; i < order.length;) {
    let j = i
    while (j + 1 < order.length && scores[order[j + 1]] === scores[order[i]]) j++
    for (let k = i; k <= j; k++) rank[order[k]] = (i + j) / 2 + 1
    i = j + 1
  }
  let positives = 0
  let rankSum = 0
  labels.forEach((label, k) => {
    if (label) {
      positives++
      rankSum += rank[k]
    }
  })
  const negatives = labels.length - positives
  if (positives === 0 || negatives === 0) return Number.NaN
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives)
}

export interface PairCounts {
  precision: number
  recall: number
  f1: number
  truePositives: number
  falsePositives: number
  falseNegatives: number
}

/** Precision, recall and F1 of predicted "same" against the labels. */
export function pairCounts(predicted: readonly boolean[], labels: readonly boolean[]): PairCounts {
  let tp = 0
  let fp = 0
  let fn = 0
  predicted.forEach((p, k) => {
    if (p && labels[k]) tp++
    else if (p) fp++
    else if (labels[k]) fn++
  })
  const precision = tp + fp > 0 ? tp / (tp + fp) : 0
  const recall = tp + fn > 0 ? tp / (tp + fn) : 0
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0
  return { precision, recall, f1, truePositives: tp, falsePositives: fp, falseNegatives: fn }
}

/** Scored pairs whose score fell in [from, to), and how often they were the same lesion. */
export interface ReliabilityBin {
  from: number
  to: number
  pairs: number
  meanScore: number
  sameShare: number
}

export interface Reliability {
  /** Mean squared difference between score and label (0 same-lesion pairs scored 1, others 0). */
  brier: number
  /** Expected calibration error: |mean score − share same| over the bins, weighted by pairs. */
  ece: number
  /** The non-empty bins, lowest scores first. */
  bins: ReliabilityBin[]
}

/**
 * Whether a pair score of p means "the same lesion p of the time": the link probability is shown
 * to readers and exported as a probability, so it is checked as one (equal-width bins of score).
 */
export function reliability(
  scores: readonly number[],
  labels: readonly boolean[],
  binCount = 10,
): Reliability {
  const sums = Array.from({ length: binCount }, () => ({ pairs: 0, score: 0, same: 0 }))
  let squared = 0
  scores.forEach((score, k) => {
    const label = labels[k] ? 1 : 0
    squared += (score - label) ** 2
    const bin = sums[Math.min(binCount - 1, Math.max(0, Math.floor(score * binCount)))]
    bin.pairs++
    bin.score += score
    bin.same += label
  })
  const bins: ReliabilityBin[] = []
  let gap = 0
  sums.forEach((sum, b) => {
    if (sum.pairs === 0) return
    const bin = {
      from: b / binCount,
      to: (b + 1) / binCount,
      pairs: sum.pairs,
      meanScore: sum.score / sum.pairs,
      sameShare: sum.same / sum.pairs,
    }
    gap += sum.pairs * Math.abs(bin.meanScore - bin.sameShare)
    bins.push(bin)
  })
  const n = scores.length
  return {
    brier: n > 0 ? squared / n : Number.NaN,
    ece: n > 0 ? gap / n : Number.NaN,
    bins,
  }
}

export interface TopOne {
  /** Fraction of counted lesions whose best-scored candidate is in their group. */
  value: number
  /** Lesions with at least one true match in another study: the ones counted. */
  counted: number
  /** Lesions whose only annotated matches are in their own study: not counted. */
  withoutMatchElsewhere: number
}

/**
 * Top-1 over every lesion that has a true match in another study: among all lesions of the same
 * patient in other studies, the highest-scored one must be in the lesion's group. When several
 * candidates share the top score, the lesion counts as the fraction of them that are correct.
 */
export function topOne(
  protocol: DlsProtocol,
  score: (keyA: string, keyB: string) => number,
): TopOne {
  let correct = 0
  let counted = 0
  let withoutMatchElsewhere = 0
  for (const lesions of protocol.lesionsByPatient.values()) {
    for (const lesion of lesions) {
      const group = protocol.groupOf.get(lesion.key)
      const candidates = lesions.filter((c) => c.studyIndex !== lesion.studyIndex)
      if (!candidates.some((c) => protocol.groupOf.get(c.key) === group)) {
        withoutMatchElsewhere++
        continue
      }
      const scores = candidates.map((c) => score(lesion.key, c.key))
      const top = Math.max(...scores)
      const best = candidates.filter((_, k) => scores[k] === top)
      correct += best.filter((c) => protocol.groupOf.get(c.key) === group).length / best.length
      counted++
    }
  }
  return { value: counted > 0 ? correct / counted : Number.NaN, counted, withoutMatchElsewhere }
}
