/**
 * The item nearest in study order to a study: where a lesion seen elsewhere is looked for, or
 * which placed study carries a registration into the matcher's frame. Ties go to the earlier item.
 */

/** The item of `items` whose order (`orderOf`) is closest to `order`; undefined when none. */
export function nearestInOrder<T>(
  items: readonly T[],
  orderOf: (item: T) => number,
  order: number,
): T | undefined {
  let best: T | undefined
  let bestDistance = Infinity
  for (const item of items) {
    const distance = Math.abs(orderOf(item) - order)
    if (distance < bestDistance) [best, bestDistance] = [item, distance]
  }
  return best
}
