/**
 * One patient's lesions packed for the algorithms: one node per physical lesion of a study
 * (duplicates merged), study indices in time order, and flat arrays of positions and sizes.
 */
import type { MatcherModel } from './model'
import { lesionToleranceMm } from './noise'
import type { StudyRef } from './validate'
import type { MatchLesion } from './types'

export interface LesionSet {
  patientId: string
  /** Studies that have lesions, in time order; a node's study index points in here. */
  studies: StudyRef[]
  /** The bookmarks of each node; the first one names the node. */
  nodeLesions: MatchLesion[][]
  studyOfNode: Int32Array
  nodesOfStudy: Int32Array[]
  /** Scanner-frame centre of each node, x y z interleaved (mm). */
  positionMm: Float64Array
  logLongAxis: Float64Array
  /** NaN where no bookmark of the node measured a short axis (see logShortRatio). */
  logShortAxis: Float64Array
  toleranceXyMm: Float64Array
  toleranceZMm: Float64Array
}

/** Packs validated lesions, grouped by `groups` (from groupDuplicates), into a LesionSet. */
export function buildLesionSet(
  patientId: string,
  lesions: readonly MatchLesion[],
  groups: readonly number[][],
  model: MatcherModel,
): LesionSet {
  const orderOf = new Map<string, number>()
  for (const l of lesions) orderOf.set(l.studyId, l.studyOrder)
  const studies = [...orderOf]
    .map(([studyId, studyOrder]) => ({ studyId, studyOrder }))
    .sort((a, b) => a.studyOrder - b.studyOrder || a.studyId.localeCompare(b.studyId))
  const studyIndex = new Map(studies.map((s, i) => [s.studyId, i]))
  const n = groups.length
  const set: LesionSet = {
    patientId,
    studies,
    nodeLesions: groups.map((g) => g.map((i) => lesions[i])),
    studyOfNode: new Int32Array(n),
    nodesOfStudy: [],
    positionMm: new Float64Array(3 * n),
    logLongAxis: new Float64Array(n),
    logShortAxis: new Float64Array(n),
    toleranceXyMm: new Float64Array(n),
    toleranceZMm: new Float64Array(n),
  }
  const members: number[][] = studies.map(() => [])
  set.nodeLesions.forEach((group, node) => {
    const s = studyIndex.get(group[0].studyId) as number
    set.studyOfNode[node] = s
    members[s].push(node)
    let logLong = 0
    let logShort = 0
    let shortAxes = 0
    for (const l of group) {
      for (let d = 0; d < 3; d++)
        set.positionMm[3 * node + d] += l.positionInScannerMm[d] / group.length
      logLong += Math.log(l.longAxisMm) / group.length
      if (l.shortAxisMm === null) continue
      // A zero short axis (a line drawn as both axes) is read as a tenth of the long one.
      logShort += Math.log(Math.max(l.shortAxisMm, 0.1 * l.longAxisMm))
      shortAxes++
    }
    set.logLongAxis[node] = logLong
    set.logShortAxis[node] = shortAxes > 0 ? logShort / shortAxes : NaN
    const tolerance = lesionToleranceMm(model.noise, Math.exp(logLong))
    set.toleranceXyMm[node] = tolerance.xyMm
    set.toleranceZMm[node] = tolerance.zMm
  })
  set.nodesOfStudy = members.map((m) => Int32Array.from(m))
  return set
}

/**
 * Log ratio of the short axes of nodes i and j; where either was measured by its long axis only,
 * the log ratio of the long axes — the lesion is taken to keep its shape.
 */
export function logShortRatio(set: LesionSet, i: number, j: number): number {
  const ratio = set.logShortAxis[i] - set.logShortAxis[j]
  return Number.isNaN(ratio) ? set.logLongAxis[i] - set.logLongAxis[j] : ratio
}
