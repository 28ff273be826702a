/**
 * Robust consensus shift between two studies from their bookmarks alone: every size-compatible
 * lesion pair proposes a shift, proposals vote in a coarse grid of shifts (a Hough vote), and the
 * most voted distinct proposals are refined by one-to-one matching and scored by the agreement
 * they reach.
 */
import type { Vec3 } from '../geometry/frames'
import { refitShift, shiftSupport, tableOf, type AlignmentContext } from './alignment-context'
import { lesionToleranceMm } from './noise'

export interface ShiftMode {
  /** Positions of study B minus positions of study A (mm), scanner frames. */
  shiftMm: Vec3
  /** Summed one-to-one agreement of the lesions this shift lines up. */
  support: number
}

/** Most-voted distinct proposals refined per study pair. */
const MAX_STARTS = 4
/** Up to this many proposals, votes are counted pair by pair instead of through a cell map. */
const DIRECT_VOTE_LIMIT = 256
/** Each lesion proposes shifts with at most this many of its most size-alike partners. */
const PARTNERS_PER_LESION = 3
const REFINE_ITERATIONS = 3
/** Long axis (mm) whose tolerance sizes the vote grid and decides when two shifts are the same. */
const TYPICAL_LONG_AXIS_MM = 20

function distinct(tol: { xyMm: number; zMm: number }, a: Vec3, b: Vec3): boolean {
  const dxy = Math.hypot(a[0] - b[0], a[1] - b[1])
  return Math.hypot(dxy / tol.xyMm, (a[2] - b[2]) / tol.zMm) > 2
}

/** Whether `shift` is distinct from every shift of `kept`. */
function distinctFromAll(tol: { xyMm: number; zMm: number }, kept: Vec3[], shift: Vec3): boolean {
  for (const k of kept) if (!distinct(tol, k, shift)) return false
  return true
}

/**
 * Table entries of studies A, B that propose a shift: for every lesion of either study, its
 * PARTNERS_PER_LESION most size-alike partners in the other (a large study would otherwise
 * propose |A|·|B| shifts, most of them between lesions that look nothing alike).
 */
function sizeAlikeProposals(
  ctx: AlignmentContext,
  studyA: number,
  studyB: number,
  minWeight: number,
): Int32Array {
  const { table } = tableOf(ctx, studyA, studyB)
  const sizeWeight = table.sizeWeight
  const nodesA = ctx.set.nodesOfStudy[studyA]
  const nodesB = ctx.set.nodesOfStudy[studyB]
  const chosen = new Int32Array(table.count)
  let count = 0
  if (nodesA.length <= PARTNERS_PER_LESION && nodesB.length <= PARTNERS_PER_LESION) {
    for (let k = 0; k < table.count; k++) if (sizeWeight[k] >= minWeight) chosen[count++] = k
    return chosen.subarray(0, count)
  }
  // Slot of each lesion of either study among the best-partner lists.
  const slotOf = ctx.slotOfNode
  for (let k = 0; k < nodesA.length; k++) slotOf[nodesA[k]] = k
  for (let k = 0; k < nodesB.length; k++) slotOf[nodesB[k]] = nodesA.length + k
  // Best entries of each lesion so far, by size agreement (-1: none yet); earlier on ties.
  const best = new Int32Array((nodesA.length + nodesB.length) * PARTNERS_PER_LESION).fill(-1)
  for (let k = 0; k < table.count; k++) {
    if (sizeWeight[k] < minWeight) continue
    offerPartner(best, slotOf[table.a[k]] * PARTNERS_PER_LESION, sizeWeight, k)
    offerPartner(best, slotOf[table.b[k]] * PARTNERS_PER_LESION, sizeWeight, k)
  }
  best.sort()
  for (let i = 0; i < best.length; i++) {
    if (best[i] >= 0 && (count === 0 || chosen[count - 1] !== best[i])) chosen[count++] = best[i]
  }
  return chosen.subarray(0, count)
}

/** Inserts table entry k in a lesion's list of best partners (at `base`) if it belongs there. */
function offerPartner(best: Int32Array, base: number, sizeWeight: Float64Array, k: number): void {
  let m = PARTNERS_PER_LESION - 1
  if (best[base + m] >= 0 && sizeWeight[best[base + m]] >= sizeWeight[k]) return
  while (m > 0 && (best[base + m - 1] < 0 || sizeWeight[best[base + m - 1]] < sizeWeight[k])) {
    best[base + m] = best[base + m - 1]
    m--
  }
  best[base + m] = k
}

/**
 * Proposal shifts (b − a) of size-compatible pairs, most voted first, distinct from each other.
 * A proposal's vote is the size agreement summed over its grid cell and the 26 around it, so a
 * shift that many pairs agree on wins; cells are two typical tolerances wide.
 */
