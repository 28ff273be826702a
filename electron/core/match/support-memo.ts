/**
 * A memo of the last few shift supports asked of each study pair: the joint alignment asks for
 * the support of the same relative shift many times (every sweep, both starts, the confidence
 * check), and each answer costs a scan of the pair table and a one-to-one matching.
 */

/** Shifts remembered per study pair (the most recent ones; older ones are overwritten). */
const SLOTS = 8

export interface SupportMemo {
  /** Oriented shift (x y z) of each slot, SLOTS slots per study pair. */
  shifts: Float64Array
  supports: Float64Array
  /** Slots in use and the next slot to overwrite, per study pair. */
  filled: Int32Array
  next: Int32Array
}

/** An empty memo for `pairCount` study pairs. */
export function createSupportMemo(pairCount: number): SupportMemo {
  return {
    shifts: new Float64Array(pairCount * SLOTS * 3),
    supports: new Float64Array(pairCount * SLOTS),
    filled: new Int32Array(pairCount),
    next: new Int32Array(pairCount),
  }
}

/** The support remembered for exactly this shift of study pair `pair`, or NaN. */
export function recallSupport(
  memo: SupportMemo,
  pair: number,
  sx: number,
  sy: number,
  sz: number,
): number {
  const base = pair * SLOTS
  for (let k = 0; k < memo.filled[pair]; k++) {
    const o = 3 * (base + k)
    if (memo.shifts[o] === sx && memo.shifts[o + 1] === sy && memo.shifts[o + 2] === sz) {
      return memo.supports[base + k]
    }
  }
  return Number.NaN
}

/** Remembers the support of a shift of study pair `pair`, overwriting its oldest entry. */
export function rememberSupport(
  memo: SupportMemo,
  pair: number,
  sx: number,
  sy: number,
  sz: number,
  support: number,
): void {
  const slot = memo.next[pair]
  const o = 3 * (pair * SLOTS + slot)
  memo.shifts[o] = sx
  memo.shifts[o + 1] = sy
  memo.shifts[o + 2] = sz
  memo.supports[pair * SLOTS + slot] = support
  memo.next[pair] = (slot + 1) % SLOTS
  if (memo.filled[pair] < SLOTS) memo.filled[pair]++
}
