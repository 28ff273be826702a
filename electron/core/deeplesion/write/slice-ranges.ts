/**
 * Which slices DeepLesion ships around its key slices, and how its slice indices run. DeepLesion
 * numbers slices from 1 at the most superior slice (instance order of a head-first scan) and ships
 * the slices within ±30 mm of each key slice (±6 at 5 mm, ±15 at 2 mm, ±30 at 1 mm, as in the real
 * DL_info.csv), clipped to the series; overlapping ranges of one series merge into one.
 */

/** Half-width of the shipped range around a key slice, in millimetres. */
export const SLICE_RANGE_HALF_MM = 30

/** DeepLesion's 1-based slice index of volume slice k (k = 0 the most inferior of `sliceCount`). */
export function deepLesionSliceIndex(k: number, sliceCount: number): number {
  return sliceCount - k
}

/** Volume slice k of a DeepLesion slice index. */
export function volumeSliceOf(deepLesionIndex: number, sliceCount: number): number {
  return sliceCount - deepLesionIndex
}

/** The merged slice ranges ([first, last], DeepLesion indices) covering the given key slices. */
export function mergedSliceRanges(
  keySlices: number[],
  sliceCount: number,
  sliceSpacingMm: number,
): [number, number][] {
  const half = Math.round(SLICE_RANGE_HALF_MM / sliceSpacingMm)
  const ranges = [...new Set(keySlices)]
    .sort((a, b) => a - b)
    .map((key): [number, number] => [Math.max(1, key - half), Math.min(sliceCount, key + half)])
  const merged: [number, number][] = []
  for (const range of ranges) {
    const last = merged[merged.length - 1]
    if (last && range[0] <= last[1] + 1) last[1] = Math.max(last[1], range[1])
    else merged.push([...range])
  }
  return merged
}

/** The merged range that holds `keySlice`. */
export function rangeOf(ranges: [number, number][], keySlice: number): [number, number] {
  const range = ranges.find(([first, last]) => keySlice >= first && keySlice <= last)
  if (!range)
    throw new Error(`key slice ${keySlice} lies in none of the ranges ${JSON.stringify(ranges)}`)
  return range
}
