/**
 * Finds bookmarks of one study that measure the same lesion: an exact repeat on one series, or
 * the same lesion measured again on another series of the study (e.g. thin and thick slices).
 */
import type { MatcherModel } from './model'
import { lesionToleranceMm, pairTolerance } from './noise'
import type { MatchIssue, MatchLesion } from './types'

/** Two bookmarks of one series closer than this (mm, positions and axes) are one bookmark. */
const SAME_SERIES_REPEAT_MM = 1

function findRoot(parent: Int32Array, i: number): number {
  while (parent[i] !== i) {
    parent[i] = parent[parent[i]]
    i = parent[i]
  }
  return i
}

function sameLesion(a: MatchLesion, b: MatchLesion, model: MatcherModel): boolean {
  const pa = a.positionInScannerMm
  const pb = b.positionInScannerMm
  const dxy = Math.hypot(pa[0] - pb[0], pa[1] - pb[1])
  const dz = Math.abs(pa[2] - pb[2])
  if (a.seriesId === b.seriesId) {
    return (
      dxy <= SAME_SERIES_REPEAT_MM &&
      dz <= SAME_SERIES_REPEAT_MM &&
      Math.abs(a.longAxisMm - b.longAxisMm) <= SAME_SERIES_REPEAT_MM &&
      (a.shortAxisMm === null || b.shortAxisMm === null
        ? a.shortAxisMm === b.shortAxisMm
        : Math.abs(a.shortAxisMm - b.shortAxisMm) <= SAME_SERIES_REPEAT_MM)
    )
  }
  const ta = lesionToleranceMm(model.noise, a.longAxisMm)
  const tb = lesionToleranceMm(model.noise, b.longAxisMm)
  const k = model.duplicates.toleranceSigmas
  return (
    dxy < k * pairTolerance(ta.xyMm, tb.xyMm) &&
    dz < k * pairTolerance(ta.zMm, tb.zMm) &&
    Math.abs(Math.log(a.longAxisMm / b.longAxisMm)) < model.duplicates.maxLogSizeRatio
  )
}

/**
 * Groups the lesions of one patient so that each group is one lesion of one study; the first
 * member of a group is its earliest bookmark in input order. Returns a warning per merged group.
 */
export function groupDuplicates(
  lesions: readonly MatchLesion[],
  model: MatcherModel,
): { groups: number[][]; issues: MatchIssue[] } {
  const parent = Int32Array.from(lesions, (_, i) => i)
  for (let i = 0; i < lesions.length; i++) {
    for (let j = i + 1; j < lesions.length; j++) {
      if (lesions[i].studyId !== lesions[j].studyId) continue
      if (sameLesion(lesions[i], lesions[j], model)) {
        parent[findRoot(parent, j)] = findRoot(parent, i)
      }
    }
  }
  const byRoot = new Map<number, number[]>()
  for (let i = 0; i < lesions.length; i++) {
    const root = findRoot(parent, i)
    const group = byRoot.get(root)
    if (group) group.push(i)
    else byRoot.set(root, [i])
  }
  const groups = [...byRoot.values()]
  const issues: MatchIssue[] = []
  for (const group of groups) {
    if (group.length < 2) continue
    const [first, ...rest] = group.map((i) => lesions[i])
    const series = new Set(group.map((i) => lesions[i].seriesId))
    issues.push({
      code: 'duplicate-bookmark',
      severity: 'warning',
      subject: first.lesionId,
      message:
        series.size === 1
          ? `bookmarks ${rest.map((l) => l.lesionId).join(', ')} repeat ${first.lesionId} (same series, same axes); they are matched as one lesion`
          : `bookmarks ${group.map((i) => lesions[i].lesionId).join(', ')} measure one lesion on ${series.size} series of study ${first.studyId}; they are matched as one lesion and share its track`,
      hint: 'Nothing to do if this is intended; delete the extra bookmark otherwise.',
    })
  }
  return { groups, issues }
}
