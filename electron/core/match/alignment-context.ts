/**
 * What every alignment step shares for one patient: the candidate lesion pairs of every two
 * studies, and the support of a relative shift between two studies (how many lesions it lines
 * up one-to-one, and how well).
 */
import type { Vec3 } from '../geometry/frames'
import { addCandidate, createMatchScratch, greedyMatch, type MatchScratch } from './greedy-matching'
import type { LesionSet } from './lesion-set'
import type { MatcherModel } from './model'
import {
  AGREEMENT_FLOOR,
  buildStudyPairTables,
  lowerBound,
  type StudyPairTable,
} from './study-pairs'
import { createSupportMemo, recallShift, rememberShift, type SupportMemo } from './support-memo'

export interface AlignmentContext {
  set: LesionSet
  model: MatcherModel
  studyCount: number
  /** Candidate pairs of studies a < b at a * studyCount + b. */
  tables: StudyPairTable[]
  scratch: MatchScratch
  /** The noise model's outlier share and squared outlier scale (see positionAgreement). */
  share: number
  wide: number
  /** Supports already measured, by study pair (index a * studyCount + b, a < b). */
  memo: SupportMemo
  /** Scratch: a slot per node, for steps that index the lesions of two studies. */
  slotOfNode: Int32Array
  /** Scratch: the shift being measured, oriented as its study pair's table (see setQuery). */
  queryMm: Float64Array
}

export function createAlignmentContext(set: LesionSet, model: MatcherModel): AlignmentContext {
  const tables = buildStudyPairTables(set, model)
  const capacity = Math.max(1, ...tables.filter(Boolean).map((t) => t.count))
  return {
    set,
    model,
    studyCount: set.studies.length,
    tables,
    scratch: createMatchScratch(set.studyOfNode.length, capacity),
    share: model.noise.outlierShare,
    wide: model.noise.outlierScale * model.noise.outlierScale,
    memo: createSupportMemo(set.studies.length * set.studies.length),
    slotOfNode: new Int32Array(set.studyOfNode.length),
    queryMm: new Float64Array(3),
  }
}

/** The table of studies a, b in either order, and the sign that orients shifts to it. */
export function tableOf(
  ctx: AlignmentContext,
  a: number,
  b: number,
): { table: StudyPairTable; sign: number } {
  return a < b
    ? { table: ctx.tables[a * ctx.studyCount + b], sign: 1 }
    : { table: ctx.tables[b * ctx.studyCount + a], sign: -1 }
}

/** The most support any shift can give studies a and b (see StudyPairTable.maxSupport). */
export function maxSupport(ctx: AlignmentContext, a: number, b: number): number {
  return ctx.tables[a < b ? a * ctx.studyCount + b : b * ctx.studyCount + a].maxSupport
}

/**
 * Fills the scratch with the pairs of study pair `pair` (index a * studyCount + b, a < b) that
 * agree under the shift in `ctx.queryMm` (expected positions of b minus positions of a) and
 * matches them one-to-one; remembers the total agreement and the matched displacement and
 * returns the memo slot.
 */
function matchUnderShift(ctx: AlignmentContext, pair: number): number {
  const table = ctx.tables[pair]
  const sx = ctx.queryMm[0]
  const sy = ctx.queryMm[1]
  const sz = ctx.queryMm[2]
  const { share, wide } = ctx
  const reach = table.reachXMm
  const maxResidual2 = table.maxResidual2
  const scratch = ctx.scratch
  for (let k = lowerBound(table.dx, table.count, sx - reach); k < table.count; k++) {
    const ex = table.dx[k] - sx
    if (ex > reach) break
    const ey = table.dy[k] - sy
    const ez = table.dz[k] - sz
    const q = (ex * ex + ey * ey) * table.invXy2[k] + ez * ez * table.invZ2[k]
    // Below the agreement floor whatever the exponentials say: skip them.
    if (q > maxResidual2[k]) continue
    // positionAgreement (noise.ts), inlined: this is the innermost loop of the alignment.
    const w =
      table.sizeWeight[k] * ((1 - share) * Math.exp(-0.5 * q) + share * Math.exp((-0.5 * q) / wide))
    if (w > AGREEMENT_FLOOR) addCandidate(scratch, table.a[k], table.b[k], w)
  }
  const slot = rememberShift(ctx.memo, pair, ctx.queryMm)
  ctx.memo.supports[slot] = greedyMatch(scratch)
  const { rows, cols, weights, chosen, chosenCount } = scratch
  const p = ctx.set.positionMm
  const sum = ctx.memo.displacements
  sum[3 * slot] = sum[3 * slot + 1] = sum[3 * slot + 2] = 0
  for (let k = 0; k < chosenCount; k++) {
    const c = chosen[k]
    for (let d = 0; d < 3; d++)
      sum[3 * slot + d] += weights[c] * (p[3 * cols[c] + d] - p[3 * rows[c] + d])
  }
  return slot
}

