/**
 * Plans a patient's lesions: which types, which of them are new at a follow-up, which grow,
 * shrink or vanish, and which sit right next to another lesion (the hard case for matching).
 * A plan is a list of specs; building turns specs into placed, sized lesions.
 */
import type { LesionType } from '../../model/types'
import type { Rng } from '../prng'
import { sampleTrend, type Trend } from './trajectory'

export type KnownLesionType = Exclude<LesionType, -1>

export interface LesionSpec {
  type: KnownLesionType
  trend: Trend
  /** First study (0-based) at which the lesion exists; > 0 means new at a follow-up. */
  onsetStudy: number
  /** For 'vanishing' lesions, the first study without it. */
  vanishStudy: number
  /** Index of an earlier spec this lesion is placed right next to. */
  nextTo?: number
  /** Long axis (mm) at first appearance; drawn from DeepLesion's distribution when left out. */
  longAxisMm?: number
}

/** Types that occur in groups close together: nodes, liver and lung metastases. */
const CLUSTERING_TYPES: KnownLesionType[] = [2, 3, 4, 5, 8]

/**
 * Draws lesion types so that every run of lesions covers all eight DeepLesion types: the first bag
 * holds each type once, later bags follow DeepLesion's mix (lung, abdomen and mediastinum most often).
 */
export class LesionTypeBag {
  private bag: KnownLesionType[] = []
  private filled = 0

  constructor(private readonly rng: Rng) {}

  next(): KnownLesionType {
    if (this.bag.length === 0) {
      const contents: KnownLesionType[] =
        this.filled === 0
          ? [1, 2, 3, 4, 5, 6, 7, 8]
          : [5, 5, 5, 2, 2, 2, 3, 3, 4, 4, 8, 7, 6, 1, 5, 2]
      this.bag = this.rng.shuffled(contents)
      this.filled++
    }
    return this.bag.pop() as KnownLesionType
  }
}

function persistentTrend(rng: Rng): Trend {
  return rng.weighted<Trend>([
    ['stable', 0.55],
    ['growing', 0.25],
    ['shrinking', 0.2],
  ])
}

/** A random plan of 1–8 lesions for a patient with `studyCount` studies. */
export function randomLesionSpecs(
  studyCount: number,
  types: LesionTypeBag,
  rng: Rng,
): LesionSpec[] {
  const count = rng.weighted([
    [1, 12],
    [2, 22],
    [3, 24],
    [4, 16],
    [5, 11],
    [6, 7],
    [7, 4],
    [8, 4],
  ])
  const specs: LesionSpec[] = []
  const wantsNeighbours = count >= 2 && rng.chance(0.4)
  for (let n = 0; n < count; n++) {
    const anchor = specs.findIndex(
      (s) => CLUSTERING_TYPES.includes(s.type) && s.nextTo === undefined,
    )
    if (wantsNeighbours && n === count - 1 && anchor >= 0) {
      const a = specs[anchor]
      specs.push({
        type: a.type,
        trend: persistentTrend(rng),
        onsetStudy: a.onsetStudy,
        vanishStudy: studyCount,
        nextTo: anchor,
      })
      continue
    }
    // The first lesion is there from baseline to the end, so every study has something to bookmark.
    const isNew = n > 0 && studyCount >= 2 && rng.chance(0.2)
    const onsetStudy = isNew ? rng.int(1, studyCount - 1) : 0
    const trend = n === 0 ? persistentTrend(rng) : sampleTrend(studyCount - onsetStudy, rng)
    const vanishStudy = trend === 'vanishing' ? rng.int(onsetStudy + 1, studyCount - 1) : studyCount
    specs.push({ type: types.next(), trend, onsetStudy, vanishStudy })
  }
  return specs
}
