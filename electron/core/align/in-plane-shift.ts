/**
 * In-plane shift between two studies once their levels are matched: the median difference of
 * the bone centroids (spine, ribs, pelvis) level by level, and how much the levels disagree.
 */
import type { BodyProfile } from './body-profile'

export interface InPlaneShift {
  /** Added to the moving study's LPS x and y (mm) to reach the reference's. */
  shiftXMm: number
  shiftYMm: number
  /** Matched levels where both studies show enough bone. */
  levels: number
  /** Median absolute deviation of the per-level shifts (mm, the larger of x and y). */
  spreadMm: number
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const m = sorted.length >> 1
  return sorted.length % 2 ? sorted[m] : 0.5 * (sorted[m - 1] + sorted[m])
}

/**
 * The in-plane shift of `moving` onto `reference` when reference level n + offset matches moving
 * level n (offset from the along-body shift in grid steps). Median, because a level where bone
 * is cut by the field of view or crossed by a lesion must not pull the whole study.
 */
export function inPlaneShift(
  reference: BodyProfile,
  moving: BodyProfile,
  shiftSteps: number,
): InPlaneShift | undefined {
  const offset = moving.firstIndex + shiftSteps - reference.firstIndex
  const dx: number[] = []
  const dy: number[] = []
  for (let n = Math.max(0, -offset); n < Math.min(moving.length, reference.length - offset); n++) {
    const x = reference.boneXMm[n + offset] - moving.boneXMm[n]
    const y = reference.boneYMm[n + offset] - moving.boneYMm[n]
    if (Number.isNaN(x) || Number.isNaN(y)) continue
    dx.push(x)
    dy.push(y)
  }
  if (dx.length === 0) return undefined
  const shiftXMm = median(dx)
  const shiftYMm = median(dy)
  const spreadMm = Math.max(
    median(dx.map((v) => Math.abs(v - shiftXMm))),
    median(dy.map((v) => Math.abs(v - shiftYMm))),
  )
  return { shiftXMm, shiftYMm, levels: dx.length, spreadMm }
}
