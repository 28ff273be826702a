/**
 * Greedy one-to-one matching of weighted lesion pairs: strongest pair first, each lesion used
 * once. Close to optimal for the few lesions a study holds, and cheap enough to run in loops.
 */

/** Candidate pairs of row and column indices with a weight each; `count` of them are in use. */
export interface PairList {
  rows: Int32Array
  cols: Int32Array
  weights: Float64Array
  count: number
}

export function createPairList(capacity: number): PairList {
  return {
    rows: new Int32Array(capacity),
    cols: new Int32Array(capacity),
    weights: new Float64Array(capacity),
    count: 0,
  }
}

/** Appends a pair, growing the buffers when full. */
export function pushPair(list: PairList, row: number, col: number, weight: number): void {
  if (list.count === list.rows.length) {
    const grown = createPairList(Math.max(16, 2 * list.count))
    grown.rows.set(list.rows)
    grown.cols.set(list.cols)
    grown.weights.set(list.weights)
    list.rows = grown.rows
    list.cols = grown.cols
    list.weights = grown.weights
  }
  list.rows[list.count] = row
  list.cols[list.count] = col
  list.weights[list.count] = weight
  list.count++
}

/**
 * Picks pairs strongest first so that no row or column is used twice; returns the indices (into
 * the list) of the chosen pairs and their total weight.
 */
export function greedyMatch(list: PairList): { chosen: number[]; total: number } {
  const order = Array.from({ length: list.count }, (_, k) => k)
  order.sort((x, y) => list.weights[y] - list.weights[x])
  const usedRows = new Set<number>()
  const usedCols = new Set<number>()
  const chosen: number[] = []
  let total = 0
  for (const k of order) {
    const r = list.rows[k]
    const c = list.cols[k]
    if (usedRows.has(r) || usedCols.has(c)) continue
    usedRows.add(r)
    usedCols.add(c)
    chosen.push(k)
    total += list.weights[k]
  }
  return { chosen, total }
}
