/**
 * Joint alignment of all studies of a patient: each study's translation is chosen in turn to
 * line up the most lesions with every other study at once, against a prior that scanner frames
 * of one patient are roughly alike — which keeps lone lesions from snapping onto anything.
 */
import type { Vec3 } from '../geometry/frames'
import { refitShift, shiftSupport, type AlignmentContext } from './alignment-context'
import { pairKey, type PairModes } from './spanning-alignment'

/** Translations closer than this (mm) count as the same. */
const SAME_TRANSLATION_MM = 0.5
const REFINE_ITERATIONS = 3

/** Cost (in agreement units) of moving a study by `deltaMm` away from its prior position. */
export function priorPenalty(ctx: AlignmentContext, deltaMm: Vec3): number {
  const { priorWeight, priorXyMm, priorZMm } = ctx.model.alignment
  const xy2 = (deltaMm[0] * deltaMm[0] + deltaMm[1] * deltaMm[1]) / (priorXyMm * priorXyMm)
  const z2 = (deltaMm[2] * deltaMm[2]) / (priorZMm * priorZMm)
  // Heavy-tailed (Cauchy-like): large shifts are possible when enough lesions vouch for them.
  return priorWeight * (Math.log1p(xy2) + Math.log1p(z2))
}

function minus(a: Vec3, b: Vec3): Vec3 {
  return [a[0] - b[0], a[1] - b[1], a[2] - b[2]]
}

/** Agreement of study s, translated by `translation[s]`, with every other study, minus its prior. */
export function studyObjective(
  ctx: AlignmentContext,
  translation: readonly Vec3[],
  prior: readonly Vec3[],
  s: number,
): number {
  let total = -priorPenalty(ctx, minus(translation[s], prior[s]))
  for (let r = 0; r < translation.length; r++) {
    if (r === s) continue
    total += shiftSupport(ctx, s, r, minus(translation[s], translation[r]))
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
    total -= priorPenalty(ctx, minus(translation[s], prior[s]))
    for (let r = s + 1; r < translation.length; r++) {
      total += shiftSupport(ctx, s, r, minus(translation[s], translation[r]))
    }
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
  for (let r = 0; r < translation.length; r++) {
    if (r === s) continue
    const list = modes.get(pairKey(Math.min(s, r), Math.max(s, r))) ?? []
    for (const mode of list.slice(0, ctx.model.alignment.modesPerPair)) {
      // Mode shifts are (later study − earlier study); tS = tR + (pR − pS).
      const sign = s < r ? 1 : -1
      const candidate = [0, 1, 2].map((d) => translation[r][d] + sign * mode.shiftMm[d]) as Vec3
      // Studies already aligned with each other propose the same translation: try it once.
      const known = candidates.some((c) => {
        const d = minus(c, candidate)
        return d[0] * d[0] + d[1] * d[1] + d[2] * d[2] < SAME_TRANSLATION_MM * SAME_TRANSLATION_MM
      })
      if (!known) candidates.push(candidate)
    }
  }
  const original = translation[s]
  let best = original
  let bestValue = -Infinity
  for (const candidate of candidates) {
    translation[s] = candidate
    const value = studyObjective(ctx, translation, prior, s)
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
    const value = pooled ? studyObjective(ctx, translation, prior, s) : -Infinity
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
  let weight = 0
  for (let r = 0; r < translation.length; r++) {
    if (r === s) continue
    const fit = refitShift(ctx, s, r, minus(translation[s], translation[r]))
    if (!fit.shiftMm) continue
    for (let d = 0; d < 3; d++) sum[d] += fit.support * (translation[r][d] + fit.shiftMm[d])
    weight += fit.support
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
