/**
 * The evidence the link probability is computed from, for one pair of lesions in different
 * studies: aligned distance in units of the pair's tolerance, size change per study apart, how
 * far apart the studies are, whether each is the other's best candidate, embedding and type.
 */
import type { Vec3 } from '../geometry/frames'
import { logShortRatio, type LesionSet } from './lesion-set'
import type { MatcherModel } from './model'
import { pairTolerance } from './noise'
import type { PairEvidence } from './types'

export const FEATURE_NAMES = [
  'distanceXy',
  'distanceZ',
  'longAxisChange',
  'shortAxisChange',
  'logStudyGap',
  'mutualBest',
  'eitherBest',
  'rankMargin',
  'logCandidates',
  'embeddingDistance',
  'embeddingPresent',
  'typeAgreement',
] as const

export type FeatureName = (typeof FEATURE_NAMES)[number]

/** Rank margins are clipped here: beyond it, a candidate is simply clear (or clearly not). */
const MARGIN_CLIP = 10
/**
 * Study orders further apart than the bookmarked studies in between plus this many are not
 * read as study indices (e.g. an unknown study sorted last): the bookmarked gap is used instead.
 */
const MAX_STUDIES_WITHOUT_BOOKMARKS = 10

/**
 * How many studies apart two studies of the set are in the patient's order. Study orders are
 * study indices (1, 2, 3 …), so a study in between with no bookmark at all counts too: a lesion
 * seen again only after a study where nothing was bookmarked is less likely the same one than
 * a lesion seen at the next visit.
 */
function studiesApart(set: LesionSet, studyA: number, studyB: number): number {
  const bookmarked = Math.abs(studyA - studyB)
  const ordered = Math.abs(set.studies[studyA].studyOrder - set.studies[studyB].studyOrder)
  const readable =
    Number.isInteger(ordered) &&
    ordered >= bookmarked &&
    ordered <= bookmarked + MAX_STUDIES_WITHOUT_BOOKMARKS
  return readable ? ordered : bookmarked
}

export interface FeatureContext {
  set: LesionSet
  model: MatcherModel
  /** Patient-frame centre of each node, x y z interleaved (mm). */
  alignedMm: Float64Array
  /** Squared aligned distance of node pairs in units of their tolerance, at i * n + j. */
  normalisedXy2: Float64Array
  normalisedZ2: Float64Array
  /** Ranking score of node pairs at i * n + j (higher is more alike); -Infinity within a study. */
  rankScore: Float64Array
  /** Best and second-best ranking score of node i among study s's nodes, at i * studies + s. */
  topScore: Float64Array
  secondScore: Float64Array
  /** Cosine similarity of the embeddings of nodes i and j at i * n + j (NaN: not both present). */
  embeddingSimilarity: Float64Array
}

/**
 * Writes the cosine similarity of the embeddings of every node pair of different studies at
 * i * n + j of `similarity` (NaN where either has none, or their dimensions differ). Unit vectors are made once, packed in one
 * buffer, so that each pair costs one dot product and a patient one allocation.
 */
function embeddingSimilarities(set: LesionSet, similarity: Float64Array): void {
  const n = set.studyOfNode.length
  const slots = new Int32Array(2 * n)
  const dimensionOf = slots.subarray(0, n)
  const offsetOf = slots.subarray(n)
  let size = 0
  for (let i = 0; i < n; i++) {
    const e = set.nodeLesions[i][0].embedding
    dimensionOf[i] = e ? e.length : -1
    offsetOf[i] = size
    if (e) size += e.length
  }
  const unit = new Float64Array(size)
  for (let i = 0; i < n; i++) {
    const e = set.nodeLesions[i][0].embedding
    if (!e) continue
    let norm = 0
    for (let k = 0; k < e.length; k++) norm += e[k] * e[k]
    const scale = 1 / Math.sqrt(norm)
    for (let k = 0; k < e.length; k++) unit[offsetOf[i] + k] = e[k] * scale
  }
  similarity.fill(Number.NaN)
  for (let i = 0; i < n; i++) {
    const dimension = dimensionOf[i]
    if (dimension < 0) continue
    const a = offsetOf[i]
    for (let j = i + 1; j < n; j++) {
      if (dimensionOf[j] !== dimension || set.studyOfNode[i] === set.studyOfNode[j]) continue
      const b = offsetOf[j]
      let dot = 0
      for (let k = 0; k < dimension; k++) dot += unit[a + k] * unit[b + k]
      similarity[i * n + j] = dot
      similarity[j * n + i] = dot
    }
  }
}

