/**
 * How good lesion embeddings are, scored by embedding distance alone: same-lesion pair AUC within
 * each patient, and top-k retrieval errors across patients as Yan et al. report them (type,
 * location, size). Pure functions over plain records; the model card states the definitions.
 */
import type { Vec3 } from '../geometry/frames'
import type { LesionType } from '../model/types'
import { groupBy } from '../model/group-by'

/** One embedded lesion with what the evaluation knows about it. */
export interface EvalLesion {
  /** Unique per patient across every evaluated folder. */
  patientKey: string
  /** Unique per study across every evaluated folder. */
  studyKey: string
  /** True identity across studies; lesions without one take part in retrieval only. */
  lesionId?: string
  lesionType: LesionType
  longAxisMm: number
  /** Normalized body position (DL_info's Normalized_lesion_location), when known. */
  normalizedLocation?: Vec3
  embedding: Float32Array
}

export function embeddingDistance(a: Float32Array, b: Float32Array): number {
  let sum = 0
  for (let d = 0; d < a.length; d++) {
    const diff = a[d] - b[d]
    sum += diff * diff
  }
  return Math.sqrt(sum)
}

/**
 * ROC AUC of a score where higher means "positive": the probability that a random positive
 * outscores a random negative, ties counting half (Mann–Whitney U from ranks).
 */
export function rocAuc(positives: number[], negatives: number[]): number {
  if (positives.length === 0 || negatives.length === 0) return Number.NaN
  const all = [
    ...positives.map((score) => ({ score, positive: true })),
    ...negatives.map((score) => ({ score, positive: false })),
  ].sort((a, b) => a.score - b.score)
  let rankSum = 0
  for (let start = 0; start < all.length;) {
    let end = start
    while (end + 1 < all.length && all[end + 1].score === all[start].score) end++
    const meanRank = (start + end + 2) / 2
    for (let n = start; n <= end; n++) if (all[n].positive) rankSum += meanRank
    start = end + 1
  }
  const p = positives.length
  return (rankSum - (p * (p + 1)) / 2) / (p * negatives.length)
}

export interface SameLesionFigures {
  /** AUC of −distance: same lesion (positive) vs another lesion of the same patient. */
  auc: number
  positivePairs: number
  negativePairs: number
  /**
   * Of the lesions that have their own lesion in another study, the fraction whose nearest
   * lesion in some other study of the same patient is that lesion.
   */
  nearestIsSameLesion: number
}

/**
 * Scores every pair of one patient's lesions in different studies (both with an identity) by
 * embedding distance: positives are the same lesion, negatives any other lesion of that patient.
 */
export function sameLesionFigures(lesions: EvalLesion[]): SameLesionFigures {
  const positives: number[] = []
  const negatives: number[] = []
  let withMatch = 0
  let nearestRight = 0
  for (const patient of groupBy(
    lesions.filter((l) => l.lesionId !== undefined),
    (l) => l.patientKey,
  ).values()) {
    for (let a = 0; a < patient.length; a++) {
      let nearest: { distance: number; same: boolean } | undefined
      let hasMatch = false
      for (let b = 0; b < patient.length; b++) {
        if (a === b || patient[a].studyKey === patient[b].studyKey) continue
        const distance = embeddingDistance(patient[a].embedding, patient[b].embedding)
        const same = patient[a].lesionId === patient[b].lesionId
        hasMatch ||= same
        if (!nearest || distance < nearest.distance) nearest = { distance, same }
        if (b > a) (same ? positives : negatives).push(-distance)
      }
      if (hasMatch) {
        withMatch++
        if (nearest?.same) nearestRight++
      }
    }
  }
  return {
    auc: rocAuc(positives, negatives),
    positivePairs: positives.length,
    negativePairs: negatives.length,
    nearestIsSameLesion: withMatch > 0 ? nearestRight / withMatch : Number.NaN,
  }
}

export interface RetrievalFigures {
  k: number
  queries: number
  /** % of retrieved lesions whose coarse type differs from the query's. */
  typeErrorPercent: number
  /**
   * 100 × mean Euclidean distance between the normalized body positions (x, y, z in [0, 1]) of
   * query and retrieved lesion; over the pairs where both positions are known.
   */
  locationErrorPercent: number
  /** 100 × mean |a − b| / max(a, b) of the RECIST long axes of query and retrieved lesion. */
  sizeErrorPercent: number
}

/**
 * For every lesion with a known type, retrieves the k nearest lesions (embedding distance) among
 * the lesions of the other patients, and averages the errors of what it retrieved.
 */
export function retrievalFigures(lesions: EvalLesion[], k = 5): RetrievalFigures {
  const typed = lesions.filter((l) => l.lesionType > 0)
  let typeWrong = 0
  let retrieved = 0
  let locationSum = 0
  let locationCount = 0
  let sizeSum = 0
  const scratch = new Float64Array(typed.length)
  for (const query of typed) {
    typed.forEach((other, n) => {
      scratch[n] =
        other.patientKey === query.patientKey
          ? Number.POSITIVE_INFINITY
          : embeddingDistance(query.embedding, other.embedding)
    })
    const nearest = [...scratch.keys()]
      .filter((n) => Number.isFinite(scratch[n]))
      .sort((a, b) => scratch[a] - scratch[b])
      .slice(0, k)
    for (const n of nearest) {
      const other = typed[n]
      retrieved++
      if (other.lesionType !== query.lesionType) typeWrong++
      sizeSum +=
        Math.abs(query.longAxisMm - other.longAxisMm) / Math.max(query.longAxisMm, other.longAxisMm)
      if (query.normalizedLocation && other.normalizedLocation) {
        const [a, b] = [query.normalizedLocation, other.normalizedLocation]
        locationSum += Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2])
        locationCount++
      }
    }
  }
  return {
    k,
    queries: typed.length,
    typeErrorPercent: retrieved > 0 ? (100 * typeWrong) / retrieved : Number.NaN,
    locationErrorPercent: locationCount > 0 ? (100 * locationSum) / locationCount : Number.NaN,
    sizeErrorPercent: retrieved > 0 ? (100 * sizeSum) / retrieved : Number.NaN,
  }
}
