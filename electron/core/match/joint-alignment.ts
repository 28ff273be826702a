/**
 * Joint alignment of all studies of a patient: each study's translation is chosen in turn to
 * line up the most lesions with every other study at once, against a prior that scanner frames
 * of one patient are roughly alike — which keeps lone lesions from snapping onto anything.
 */
import type { Vec3 } from '../geometry/frames'
import { maxSupport, refitShift, shiftSupportXyz, type AlignmentContext } from './alignment-context'
import { modesOf, type PairModes } from './spanning-alignment'

/** Translations closer than this (mm) count as the same. */
const SAME_TRANSLATION_MM = 0.5
const REFINE_ITERATIONS = 3

/**
 * Cost (in agreement units) of moving a study by (dx, dy, dz) mm away from its prior position.
 */
export function priorPenalty(ctx: AlignmentContext, dx: number, dy: number, dz: number): number {
  const { priorWeight, priorXyMm, priorZMm } = ctx.model.alignment
  const xy2 = (dx * dx + dy * dy) / (priorXyMm * priorXyMm)
  const z2 = (dz * dz) / (priorZMm * priorZMm)
  // Heavy-tailed (Cauchy-like): large shifts are possible when enough lesions vouch for them.
  return priorWeight * (Math.log1p(xy2) + Math.log1p(z2))
}

function minus(a: Vec3, b: Vec3): Vec3 {
  return [a[0] - b[0], a[1] - b[1], a[2] - b[2]]
}

/** Support of studies s and r at their current translations (shift s minus r). */
function pairSupport(ctx: AlignmentContext, translation: readonly Vec3[], s: number, r: number) {
  const ts = translation[s]
  const tr = translation[r]
  return shiftSupportXyz(ctx, s, r, ts[0] - tr[0], ts[1] - tr[1], ts[2] - tr[2])
}

/**
 * Slack (agreement units) kept when ruling a candidate out by its bound: far above the rounding
 * of a sum of a few hundred agreements, far below any difference the alignment acts on.
 */
const BOUND_SLACK = 1e-9

/**
 * Agreement of study s, translated by `translation[s]`, with every other study, minus its prior.
 * Given a `floor`, returns -Infinity as soon as the objective certainly cannot exceed it — the
 * study pairs not yet matched counted at their maxSupport — so that a candidate translation that
 * cannot win costs fewer one-to-one matchings; any other answer is the objective itself.
 */
export function studyObjective(
  ctx: AlignmentContext,
  translation: readonly Vec3[],
  prior: readonly Vec3[],
  s: number,
  floor = -Infinity,
): number {
  const ts = translation[s]
  const ps = prior[s]
  let total = -priorPenalty(ctx, ts[0] - ps[0], ts[1] - ps[1], ts[2] - ps[2])
  let unmatched = 0
  if (floor > -Infinity) {
    for (let r = 0; r < translation.length; r++) if (r !== s) unmatched += maxSupport(ctx, s, r)
  }
  for (let r = 0; r < translation.length; r++) {
    if (r === s) continue
    if (total + unmatched < floor - BOUND_SLACK) return -Infinity
    total += pairSupport(ctx, translation, s, r)
    unmatched -= maxSupport(ctx, s, r)
  }
  return total
}

/** The whole patient's objective: agreement of every study pair minus every prior penalty. */
export function jointObjective(
  ctx: AlignmentContext,
  translation: readonly Vec3[],
  prior: readonly Vec3[],
): number {
  let total = 0
  for (let s = 0; s < translation.length; s++) {
    const ts = translation[s]
    const ps = prior[s]
    total -= priorPenalty(ctx, ts[0] - ps[0], ts[1] - ps[1], ts[2] - ps[2])
    for (let r = s + 1; r < translation.length; r++) total += pairSupport(ctx, translation, s, r)
  }
  return total
}

/**
 * Best translation of study s with the others held still, and the refined fit around it;
 * `settled` when the refit stopped because it no longer improved (not at its iteration limit),
 * so that asking again with the others unchanged would return the same translation.
 */