function votedStarts(ctx: AlignmentContext, studyA: number, studyB: number): Vec3[] {
  const { table } = tableOf(ctx, studyA, studyB)
  const tol = lesionToleranceMm(ctx.model.noise, TYPICAL_LONG_AXIS_MM)
  const proposals = sizeAlikeProposals(ctx, studyA, studyB, ctx.model.alignment.minSizeWeight)
  const m = proposals.length
  const cx = new Int32Array(m)
  const cy = new Int32Array(m)
  const cz = new Int32Array(m)
  for (let p = 0; p < m; p++) {
    const k = proposals[p]
    cx[p] = Math.floor(table.dx[k] / (2 * tol.xyMm))
    cy[p] = Math.floor(table.dy[k] / (2 * tol.xyMm))
    cz[p] = Math.floor(table.dz[k] / (2 * tol.zMm))
  }
  const vote = new Float64Array(m)
  if (m <= DIRECT_VOTE_LIMIT) {
    // Few proposals: compare every two directly.
    for (let p = 0; p < m; p++) {
      for (let q = 0; q < m; q++) {
        const near =
          Math.abs(cx[p] - cx[q]) <= 1 &&
          Math.abs(cy[p] - cy[q]) <= 1 &&
          Math.abs(cz[p] - cz[q]) <= 1
        if (near) vote[p] += table.sizeWeight[proposals[q]]
      }
    }
  } else {
    // Many proposals: sum the weight in each cell once, then read the 27 cells around each.
    // Cells are keyed by one number; unique while |y| and |z| stay below 2048 cells (tens of metres).
    const key = (x: number, y: number, z: number) => (x * 4096 + y) * 4096 + z
    const mass = new Map<number, number>()
    for (let p = 0; p < m; p++) {
      const k = key(cx[p], cy[p], cz[p])
      mass.set(k, (mass.get(k) ?? 0) + table.sizeWeight[proposals[p]])
    }
    for (let p = 0; p < m; p++) {
      for (let i = -1; i <= 1; i++) {
        for (let j = -1; j <= 1; j++) {
          for (let l = -1; l <= 1; l++)
            vote[p] += mass.get(key(cx[p] + i, cy[p] + j, cz[p] + l)) ?? 0
        }
      }
    }
  }
  const order = votingOrder(vote, table.sizeWeight, proposals)
  const starts: Vec3[] = []
  for (let o = 0; o < m && starts.length < MAX_STARTS; o++) {
    const k = proposals[order[o]]
    const shift: Vec3 = [table.dx[k], table.dy[k], table.dz[k]]
    if (distinctFromAll(tol, starts, shift)) starts.push(shift)
  }
  return starts
}

/**
 * Proposal indices most voted first; among equal votes, the most size-alike pair first, then
 * the earlier proposal (a stable insertion sort: the lists are short, and it allocates nothing
 * but the order itself).
 */
function votingOrder(vote: Float64Array, sizeWeight: Float64Array, proposals: Int32Array) {
  const order = new Int32Array(vote.length)
  for (let p = 0; p < vote.length; p++) {
    let at = p
    while (at > 0) {
      const q = order[at - 1]
      const after =
        vote[q] < vote[p] ||
        (vote[q] === vote[p] && sizeWeight[proposals[q]] < sizeWeight[proposals[p]])
      if (!after) break
      order[at] = q
      at--
    }
    order[at] = p
  }
  return order
}

/**
 * The distinct consensus shifts from study A to study B (A < B), best supported first, at most
 * `maxModes`. Empty when no lesion pair of the two studies is size-compatible.
 */
export function consensusShifts(
  ctx: AlignmentContext,
  studyA: number,
  studyB: number,
  maxModes: number,
): ShiftMode[] {
  const tol = lesionToleranceMm(ctx.model.noise, TYPICAL_LONG_AXIS_MM)
  const refined: ShiftMode[] = []
  for (const start of votedStarts(ctx, studyA, studyB)) {
    let shift = start
    for (let it = 0; it < REFINE_ITERATIONS; it++) {
      const fitted: Vec3 = [0, 0, 0]
      if (refitShift(ctx, studyA, studyB, shift, fitted) <= 0) break
      const moved = Math.hypot(fitted[0] - shift[0], fitted[1] - shift[1], fitted[2] - shift[2])
      shift = fitted
      if (moved < 0.01) break
    }
    // Best supported first, the earlier start first on equal support (a stable insertion: a
    // sort would allocate more than these few modes weigh).
    const mode = { shiftMm: shift, support: shiftSupport(ctx, studyA, studyB, shift) }
    let at = refined.length
    refined.push(mode)
    while (at > 0 && refined[at - 1].support < mode.support) {
      refined[at] = refined[at - 1]
      at--
    }
    refined[at] = mode
  }
  const modes: ShiftMode[] = []
  for (const mode of refined) {
    if (modes.every((kept) => distinct(tol, kept.shiftMm, mode.shiftMm))) modes.push(mode)
    if (modes.length === maxModes) break
  }
  return modes
}
