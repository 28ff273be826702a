/**
 * Robust consensus shift between two studies from their bookmarks alone: every size-compatible
 * lesion pair proposes a shift, the proposals are refined by mean shift, and each distinct
 * outcome is scored by how many lesions it lines up one-to-one.
 */
import type { Vec3 } from '../geometry/frames'
import { fittedShift, shiftSupport, type AlignmentContext } from './alignment-context'
import { lesionToleranceMm } from './noise'

export interface ShiftMode {
  /** Positions of study B minus positions of study A (mm), scanner frames. */
  shiftMm: Vec3
  /** Summed one-to-one agreement of the lesions this shift lines up. */
  support: number
}

/** Proposals refined at most; beyond this, the most-voted proposals are refined. */
const MAX_REFINED = 24
const MEAN_SHIFT_ITERATIONS = 5
/** Long axis (mm) whose tolerance decides when two shifts are the same outcome. */
const TYPICAL_LONG_AXIS_MM = 20

function proposals(ctx: AlignmentContext, studyA: number, studyB: number): Vec3[] {
  const { set } = ctx
  const n = set.studyOfNode.length
  const shifts: Vec3[] = []
  const votes: number[] = []
  for (const a of set.nodesOfStudy[studyA]) {
    for (const b of set.nodesOfStudy[studyB]) {
      if (ctx.sizeWeight[a * n + b] < ctx.model.alignment.minSizeWeight) continue
      shifts.push([
        set.positionMm[3 * b] - set.positionMm[3 * a],
        set.positionMm[3 * b + 1] - set.positionMm[3 * a + 1],
        set.positionMm[3 * b + 2] - set.positionMm[3 * a + 2],
      ])
    }
  }
  if (shifts.length <= MAX_REFINED) return shifts
  // Many proposals: keep those that most others agree with (a Hough vote), scanning neighbours
  // along x only within the widest tolerance so the vote stays close to linear in the count.
  const tol = lesionToleranceMm(ctx.model.noise, TYPICAL_LONG_AXIS_MM)
  const reach = 3 * tol.xyMm
  const order = shifts.map((_, k) => k).sort((x, y) => shifts[x][0] - shifts[y][0])
  for (let k = 0; k < order.length; k++) votes.push(0)
  for (let p = 0; p < order.length; p++) {
    const s = shifts[order[p]]
    for (let q = p + 1; q < order.length && shifts[order[q]][0] - s[0] < reach; q++) {
      const t = shifts[order[q]]
      const dxy = ((s[0] - t[0]) ** 2 + (s[1] - t[1]) ** 2) / (tol.xyMm * tol.xyMm)
      const dz = (s[2] - t[2]) ** 2 / (tol.zMm * tol.zMm)
      const k = Math.exp(-0.5 * (dxy + dz))
      votes[order[p]] += k
      votes[order[q]] += k
    }
  }
  return shifts
    .map((shift, k) => ({ shift, vote: votes[k] }))
    .sort((x, y) => y.vote - x.vote)
    .slice(0, MAX_REFINED)
    .map((p) => p.shift)
}

/**
 * The distinct consensus shifts from study A to study B, best supported first (at most
 * `maxModes`). Empty when no lesion pair of the two studies is size-compatible.
 */
export function consensusShifts(
  ctx: AlignmentContext,
  studyA: number,
  studyB: number,
  maxModes: number,
): ShiftMode[] {
  const refined: ShiftMode[] = []
  for (const start of proposals(ctx, studyA, studyB)) {
    let shift = start
    for (let it = 0; it < MEAN_SHIFT_ITERATIONS; it++) {
      const next = fittedShift(ctx, shiftSupport(ctx, studyA, studyB, shift))
      if (!next) break
      shift = next
    }
    refined.push({ shiftMm: shift, support: shiftSupport(ctx, studyA, studyB, shift).total })
  }
  refined.sort((x, y) => y.support - x.support)
  const tol = lesionToleranceMm(ctx.model.noise, TYPICAL_LONG_AXIS_MM)
  const distinct: ShiftMode[] = []
  for (const mode of refined) {
    const apart = distinct.every((kept) => {
      const dxy = Math.hypot(kept.shiftMm[0] - mode.shiftMm[0], kept.shiftMm[1] - mode.shiftMm[1])
      const dz = Math.abs(kept.shiftMm[2] - mode.shiftMm[2])
      return Math.hypot(dxy / tol.xyMm, dz / tol.zMm) > 2
    })
    if (apart) distinct.push(mode)
    if (distinct.length === maxModes) break
  }
  return distinct
}
