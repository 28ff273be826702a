/**
 * How a lesion's size changes from study to study: stable, growing, shrinking or vanishing, with
 * per-interval variation, plus lesions that are new at a follow-up. Sizes are linear factors of
 * the lesion's radii at its first appearance; 0 means absent.
 */
import type { Rng } from '../prng'

export type Trend = 'stable' | 'growing' | 'shrinking' | 'vanishing'

/** Mean change of log size per follow-up interval. */
function trendRate(trend: Trend, rng: Rng): number {
  if (trend === 'growing') return rng.uniform(0.08, 0.2)
  if (trend === 'shrinking' || trend === 'vanishing') return -rng.uniform(0.08, 0.2)
  return rng.normal(0, 0.02)
}

/**
 * Size factor per study. A 'vanishing' lesion is absent from `vanishStudy` on; a lesion with
 * `onsetStudy` > 0 is new at that study.
 */
export function sizeTrajectory(
  studyCount: number,
  trend: Trend,
  onsetStudy: number,
  vanishStudy: number,
  rng: Rng,
): number[] {
  const rate = trendRate(trend, rng)
  const sizes: number[] = []
  let size = 1
  for (let s = 0; s < studyCount; s++) {
    if (s < onsetStudy || (trend === 'vanishing' && s >= vanishStudy)) {
      sizes.push(0)
      continue
    }
    if (s > onsetStudy) size *= Math.exp(rate + rng.normal(0, 0.05))
    sizes.push(Number(size.toFixed(4)))
  }
  return sizes
}

/** A random trend; lesions that exist at only one study cannot vanish. */
export function sampleTrend(visibleStudies: number, rng: Rng): Trend {
  return rng.weighted<Trend>([
    ['stable', 0.5],
    ['growing', 0.22],
    ['shrinking', 0.18],
    ['vanishing', visibleStudies >= 2 ? 0.1 : 0],
  ])
}
