/**
 * Which slices DeepLesion ships around its key slices, and how its slice indices run. DeepLesion
 * numbers slices from 1 at the most superior slice (instance order of a head-first scan). Around
 * each key slice it ships ±30 mm (±6 slices at 5 mm, ±15 at 2 mm, ±30 at 1 mm), and for lesions
 * longer than about 68 mm half the long axis + 5 mm — an empirical rule that reproduces the
 * Slice_range of all 158 rows of the real DL_info.csv sample. Ranges are clipped to the series
 * and overlapping ranges of one series merge into one.
 */

/** A key slice (DeepLesion index) and the long axis (mm) of a lesion measured on it. */
export interface KeySlice {
  index: number
  longAxisMm: number
}

const LARGE_LESION_MM = 68

/** Half-width of the shipped range around a key slice, in millimetres. */
export function sliceRangeHalfMm(longAxisMm: number): number {
  return longAxisMm > LARGE_LESION_MM ? longAxisMm / 2 + 5 : 30
}

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
  keys: KeySlice[],
  sliceCount: number,
  sliceSpacingMm: number,
): [number, number][] {
  const ranges = [...keys]
    .sort((a, b) => a.index - b.index)
    .map((key): [number, number] => {
      const half = Math.floor(sliceRangeHalfMm(key.longAxisMm) / sliceSpacingMm + 1e-9)
      return [Math.max(1, key.index - half), Math.min(sliceCount, key.index + half)]
    })
    .sort((a, b) => a[0] - b[0])
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
