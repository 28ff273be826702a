/**
 * A memo of the last few shifts measured for each study pair — their support and the summed
 * displacement of the pairs they matched: the joint alignment asks about the same relative shift
 * many times (every sweep, both starts, the refit, the confidence check), and each answer costs
 * a scan of the pair table and a one-to-one matching.
 */

/** Shifts remembered per study pair (the most recent ones; older ones are overwritten). */
const SLOTS = 16

export interface SupportMemo {
  /** Oriented shift (x y z) of each slot, SLOTS slots per study pair. */
  shifts: Float64Array
  supports: Float64Array
  /** Agreement-weighted sum of the matched pairs' displacements (x y z) of each slot. */
  displacements: Float64Array
  /** Slots in use and the next slot to overwrite, per study pair. */
  filled: Int32Array
  next: Int32Array
}

/** An empty memo for `pairCount` study pairs, its arrays carved out of two buffers. */
export function createSupportMemo(pairCount: number): SupportMemo {
  const size = pairCount * SLOTS
  const values = new Float64Array(7 * size)
  const counts = new Int32Array(2 * pairCount)
  return {
    shifts: values.subarray(0, 3 * size),
    supports: values.subarray(3 * size, 4 * size),
    displacements: values.subarray(4 * size),
    filled: counts.subarray(0, pairCount),
    next: counts.subarray(pairCount),
  }
}

/** The slot holding exactly the shift `shiftMm` (x y z) of study pair `pair`, or -1. */
export function recallShift(memo: SupportMemo, pair: number, shiftMm: Float64Array): number {
  const base = pair * SLOTS
  const sx = shiftMm[0]
  const sy = shiftMm[1]
  const sz = shiftMm[2]
  for (let k = 0; k < memo.filled[pair]; k++) {
    const o = 3 * (base + k)
    if (memo.shifts[o] === sx && memo.shifts[o + 1] === sy && memo.shifts[o + 2] === sz) {
      return base + k
    }
  }
  return -1
}

/**
 * Takes a slot for the shift `shiftMm` (x y z) of study pair `pair`, overwriting the pair's
 * oldest entry, and returns it; the caller fills in the support and the displacement sum (they
 * come from the matching).
 */
export function rememberShift(memo: SupportMemo, pair: number, shiftMm: Float64Array): number {
  const next = memo.next[pair]
  const slot = pair * SLOTS + next
  memo.shifts[3 * slot] = shiftMm[0]
  memo.shifts[3 * slot + 1] = shiftMm[1]
  memo.shifts[3 * slot + 2] = shiftMm[2]
  memo.next[pair] = (next + 1) % SLOTS
  if (memo.filled[pair] < SLOTS) memo.filled[pair]++
  return slot
}