/** Aligns every node with its study's translation and scores all pairs for ranking. */
export function createFeatureContext(
  set: LesionSet,
  translations: readonly Vec3[],
  model: MatcherModel,
): FeatureContext {
  const n = set.studyOfNode.length
  const studies = set.studies.length
  // One buffer for all of them: they live as long as the patient's match result, and a typed
  // array with a buffer of its own costs far more to make and to collect than a view.
  const values = new Float64Array(3 * n + 4 * n * n + 2 * n * studies)
  const alignedMm = values.subarray(0, 3 * n)
  const rankScore = values.subarray(3 * n, 3 * n + n * n).fill(-Infinity)
  const normalisedXy2 = values.subarray(3 * n + n * n, 3 * n + 2 * n * n)
  const normalisedZ2 = values.subarray(3 * n + 2 * n * n, 3 * n + 3 * n * n)
  const embeddingSimilarity = values.subarray(3 * n + 3 * n * n, 3 * n + 4 * n * n)
  const topScore = values.subarray(3 * n + 4 * n * n, 3 * n + 4 * n * n + n * studies)
  const secondScore = values.subarray(3 * n + 4 * n * n + n * studies)
  topScore.fill(-Infinity)
  secondScore.fill(-Infinity)
  for (let i = 0; i < n; i++) {
    const t = translations[set.studyOfNode[i]]
    for (let d = 0; d < 3; d++) alignedMm[3 * i + d] = set.positionMm[3 * i + d] + t[d]
  }
  const sigma = model.rankingSizeSigmaLog
  const { toleranceXyMm, toleranceZMm, logLongAxis } = set
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      if (set.studyOfNode[i] === set.studyOfNode[j]) continue
      const dx = alignedMm[3 * i] - alignedMm[3 * j]
      const dy = alignedMm[3 * i + 1] - alignedMm[3 * j + 1]
      const dz = alignedMm[3 * i + 2] - alignedMm[3 * j + 2]
      const sxy2 = 0.5 * (toleranceXyMm[i] * toleranceXyMm[i] + toleranceXyMm[j] * toleranceXyMm[j])
      const sz2 = 0.5 * (toleranceZMm[i] * toleranceZMm[i] + toleranceZMm[j] * toleranceZMm[j])
      const zxy2 = (dx * dx + dy * dy) / sxy2
      const zz2 = (dz * dz) / sz2
      const l = (logLongAxis[i] - logLongAxis[j]) / sigma
      const s = logShortRatio(set, i, j) / sigma
      const score = -0.5 * (zxy2 + zz2 + l * l + s * s)
      rankScore[i * n + j] = score
      rankScore[j * n + i] = score
      normalisedXy2[i * n + j] = zxy2
      normalisedXy2[j * n + i] = zxy2
      normalisedZ2[i * n + j] = zz2
      normalisedZ2[j * n + i] = zz2
    }
  }
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const v = rankScore[i * n + j]
      const slot = i * studies + set.studyOfNode[j]
      if (v > topScore[slot]) {
        secondScore[slot] = topScore[slot]
        topScore[slot] = v
      } else if (v > secondScore[slot]) secondScore[slot] = v
    }
  }
  embeddingSimilarities(set, embeddingSimilarity)
  return {
    set,
    model,
    alignedMm,
    normalisedXy2,
    normalisedZ2,
    rankScore,
    topScore,
    secondScore,
    embeddingSimilarity,
  }
}

/**
 * Where j stands among node i's candidates in study(j): ≥ 0 when it is the best (by how much it
 * beats the runner-up), < 0 when it is not (by how much it trails the best); clipped.
 */
