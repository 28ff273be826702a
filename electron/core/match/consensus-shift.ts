/**
 * Robust consensus shift between two studies from their bookmarks alone: every size-compatible
 * lesion pair proposes a shift, proposals vote in a coarse grid of shifts (a Hough vote), and the
 * most voted distinct proposals are refined by one-to-one matching and scored by the agreement
 * they reach.
 */
import type { Vec3 } from '../geometry/frames'
import { refitShift, tableOf, type AlignmentContext } from './alignment-context'
import { lesionToleranceMm } from './noise'

export interface ShiftMode {
  /** Positions of study B minus positions of study A (mm), scanner frames. */
  shiftMm: Vec3
  /** Summed one-to-one agreement of the lesions this shift lines up. */
  support: number
}

/** Most-voted distinct proposals refined per study pair. */
const MAX_STARTS = 4
/** Each lesion proposes shifts with at most this many of its most size-alike partners. */
const PARTNERS_PER_LESION = 3
const REFINE_ITERATIONS = 3
/** Long axis (mm) whose tolerance sizes the vote grid and decides when two shifts are the same. */
const TYPICAL_LONG_AXIS_MM = 20

function distinct(ctx: AlignmentContext, a: Vec3, b: Vec3): boolean {
  const tol = lesionToleranceMm(ctx.model.noise, TYPICAL_LONG_AXIS_MM)
  const dxy = Math.hypot(a[0] - b[0], a[1] - b[1])
  return Math.hypot(dxy / tol.xyMm, (a[2] - b[2]) / tol.zMm) > 2
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
): number[] {
  const { table } = tableOf(ctx, studyA, studyB)
  const byNode = new Map<number, number[]>()
  for (let k = 0; k < table.count; k++) {
    if (table.sizeWeight[k] < minWeight) continue
    for (const node of [table.a[k], table.b[k]]) {
      const list = byNode.get(node)
      if (list) list.push(k)
      else byNode.set(node, [k])
    }
  }
  const chosen = new Set<number>()
  for (const list of byNode.values()) {
    list.sort((x, y) => table.sizeWeight[y] - table.sizeWeight[x])
    for (const k of list.slice(0, PARTNERS_PER_LESION)) chosen.add(k)
  }
  return [...chosen]
}

/**
 * Proposal shifts (b − a) of size-compatible pairs, most voted first, distinct from each other.
 * A proposal's vote is the size agreement summed over its grid cell and the 26 around it, so a
 * shift that many pairs agree on wins; cells are two typical tolerances wide.
 */
function votedStarts(ctx: AlignmentContext, studyA: number, studyB: number): Vec3[] {
  const { table } = tableOf(ctx, studyA, studyB)
  const minWeight = ctx.model.alignment.minSizeWeight
  const tol = lesionToleranceMm(ctx.model.noise, TYPICAL_LONG_AXIS_MM)
  const cellXy = 2 * tol.xyMm
  const cellZ = 2 * tol.zMm
  const cellOf = (k: number) => [
    Math.floor(table.dx[k] / cellXy),
    Math.floor(table.dy[k] / cellXy),
    Math.floor(table.dz[k] / cellZ),
  ]
  // Cells are keyed by one number; unique while |y| and |z| stay below 2048 cells (tens of metres).
  const key = (x: number, y: number, z: number) => (x * 4096 + y) * 4096 + z
  const mass = new Map<number, number>()
  const proposals = sizeAlikeProposals(ctx, studyA, studyB, minWeight)
  for (const k of proposals) {
    const [x, y, z] = cellOf(k)
    mass.set(key(x, y, z), (mass.get(key(x, y, z)) ?? 0) + table.sizeWeight[k])
  }
  const vote = new Map<number, number>()
  for (const k of proposals) {
    const [x, y, z] = cellOf(k)
    let v = 0
    for (let i = -1; i <= 1; i++) {
      for (let j = -1; j <= 1; j++) {
        for (let m = -1; m <= 1; m++) v += mass.get(key(x + i, y + j, z + m)) ?? 0
      }
    }
    vote.set(k, v + table.sizeWeight[k])
  }
  proposals.sort((x, y) => (vote.get(y) as number) - (vote.get(x) as number))
  const starts: Vec3[] = []
  for (const k of proposals) {
    const shift: Vec3 = [table.dx[k], table.dy[k], table.dz[k]]
    if (starts.every((s) => distinct(ctx, s, shift))) starts.push(shift)
    if (starts.length === MAX_STARTS) break
  }
  return starts
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
  const refined: ShiftMode[] = []
  for (const start of votedStarts(ctx, studyA, studyB)) {
    let shift = start
    for (let it = 0; it < REFINE_ITERATIONS; it++) {
      const fit = refitShift(ctx, studyA, studyB, shift)
      if (!fit.shiftMm) break
      const moved = Math.hypot(
        fit.shiftMm[0] - shift[0],
        fit.shiftMm[1] - shift[1],
        fit.shiftMm[2] - shift[2],
      )
      shift = fit.shiftMm
      if (moved < 0.01) break
    }
    refined.push({ shiftMm: shift, support: refitShift(ctx, studyA, studyB, shift).support })
  }
  refined.sort((x, y) => y.support - x.support)
  const modes: ShiftMode[] = []
  for (const mode of refined) {
    if (modes.every((kept) => distinct(ctx, kept.shiftMm, mode.shiftMm))) modes.push(mode)
    if (modes.length === maxModes) break
  }
  return modes
}
