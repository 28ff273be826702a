/**
 * Puts all studies of one patient in one patient frame from their bookmarks: pairwise consensus
 * shifts, a spanning first guess, then a joint refinement; reports each study's translation and
 * how much the lesions vouch for it. Image-based alignment plugs in through `priorTranslations`.
 */
import type { Vec3 } from '../geometry/frames'
import {
  createAlignmentContext,
  markMatchedNodes,
  type AlignmentContext,
} from './alignment-context'
import { consensusShifts } from './consensus-shift'
import { jointObjective, refineJointly, studyObjective } from './joint-alignment'
import type { LesionSet } from './lesion-set'
import type { MatcherModel } from './model'
import {
  createPairModes,
  modesOf,
  spanningTranslations,
  type PairModes,
} from './spanning-alignment'
import type { StudyTransform } from './types'

export interface AlignmentOptions {
  /**
   * Translations known from elsewhere (e.g. registering the volumes), by study id. The bookmark
   * alignment starts from them and is pulled towards them instead of towards the scanner frame.
   */
  priorTranslations?: Map<string, Vec3>
  /** Names where the prior came from, e.g. 'image registration'. */
  priorSource?: string
}

export interface Alignment {
  /** Translation of each study of the set (index = study index), patient frame = first study. */
  translations: Vec3[]
  transforms: StudyTransform[]
}

/** A lesion counts as supporting its study's shift when matched at least this well. */
const SUPPORTING_AGREEMENT = 0.5

function medianCentred(translations: Vec3[], prior: readonly Vec3[]): Vec3[] {
  const median = [0, 1, 2].map((d) => {
    const v = translations.map((t, s) => t[d] - prior[s][d]).sort((x, y) => x - y)
    const m = v.length >> 1
    return v.length % 2 ? v[m] : 0.5 * (v[m - 1] + v[m])
  })
  return translations.map((t) => [t[0] - median[0], t[1] - median[1], t[2] - median[2]] as Vec3)
}

/** Lesions of each study that are matched well to a lesion of some other study. */
function supportingLesions(ctx: AlignmentContext, translation: readonly Vec3[]): number[] {
  // One matching per study pair serves both studies: it is the same from either side.
  const supported = new Uint8Array(ctx.set.studyOfNode.length)
  for (let s = 0; s < translation.length; s++) {
    for (let r = s + 1; r < translation.length; r++) {
      const shift: Vec3 = [0, 1, 2].map((d) => translation[s][d] - translation[r][d]) as Vec3
      markMatchedNodes(ctx, s, r, shift, SUPPORTING_AGREEMENT, supported)
    }
  }
  const counts = ctx.set.studies.map(() => 0)
  supported.forEach((marked, node) => {
    if (marked) counts[ctx.set.studyOfNode[node]]++
  })
  return counts
}

/**
 * How much better the chosen translation of study s is than its best distinct alternative,
 * mapped to 0 … 1 (margin / (1 + margin), in units of one well-matched lesion).
 */
function confidence(
  ctx: AlignmentContext,
  translation: Vec3[],
  prior: readonly Vec3[],
  modes: PairModes,
  s: number,
): number {
  const chosen = translation[s]
  const value = studyObjective(ctx, translation, prior, s)
  const alternatives: Vec3[] = [prior[s]]
  for (let r = 0; r < translation.length; r++) {
    if (r === s) continue
    const sign = s < r ? 1 : -1
    const t = translation[r]
    for (const { shiftMm } of modesOf(modes, s, r)) {
      alternatives.push([
        t[0] + sign * shiftMm[0],
        t[1] + sign * shiftMm[1],
        t[2] + sign * shiftMm[2],
      ])
    }
  }
  const tolXy = ctx.model.noise.xyBaseMm
  const tolZ = ctx.model.noise.zBaseMm
  let runnerUp = -Infinity
  for (const alternative of alternatives) {
    const dxy = Math.hypot(alternative[0] - chosen[0], alternative[1] - chosen[1])
    if (Math.hypot(dxy / tolXy, (alternative[2] - chosen[2]) / tolZ) <= 2) continue
    translation[s] = alternative
    runnerUp = Math.max(runnerUp, studyObjective(ctx, translation, prior, s, runnerUp))
  }
  translation[s] = chosen
  // With no distinct alternative, compare with matching nothing at all (objective 0).
  const margin = Math.max(0, value - (Number.isFinite(runnerUp) ? runnerUp : 0))
  return margin / (1 + margin)
}

/**
 * What placed a study: its bookmarks when any vouch for its shift, else its prior — named by the
 * prior's source only when this study has a prior translation (image registration may have
 * failed on it), else the scanner frame itself ('prior').
 */
function sourceOf(supporting: number, options: AlignmentOptions, studyId: string): string {
  if (supporting > 0) return 'bookmarks'
  return options.priorTranslations?.has(studyId) ? (options.priorSource ?? 'prior') : 'prior'
}

/** Aligns the studies of `set`; see the module comment. */
export function alignStudies(
  set: LesionSet,
  model: MatcherModel,
  options: AlignmentOptions = {},
): Alignment {
  const ctx = createAlignmentContext(set, model)
  const studyCount = set.studies.length
  const prior: Vec3[] = set.studies.map(
    (s) => options.priorTranslations?.get(s.studyId) ?? ([0, 0, 0] as Vec3),
  )
  const modes = createPairModes(studyCount)
  const keep = Math.max(2, model.alignment.modesPerPair)
  for (let a = 0; a < studyCount; a++) {
    // Pairwise consensus only between studies close in time: farther pairs add cost, not accuracy,
    // since the joint refinement compares every study with all others anyway.
    const last = Math.min(studyCount - 1, a + model.alignment.pairWindow)
    for (let b = a + 1; b <= last; b++)
      modes.lists[a * studyCount + b] = consensusShifts(ctx, a, b, keep)
  }
  // Two starts, because a lone lesion per study makes the objective multimodal: the chain of the
  // most decisive pairwise shifts, and the prior itself. The better end point wins.
  const starts = [medianCentred(spanningTranslations(studyCount, modes), prior), prior]
  let best: Vec3[] = prior
  let bestValue = -Infinity
  for (const start of starts) {
    const end = refineJointly(ctx, start, prior, modes)
    const value = jointObjective(ctx, end, prior)
    if (value > bestValue) {
      bestValue = value
      best = end
    }
  }
  const origin = best[0] ?? [0, 0, 0]
  const translations = best.map(
    (t) => [t[0] - origin[0], t[1] - origin[1], t[2] - origin[2]] as Vec3,
  )
  const supportingOf = supportingLesions(ctx, best)
  const transforms = set.studies.map((study, s): StudyTransform => {
    const supporting = supportingOf[s]
    return {
      studyId: study.studyId,
      studyOrder: study.studyOrder,
      translationMm: translations[s],
      // A shift no lesion vouches for is the prior's guess: no confidence in it.
      confidence: supporting > 0 ? confidence(ctx, best, prior, modes, s) : 0,
      supportingLesions: supporting,
      source: sourceOf(supporting, options, study.studyId),
    }
  })
  return { translations, transforms }
}
