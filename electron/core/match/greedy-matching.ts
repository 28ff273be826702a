/**
 * Greedy one-to-one matching of weighted lesion pairs: strongest pair first, each lesion used
 * once. Close to optimal for the few lesions a study holds, and cheap enough to run in loops:
 * it works in preallocated buffers and allocates nothing per call.
 */

/** Candidate lists up to this long are sorted by insertion, longer ones go through a heap. */
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
  // The index arrays share one buffer: a buffer costs far more to make than a view into one.
  const indices = new Int32Array(4 * capacity)
  return {
    rows: indices.subarray(0, capacity),
    cols: indices.subarray(capacity, 2 * capacity),
    weights: new Float64Array(capacity),
    count: 0,
    taken: new Uint8Array(nodeCount),
    chosen: indices.subarray(2 * capacity, 3 * capacity),
    chosenCount: 0,
    order: indices.subarray(3 * capacity),
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

/** Whether candidate x comes before y: stronger first, the earlier one on equal weights. */
function before(weights: Float64Array, x: number, y: number): boolean {
  return weights[x] > weights[y] || (weights[x] === weights[y] && x < y)
}

/** Restores the heap order of `order[0 … size)` below position `at`. */
function siftDown(weights: Float64Array, order: Int32Array, size: number, at: number): void {
  const item = order[at]
  for (;;) {
    let child = 2 * at + 1
    if (child >= size) break
    if (child + 1 < size && before(weights, order[child + 1], order[child])) child++
    if (!before(weights, order[child], item)) break
    order[at] = order[child]
    at = child
  }
  order[at] = item
}

/**
 * Long lists (large patients): candidates taken from a heap in the same order as the sort,
 * stopping once one study has no free lesion left, since nothing more can be chosen then.
 */
function chooseFromHeap(scratch: MatchScratch, count: number): number {
  const { rows, cols, weights, taken, order, chosen } = scratch
  let freeRows = 0
  let freeCols = 0
  for (let k = 0; k < count; k++) {
    if (!taken[rows[k]]) freeRows++
    taken[rows[k]] = 1
    if (!taken[cols[k]]) freeCols++
    taken[cols[k]] = 1
  }
  for (let k = 0; k < count; k++) {
    taken[rows[k]] = 0
    taken[cols[k]] = 0
  }
  const limit = Math.min(freeRows, freeCols)
  for (let at = (count >> 1) - 1; at >= 0; at--) siftDown(weights, order, count, at)
  let size = count
  let total = 0
  let chosenCount = 0
  while (size > 0 && chosenCount < limit) {
    const c = order[0]
    order[0] = order[--size]
    siftDown(weights, order, size, 0)
    if (taken[rows[c]] || taken[cols[c]]) continue
    taken[rows[c]] = 1
    taken[cols[c]] = 1
    chosen[chosenCount++] = c
    total += weights[c]
  }
  scratch.chosenCount = chosenCount
  return total
}

/** Short lists: insertion sort, descending (they are often nearly ordered), then one pass. */
function chooseSorted(scratch: MatchScratch, count: number): number {
  const { rows, cols, weights, taken, order, chosen } = scratch
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
  scratch.chosenCount = chosenCount
  return total
}

/**
 * Chooses pairs strongest first (the earlier candidate first on equal weights) so that no node
 * is used twice; fills `chosen` and returns the total weight of the chosen pairs. The candidate
 * list is consumed (count reset to 0).
 */
export function greedyMatch(scratch: MatchScratch): number {
  const { rows, cols, taken, order, chosen } = scratch
  const count = scratch.count
  for (let k = 0; k < count; k++) order[k] = k
  const total =
    count <= INSERTION_SORT_LIMIT ? chooseSorted(scratch, count) : chooseFromHeap(scratch, count)
  for (let k = 0; k < scratch.chosenCount; k++) {
    taken[rows[chosen[k]]] = 0
    taken[cols[chosen[k]]] = 0
  }
  scratch.count = 0
  return total
}