function bestTranslation(
  ctx: AlignmentContext,
  translation: Vec3[],
  prior: readonly Vec3[],
  modes: PairModes,
  s: number,
): { translation: Vec3; settled: boolean } {
  const candidates: Vec3[] = [translation[s], prior[s]]
  const same2 = SAME_TRANSLATION_MM * SAME_TRANSLATION_MM
  for (let r = 0; r < translation.length; r++) {
    if (r === s) continue
    const list = modesOf(modes, s, r)
    const t = translation[r]
    // Mode shifts are (later study − earlier study); tS = tR + (pR − pS).
    const sign = s < r ? 1 : -1
    for (let m = 0; m < Math.min(list.length, ctx.model.alignment.modesPerPair); m++) {
      const shift = list[m].shiftMm
      const x = t[0] + sign * shift[0]
      const y = t[1] + sign * shift[1]
      const z = t[2] + sign * shift[2]
      // Studies already aligned with each other propose the same translation: try it once.
      let known = false
      for (const c of candidates) {
        const dx = c[0] - x
        const dy = c[1] - y
        const dz = c[2] - z
        if (dx * dx + dy * dy + dz * dz < same2) known = true
      }
      if (!known) candidates.push([x, y, z])
    }
  }
  const original = translation[s]
  let best = original
  let bestValue = -Infinity
  for (const candidate of candidates) {
    translation[s] = candidate
    const value = studyObjective(ctx, translation, prior, s, bestValue)
    if (value > bestValue) {
      bestValue = value
      best = candidate
    }
  }
  let settled = false
  for (let it = 0; it < REFINE_ITERATIONS && !settled; it++) {
    translation[s] = best
    const pooled = pooledFit(ctx, translation, s)
    if (pooled) translation[s] = pooled
    const value = pooled ? studyObjective(ctx, translation, prior, s, bestValue) : -Infinity
    if (value <= bestValue) settled = true
    else {
      bestValue = value
      best = pooled as Vec3
    }
  }
  translation[s] = original
  return { translation: best, settled }
}

/** Weighted mean translation of study s that lines its matched lesions up with all others. */
function pooledFit(
  ctx: AlignmentContext,
  translation: readonly Vec3[],
  s: number,
): Vec3 | undefined {
  const sum: Vec3 = [0, 0, 0]
  const shift: Vec3 = [0, 0, 0]
  const fitted: Vec3 = [0, 0, 0]
  let weight = 0
  const ts = translation[s]
  for (let r = 0; r < translation.length; r++) {
    if (r === s) continue
    const tr = translation[r]
    for (let d = 0; d < 3; d++) shift[d] = ts[d] - tr[d]
    const support = refitShift(ctx, s, r, shift, fitted)
    if (support <= 0) continue
    for (let d = 0; d < 3; d++) sum[d] += support * (translation[r][d] + fitted[d])
    weight += support
  }
  if (weight <= 0) return undefined
  return [sum[0] / weight, sum[1] / weight, sum[2] / weight]
}

/**
 * Coordinate ascent from `start`: each sweep moves every study to its best translation given the
 * others; stops when a sweep moves nothing or after the model's sweep count.
 */
export function refineJointly(
  ctx: AlignmentContext,
  start: readonly Vec3[],
  prior: readonly Vec3[],
  modes: PairModes,
): Vec3[] {
  const translation = start.map((t) => [...t] as Vec3)
  // A study whose best translation settled needs no new search until another study changes.
  const settled = new Uint8Array(translation.length)
  for (let sweep = 0; sweep < ctx.model.alignment.sweeps; sweep++) {
    let moved = false
    for (let s = 0; s < translation.length; s++) {
      if (settled[s]) continue
      const next = bestTranslation(ctx, translation, prior, modes, s)
      const d = minus(next.translation, translation[s])
      if (Math.hypot(d[0], d[1], d[2]) > SAME_TRANSLATION_MM) moved = true
      if (d[0] !== 0 || d[1] !== 0 || d[2] !== 0) settled.fill(0)
      translation[s] = next.translation
      settled[s] = next.settled ? 1 : 0
    }
    if (!moved) break
  }
  return translation
}
