/**
 * Hand-made DLS entries for tests: one directed pair in the layout of valid.json.
 */
export interface Side {
  slice: string
  recist: number[]
  spacing?: number[]
}

/** A valid.json-style entry joining two RECIST marks (labels and boxes left out: never read). */
export function entry(source: Side, target: Side): Record<string, unknown> {
  const side = (s: Side, name: string) => ({
    [`${name} recist slice`]: s.slice,
    [`${name} recist coordinate`]: s.recist,
    [`${name} spacing`]: s.spacing ?? [0.8, 0.8, 5],
  })
  return { ...side(source, 'source'), ...side(target, 'target') }
}
