/**
 * For every two studies of a patient, the lesion pairs that could be one lesion (sizes not
 * incompatible), with their raw displacement and tolerances, sorted by x displacement so that
 * a shift only has to look at the pairs it can line up.
 */
import type { LesionSet } from './lesion-set'
import type { MatcherModel } from './model'
import { agreementReach, pairTolerance, sizeAgreement } from './noise'

/**
 * Agreements below this (3 % of a perfect match) never contribute: such pairs are skipped. With
 * the heavy-tailed position noise a pair keeps some agreement far out; counting it further adds
 * scans and matchings but no accuracy (DLS cross-validation within ±0.002 from 1e-4 to 0.05).
 */
export const AGREEMENT_FLOOR = 0.03
/** Sizes this unlike (over 5× on one axis) cannot make a pair worth a place in the table. */
const SIZE_FLOOR = 0.05

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
  /**
   * Squared normalised residual beyond which the pair's agreement (its size weight times its
   * position agreement) is below AGREEMENT_FLOOR: it cannot count, whatever the shift.
   */
  maxResidual2: Float64Array
  /** Largest x displacement error (mm) at which any pair of the table can still count. */
  reachXMm: number
  /**
   * No shift can give the two studies more support than this: a matched pair's agreement is at
   * most its size weight, and each lesion of either study is matched at most once.
   */
  maxSupport: number
}

/** Field blocks of one patient's tables: every table is a run of views into these. */
interface TableStorage {
  /** Capacity of each block (pairs of all study pairs). */
  capacity: number
  /** Node indices: block 0 holds `a`, block 1 holds `b`. */
  nodes: Int32Array
  /** sizeWeight, dx, dy, dz, invXy2, invZ2, maxResidual2, one block each. */
  values: Float64Array
  /** Pairs written so far (the next table starts here). */
  used: number
  /** Scratch, by node: the best size weight of each lesion in the table being built. */
  bestWeight: Float64Array
  /** Scratch of the largest table: unsorted pairs, their size weights and sort keys. */
  pairA: Int32Array
  pairB: Int32Array
  weight: Float64Array
  keys: Float64Array
}

/** Entries start … start + count of field block `block` (blocks of `capacity` entries). */
function blockView<T extends Int32Array | Float64Array>(
  blocks: T,
  capacity: number,
  block: number,
  start: number,
  count: number,
): T {
  return blocks.subarray(block * capacity + start, block * capacity + start + count) as T
}