/**
 * Puts the shift (x, y, z) mm of studies a, b in `ctx.queryMm`, oriented as their table, and
 * returns the table's index. The shift travels on in that buffer, not as arguments: numbers
 * passed to a call that is not inlined are boxed, and the alignment makes a great many calls.
 */
function setQuery(ctx: AlignmentContext, a: number, b: number, x: number, y: number, z: number) {
  const sign = a < b ? 1 : -1
  ctx.queryMm[0] = sign * x
  ctx.queryMm[1] = sign * y
  ctx.queryMm[2] = sign * z
  return a < b ? a * ctx.studyCount + b : b * ctx.studyCount + a
}

/** The memo slot of the shift (x, y, z) mm of studies a, b, measuring it if not yet known. */
function measuredSlot(
  ctx: AlignmentContext,
  a: number,
  b: number,
  x: number,
  y: number,
  z: number,
): number {
  const pair = setQuery(ctx, a, b, x, y, z)
  const slot = recallShift(ctx.memo, pair, ctx.queryMm)
  return slot >= 0 ? slot : matchUnderShift(ctx, pair)
}

/** Total one-to-one agreement of studies a and b when b's positions are expected at a's + shift. */
export function shiftSupport(ctx: AlignmentContext, a: number, b: number, shiftMm: Vec3): number {
  return shiftSupportXyz(ctx, a, b, shiftMm[0], shiftMm[1], shiftMm[2])
}

/** shiftSupport with the shift (x, y, z) mm given as numbers: the alignment's inner loops. */
export function shiftSupportXyz(
  ctx: AlignmentContext,
  a: number,
  b: number,
  x: number,
  y: number,
  z: number,
): number {
  return ctx.memo.supports[measuredSlot(ctx, a, b, x, y, z)]
}

/**
 * Matches studies a, b under `shiftMm`, writes into `fittedMm` the shift that best fits the
 * matched pairs (their agreement-weighted mean displacement, b minus a) and returns their total
 * agreement; `fittedMm` is left as it was when nothing matched (a support of 0).
 */
export function refitShift(
  ctx: AlignmentContext,
  a: number,
  b: number,
  shiftMm: Vec3,
  fittedMm: Vec3,
): number {
  const slot = measuredSlot(ctx, a, b, shiftMm[0], shiftMm[1], shiftMm[2])
  const support = ctx.memo.supports[slot]
  if (support <= 0) return support
  // The memo holds the table's orientation (later minus earlier index): flip it for b < a.
  const sign = a < b ? 1 : -1
  const sum = ctx.memo.displacements
  for (let d = 0; d < 3; d++) fittedMm[d] = (sign * sum[3 * slot + d]) / support
  return support
}

/**
 * Marks (in `marked`, by node) the lesions of studies a and b that are matched to each other
 * with an agreement of at least `minWeight` under `shiftMm`.
 */
export function markMatchedNodes(
  ctx: AlignmentContext,
  a: number,
  b: number,
  shiftMm: Vec3,
  minWeight: number,
  marked: Uint8Array,
): void {
  matchUnderShift(ctx, setQuery(ctx, a, b, shiftMm[0], shiftMm[1], shiftMm[2]))
  const { rows, cols, weights, chosen, chosenCount } = ctx.scratch
  for (let k = 0; k < chosenCount; k++) {
    const c = chosen[k]
    if (weights[c] >= minWeight) marked[rows[c]] = marked[cols[c]] = 1
  }
}
