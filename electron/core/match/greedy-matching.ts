/**
 * Greedy one-to-one matching of weighted lesion pairs: strongest pair first, each lesion used
 * once. Close to optimal for the few lesions a study holds, and cheap enough to run in loops:
 * it works in preallocated buffers and allocates nothing per call.
 */

/** Candidate lists up to this long are sorted by insertion, longer ones by the native sort. */
const INSERTION_SORT_LIMIT = 24

export interface MatchScratch {
  /** Candidate pairs of this call: node indices and weights, `count` in use. */
  rows: Int32Array
  cols: Int32Array
  weights: Float64Array
  count: number
  /** Which nodes are taken, indexed by node (cleared after each call). */
  taken: Uint8Array
  /** Indices (into the candidates) of the chosen pairs, `chosenCount` in use. */
  chosen: Int32Array
  chosenCount: number
  order: Int32Array
}

export function createMatchScratch(nodeCount: number, capacity: number): MatchScratch {
  return {
    rows: new Int32Array(capacity),
    cols: new Int32Array(capacity),
    weights: new Float64Array(capacity),
    count: 0,
    taken: new Uint8Array(nodeCount),
    chosen: new Int32Array(capacity),
    chosenCount: 0,
    order: new Int32Array(capacity),
  }
}

/** Appends a candidate pair (the capacity is the size of the largest study-pair table). */
export function addCandidate(
  scratch: MatchScratch,
  row: number,
  col: number,
  weight: number,
): void {
  const k = scratch.count++
  scratch.rows[k] = row
  scratch.cols[k] = col
  scratch.weights[k] = weight
}

/**
 * Chooses pairs strongest first so that no node is used twice; fills `chosen` and returns the
 * total weight of the chosen pairs. The candidate list is consumed (count reset to 0).
 */
export function greedyMatch(scratch: MatchScratch): number {
  const { rows, cols, weights, taken, order, chosen } = scratch
  const count = scratch.count
  for (let k = 0; k < count; k++) order[k] = k
  if (count <= INSERTION_SORT_LIMIT) {
    // Insertion sort, descending: short candidate lists are often nearly ordered.
    for (let k = 1; k < count; k++) {
      const item = order[k]
      const w = weights[item]
      let m = k - 1
      while (m >= 0 && weights[order[m]] < w) {
        order[m + 1] = order[m]
        m--
      }
      order[m + 1] = item
    }
  } else {
    // Long lists (large patients): the same order, strongest first and earlier first on ties.
    order.subarray(0, count).sort((x, y) => weights[y] - weights[x] || x - y)
  }
  let total = 0
  let chosenCount = 0
  for (let k = 0; k < count; k++) {
    const c = order[k]
    if (taken[rows[c]] || taken[cols[c]]) continue
    taken[rows[c]] = 1
    taken[cols[c]] = 1
    chosen[chosenCount++] = c
    total += weights[c]
  }
  for (let k = 0; k < chosenCount; k++) {
    taken[rows[chosen[k]]] = 0
    taken[cols[chosen[k]]] = 0
  }
  scratch.chosenCount = chosenCount
  scratch.count = 0
  return total
}
