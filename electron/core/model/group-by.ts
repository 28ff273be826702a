/** Records grouped by a key (a patient, a series folder, a file name …), the one way all do it. */

/** `items` grouped by `keyOf`, groups in the order their first item comes, items in order. */
export function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>()
  for (const item of items) {
    const key = keyOf(item)
    const group = groups.get(key)
    if (group) group.push(item)
    else groups.set(key, [item])
  }
  return groups
}
