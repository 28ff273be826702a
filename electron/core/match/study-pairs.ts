/**
 * For every two studies of a patient, the lesion pairs that could be one lesion (sizes not
 * incompatible), with their raw displacement and tolerances, sorted by x displacement so that
 * a shift only has to look at the pairs it can line up.
 */
import type { LesionSet } from './lesion-set'
import type { MatcherModel } from './model'
import { pairTolerance, sizeAgreement } from './noise'

/** Size agreements below this never contribute: the pair is left out of the table. */
export const AGREEMENT_FLOOR = 1e-4

export interface StudyPairTable {
  count: number
  /** Node indices: a in the earlier-indexed study, b in the later. */
  a: Int32Array
  b: Int32Array
  sizeWeight: Float64Array
  /** Scanner-frame displacement b − a (mm), ascending in dx. */
  dx: Float64Array
  dy: Float64Array
  dz: Float64Array
  /** 1 / tolerance² of the pair, in-plane and through-plane. */
  invXy2: Float64Array
  invZ2: Float64Array
  /** Largest tolerances of any pair in the table (mm). */
  maxToleranceXyMm: number
  maxToleranceZMm: number
}

function tableFor(
  set: LesionSet,
  model: MatcherModel,
  studyA: number,
  studyB: number,
): StudyPairTable {
  const nodesA = set.nodesOfStudy[studyA]
  const nodesB = set.nodesOfStudy[studyB]
  const capacity = nodesA.length * nodesB.length
  const a = new Int32Array(capacity)
  const b = new Int32Array(capacity)
  const sizeWeight = new Float64Array(capacity)
  const dx = new Float64Array(capacity)
  let count = 0
  for (const i of nodesA) {
    for (const j of nodesB) {
      const w = sizeAgreement(
        set.logLongAxis[i],
        set.logShortAxis[i],
        set.logLongAxis[j],
        set.logShortAxis[j],
        model.alignment.sizeSigmaLog,
      )
      if (w < AGREEMENT_FLOOR) continue
      a[count] = i
      b[count] = j
      sizeWeight[count] = w
      dx[count] = set.positionMm[3 * j] - set.positionMm[3 * i]
      count++
    }
  }
  // Sort by dx natively: each key is dx in 1/64 mm, with the entry's index in the low bits.
  const indexBits = 2 ** Math.ceil(Math.log2(count + 1))
  const keys = new Float64Array(count)
  for (let k = 0; k < count; k++) keys[k] = Math.round(dx[k] * 64) * indexBits + k
  keys.sort()
  const order = Array.from(keys, (key) => ((key % indexBits) + indexBits) % indexBits)
  const table: StudyPairTable = {
    count,
    a: new Int32Array(count),
    b: new Int32Array(count),
    sizeWeight: new Float64Array(count),
    dx: new Float64Array(count),
    dy: new Float64Array(count),
    dz: new Float64Array(count),
    invXy2: new Float64Array(count),
    invZ2: new Float64Array(count),
    maxToleranceXyMm: 0,
    maxToleranceZMm: 0,
  }
  order.forEach((k, m) => {
    const i = a[k]
    const j = b[k]
    const sxy = pairTolerance(set.toleranceXyMm[i], set.toleranceXyMm[j])
    const sz = pairTolerance(set.toleranceZMm[i], set.toleranceZMm[j])
    table.a[m] = i
    table.b[m] = j
    table.sizeWeight[m] = sizeWeight[k]
    table.dx[m] = dx[k]
    table.dy[m] = set.positionMm[3 * j + 1] - set.positionMm[3 * i + 1]
    table.dz[m] = set.positionMm[3 * j + 2] - set.positionMm[3 * i + 2]
    table.invXy2[m] = 1 / (sxy * sxy)
    table.invZ2[m] = 1 / (sz * sz)
    table.maxToleranceXyMm = Math.max(table.maxToleranceXyMm, sxy)
    table.maxToleranceZMm = Math.max(table.maxToleranceZMm, sz)
  })
  return table
}

/** Tables for every study pair (a < b), at index a * studyCount + b. */
export function buildStudyPairTables(set: LesionSet, model: MatcherModel): StudyPairTable[] {
  const studyCount = set.studies.length
  const tables: StudyPairTable[] = new Array(studyCount * studyCount)
  for (let a = 0; a < studyCount; a++) {
    for (let b = a + 1; b < studyCount; b++) tables[a * studyCount + b] = tableFor(set, model, a, b)
  }
  return tables
}

/** First index whose dx is at least `value` (binary search; dx is sorted to 1/64 mm). */
export function lowerBound(sorted: Float64Array, count: number, value: number): number {
  let lo = 0
  let hi = count
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (sorted[mid] < value) lo = mid + 1
    else hi = mid
  }
  return lo
}
