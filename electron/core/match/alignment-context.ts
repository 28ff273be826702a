/**
 * What every alignment step shares for one patient: the size agreement of every lesion pair and
 * the support of a relative shift between two studies (how many lesions it lines up, and how well).
 */
import type { Vec3 } from '../geometry/frames'
import { createPairList, greedyMatch, pushPair, type PairList } from './greedy-matching'
import type { LesionSet } from './lesion-set'
import type { MatcherModel } from './model'
import { pairTolerance, sizeAgreement } from './noise'

/** Kernel values below this are treated as no agreement at all. */
const KERNEL_FLOOR = 1e-4

export interface AlignmentContext {
  set: LesionSet
  model: MatcherModel
  /** Size agreement of nodes i and j at i * n + j; 0 within a study. */
  sizeWeight: Float64Array
  scratch: PairList
}

export function createAlignmentContext(set: LesionSet, model: MatcherModel): AlignmentContext {
  const n = set.studyOfNode.length
  const sizeWeight = new Float64Array(n * n)
  const sigma = model.alignment.sizeSigmaLog
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      if (set.studyOfNode[i] === set.studyOfNode[j]) continue
      const w = sizeAgreement(
        set.logLongAxis[i],
        set.logShortAxis[i],
        set.logLongAxis[j],
        set.logShortAxis[j],
        sigma,
      )
      sizeWeight[i * n + j] = w
      sizeWeight[j * n + i] = w
    }
  }
  return { set, model, sizeWeight, scratch: createPairList(64) }
}

/**
 * Agreement (0 … 1) of nodes i and j when study(j) is shifted by `shiftMm` relative to study(i):
 * size agreement times a Gaussian of the residual in units of the pair's tolerance.
 */
export function pairAgreement(ctx: AlignmentContext, i: number, j: number, shiftMm: Vec3): number {
  const { set } = ctx
  const n = set.studyOfNode.length
  const w = ctx.sizeWeight[i * n + j]
  if (w === 0) return 0
  const sxy = pairTolerance(set.toleranceXyMm[i], set.toleranceXyMm[j])
  const sz = pairTolerance(set.toleranceZMm[i], set.toleranceZMm[j])
  const dx = set.positionMm[3 * j] - set.positionMm[3 * i] - shiftMm[0]
  const dy = set.positionMm[3 * j + 1] - set.positionMm[3 * i + 1] - shiftMm[1]
  const dz = set.positionMm[3 * j + 2] - set.positionMm[3 * i + 2] - shiftMm[2]
  return w * Math.exp(-0.5 * ((dx * dx + dy * dy) / (sxy * sxy) + (dz * dz) / (sz * sz)))
}

export interface ShiftSupport {
  /** Total agreement of the one-to-one matched pairs. */
  total: number
  /** Matched node pairs (a in study A, b in study B) with their agreement. */
  pairs: { a: number; b: number; weight: number }[]
}

/**
 * Matches study A's lesions one-to-one to study B's under the relative shift `shiftMm`
 * (positions of B minus positions of A) and returns how well they agree.
 */
export function shiftSupport(
  ctx: AlignmentContext,
  studyA: number,
  studyB: number,
  shiftMm: Vec3,
): ShiftSupport {
  const list = ctx.scratch
  list.count = 0
  for (const a of ctx.set.nodesOfStudy[studyA]) {
    for (const b of ctx.set.nodesOfStudy[studyB]) {
      const w = pairAgreement(ctx, a, b, shiftMm)
      if (w > KERNEL_FLOOR) pushPair(list, a, b, w)
    }
  }
  const { chosen, total } = greedyMatch(list)
  return {
    total,
    pairs: chosen.map((k) => ({ a: list.rows[k], b: list.cols[k], weight: list.weights[k] })),
  }
}

/** The shift that best fits matched pairs: their weighted mean displacement (B minus A). */
export function fittedShift(ctx: AlignmentContext, support: ShiftSupport): Vec3 | undefined {
  let sum = 0
  const shift: Vec3 = [0, 0, 0]
  for (const { a, b, weight } of support.pairs) {
    for (let d = 0; d < 3; d++) {
      shift[d] += weight * (ctx.set.positionMm[3 * b + d] - ctx.set.positionMm[3 * a + d])
    }
    sum += weight
  }
  if (sum <= 0) return undefined
  return [shift[0] / sum, shift[1] / sum, shift[2] / sum]
}
