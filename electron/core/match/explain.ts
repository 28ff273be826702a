/**
 * Plain-language reasons for every link and track, from the measured evidence only, so a reader
 * can check each number against the images ("11 mm apart after alignment, long axis 18 → 24 mm").
 */
import type { PairEvidence } from './types'

function mm(value: number): string {
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} mm`
}

/** One line explaining a link from lesion A (earlier study) to lesion B (later study). */
export function explainLink(
  evidence: PairEvidence,
  longAxisEarlierMm: number,
  longAxisLaterMm: number,
  probability: number,
): string {
  const parts = [
    `${mm(Math.hypot(evidence.distanceXyMm, evidence.distanceZMm))} apart after alignment (in-plane ${mm(evidence.distanceXyMm)} of ${mm(evidence.toleranceXyMm)} tolerance, through-plane ${mm(evidence.distanceZMm)} of ${mm(evidence.toleranceZMm)})`,
    `long axis ${mm(longAxisEarlierMm)} → ${mm(longAxisLaterMm)}`,
    evidence.studyGap === 1 ? 'consecutive studies' : `${evidence.studyGap} studies apart`,
  ]
  if (evidence.embeddingSimilarity !== undefined) {
    parts.push(`embedding similarity ${evidence.embeddingSimilarity.toFixed(2)}`)
  }
  if (evidence.typesAgree !== undefined)
    parts.push(evidence.typesAgree ? 'same type' : 'different types')
  parts.push(
    evidence.mutualBest ? 'each the other’s best candidate' : 'not each the other’s best candidate',
  )
  return `${parts.join(', ')}; probability ${probability.toFixed(2)}`
}

export interface TrackStep {
  studyOrder: number
  longAxisMm: number
}

/**
 * Explains a track from its lesions in study order, the study orders it skips, and its weakest
 * kept link (undefined for a single lesion, with the best rejected candidate if any).
 */
export function explainTrack(
  steps: readonly TrackStep[],
  skippedStudyOrders: readonly number[],
  weakestLinkProbability: number | undefined,
  bestCandidate?: { lesionId: string; probability: number; reason: string },
): string {
  if (steps.length === 1) {
    const alone = `found in study ${steps[0].studyOrder} only, long axis ${mm(steps[0].longAxisMm)}`
    if (!bestCandidate) return `${alone}; no candidate in another study`
    return `${alone}; best candidate ${bestCandidate.lesionId} (probability ${bestCandidate.probability.toFixed(2)}) was not linked: ${bestCandidate.reason}`
  }
  const parts = [
    `${steps.length} lesions in studies ${steps.map((s) => s.studyOrder).join(', ')}`,
    `long axis ${steps.map((s) => mm(s.longAxisMm)).join(' → ')}`,
  ]
  if (skippedStudyOrders.length > 0) {
    parts.push(`not bookmarked in study ${skippedStudyOrders.join(', ')} (linked across the gap)`)
  }
  if (weakestLinkProbability !== undefined) {
    parts.push(`weakest link probability ${weakestLinkProbability.toFixed(2)}`)
  }
  return parts.join('; ')
}