function tableFor(
  set: LesionSet,
  model: MatcherModel,
  storage: TableStorage,
  studyA: number,
  studyB: number,
): StudyPairTable {
  const nodesA = set.nodesOfStudy[studyA]
  const nodesB = set.nodesOfStudy[studyB]
  const { logLongAxis, logShortAxis, positionMm, toleranceXyMm, toleranceZMm } = set
  const sigma = model.alignment.sizeSigmaLog
  const capacity = nodesA.length * nodesB.length
  const { pairA, pairB, weight, keys } = storage
  // Sort by dx natively: each key is dx in 1/64 mm with the pair's index in the low bits.
  const indexBits = 2 ** Math.ceil(Math.log2(capacity + 1))
  let count = 0
  for (let p = 0; p < nodesA.length; p++) {
    const i = nodesA[p]
    for (let q = 0; q < nodesB.length; q++) {
      const j = nodesB[q]
      const w = sizeAgreement(
        logLongAxis[i],
        logShortAxis[i],
        logLongAxis[j],
        logShortAxis[j],
        sigma,
      )
      if (w < SIZE_FLOOR) continue
      pairA[count] = i
      pairB[count] = j
      weight[count] = w
      keys[count] = Math.round((positionMm[3 * j] - positionMm[3 * i]) * 64) * indexBits + count
      count++
    }
  }
  const sorted = keys.subarray(0, count).sort()
  const start = storage.used
  storage.used += count
  const a = blockView(storage.nodes, storage.capacity, 0, start, count)
  const b = blockView(storage.nodes, storage.capacity, 1, start, count)
  const sizeWeight = blockView(storage.values, storage.capacity, 0, start, count)
  const dx = blockView(storage.values, storage.capacity, 1, start, count)
  const dy = blockView(storage.values, storage.capacity, 2, start, count)
  const dz = blockView(storage.values, storage.capacity, 3, start, count)
  const invXy2 = blockView(storage.values, storage.capacity, 4, start, count)
  const invZ2 = blockView(storage.values, storage.capacity, 5, start, count)
  const maxResidual2 = blockView(storage.values, storage.capacity, 6, start, count)
  let reachXMm = 0
  for (let m = 0; m < count; m++) {
    const k = ((sorted[m] % indexBits) + indexBits) % indexBits
    const i = pairA[k]
    const j = pairB[k]
    const sxy = pairTolerance(toleranceXyMm[i], toleranceXyMm[j])
    const sz = pairTolerance(toleranceZMm[i], toleranceZMm[j])
    a[m] = i
    b[m] = j
    sizeWeight[m] = weight[k]
    dx[m] = positionMm[3 * j] - positionMm[3 * i]
    dy[m] = positionMm[3 * j + 1] - positionMm[3 * i + 1]
    dz[m] = positionMm[3 * j + 2] - positionMm[3 * i + 2]
    invXy2[m] = 1 / (sxy * sxy)
    invZ2[m] = 1 / (sz * sz)
    maxResidual2[m] = agreementReach(model.noise, AGREEMENT_FLOOR / weight[k])
    reachXMm = Math.max(reachXMm, Math.sqrt(maxResidual2[m]) * sxy)
  }
  return {
    count,
    a,
    b,
    sizeWeight,
    dx,
    dy,
    dz,
    invXy2,
    invZ2,
    maxResidual2,
    reachXMm,
    maxSupport: Math.min(
      bestWeightSum(storage.bestWeight, nodesA, pairA, weight, count),
      bestWeightSum(storage.bestWeight, nodesB, pairB, weight, count),
    ),
  }
}

/** Sum over `nodes` of each one's best weight among the pairs (`nodeOf`, `weight`) it is in. */
function bestWeightSum(
  best: Float64Array,
  nodes: Int32Array,
  nodeOf: Int32Array,
  weight: Float64Array,
  count: number,
): number {
  for (let k = 0; k < nodes.length; k++) best[nodes[k]] = 0
  for (let k = 0; k < count; k++) best[nodeOf[k]] = Math.max(best[nodeOf[k]], weight[k])
  let sum = 0
  for (let k = 0; k < nodes.length; k++) sum += best[nodes[k]]
  return sum
}

/**
 * Tables for every study pair (a < b), at index a * studyCount + b. All tables of the patient
 * share two buffers (each table's arrays are views into them): a patient has tens of tables,
 * and a typed array with its own buffer costs far more to make and collect than its few pairs.
 */
export function buildStudyPairTables(set: LesionSet, model: MatcherModel): StudyPairTable[] {
  const studyCount = set.studies.length
  const sizes = set.nodesOfStudy.map((nodes) => nodes.length)
  let total = 0
  let largest = 0
  for (let a = 0; a < studyCount; a++) {
    for (let b = a + 1; b < studyCount; b++) {
      total += sizes[a] * sizes[b]
      largest = Math.max(largest, sizes[a] * sizes[b])
    }
  }
  const n = set.studyOfNode.length
  const integers = new Int32Array(2 * total + 2 * largest)
  const reals = new Float64Array(7 * total + n + 2 * largest)
  const storage: TableStorage = {
    capacity: total,
    nodes: integers.subarray(0, 2 * total),
    values: reals.subarray(0, 7 * total),
    used: 0,
    bestWeight: reals.subarray(7 * total, 7 * total + n),
    pairA: integers.subarray(2 * total, 2 * total + largest),
    pairB: integers.subarray(2 * total + largest),
    weight: reals.subarray(7 * total + n, 7 * total + n + largest),
    keys: reals.subarray(7 * total + n + largest),
  }
  const tables: StudyPairTable[] = new Array(studyCount * studyCount)
  for (let a = 0; a < studyCount; a++) {
    for (let b = a + 1; b < studyCount; b++) {
      tables[a * studyCount + b] = tableFor(set, model, storage, a, b)
    }
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