function rankMargin(ctx: FeatureContext, i: number, j: number): number {
  const n = ctx.set.studyOfNode.length
  const score = ctx.rankScore[i * n + j]
  const slot = i * ctx.set.studies.length + ctx.set.studyOfNode[j]
  const top = ctx.topScore[slot]
  if (score < top) return Math.max(score - top, -MARGIN_CLIP)
  return Math.min(score - ctx.secondScore[slot], MARGIN_CLIP)
}

/** The measured evidence of a node pair, in the units a reader checks. */
export function pairEvidence(ctx: FeatureContext, i: number, j: number): PairEvidence {
  const { set, alignedMm } = ctx
  const a = set.nodeLesions[i][0]
  const b = set.nodeLesions[j][0]
  const similarity = ctx.embeddingSimilarity[i * set.studyOfNode.length + j]
  const dx = alignedMm[3 * i] - alignedMm[3 * j]
  const dy = alignedMm[3 * i + 1] - alignedMm[3 * j + 1]
  const evidence: PairEvidence = {
    distanceXyMm: Math.sqrt(dx * dx + dy * dy),
    distanceZMm: Math.abs(alignedMm[3 * i + 2] - alignedMm[3 * j + 2]),
    toleranceXyMm: pairTolerance(set.toleranceXyMm[i], set.toleranceXyMm[j]),
    toleranceZMm: pairTolerance(set.toleranceZMm[i], set.toleranceZMm[j]),
    studyGap: studiesApart(set, set.studyOfNode[i], set.studyOfNode[j]),
    longAxisRatio: Math.exp(
      set.studyOfNode[j] > set.studyOfNode[i]
        ? set.logLongAxis[j] - set.logLongAxis[i]
        : set.logLongAxis[i] - set.logLongAxis[j],
    ),
    mutualBest: rankMargin(ctx, i, j) >= 0 && rankMargin(ctx, j, i) >= 0,
  }
  if (!Number.isNaN(similarity)) evidence.embeddingSimilarity = similarity
  if (a.lesionType !== -1 && b.lesionType !== -1)
    evidence.typesAgree = a.lesionType === b.lesionType
  return evidence
}

/** Writes the features of node pair (i, j), in FEATURE_NAMES order, into `out`. */
export function pairFeatures(ctx: FeatureContext, i: number, j: number, out: Float64Array): void {
  const { set } = ctx
  const n = set.studyOfNode.length
  const gap = Math.abs(set.studyOfNode[i] - set.studyOfNode[j])
  const ri = rankMargin(ctx, i, j)
  const rj = rankMargin(ctx, j, i)
  const a = set.nodeLesions[i][0]
  const b = set.nodeLesions[j][0]
  const similarity = ctx.embeddingSimilarity[i * n + j]
  const hasEmbeddings = !Number.isNaN(similarity)
  const typesKnown = a.lesionType !== -1 && b.lesionType !== -1
  out[0] = Math.log1p(ctx.normalisedXy2[i * n + j])
  out[1] = Math.log1p(ctx.normalisedZ2[i * n + j])
  // Lesions grow or shrink over time: size change is judged per square root of the bookmarked
  // studies apart (each bookmarked study is one measurement step).
  out[2] = Math.abs(set.logLongAxis[i] - set.logLongAxis[j]) / Math.sqrt(gap)
  out[3] = Math.abs(logShortRatio(set, i, j)) / Math.sqrt(gap)
  out[4] = Math.log(studiesApart(set, set.studyOfNode[i], set.studyOfNode[j]))
  out[5] = ri >= 0 && rj >= 0 ? 1 : 0
  out[6] = ri >= 0 || rj >= 0 ? 1 : 0
  out[7] = ri + rj
  out[8] = Math.log(
    Math.max(
      set.nodesOfStudy[set.studyOfNode[i]].length,
      set.nodesOfStudy[set.studyOfNode[j]].length,
    ),
  )
  out[9] = hasEmbeddings ? 1 - similarity : 0
  out[10] = hasEmbeddings ? 1 : 0
  // +1 same type, -1 different types, 0 when either is unknown.
  out[11] = typesKnown ? (a.lesionType === b.lesionType ? 1 : -1) : 0
}
