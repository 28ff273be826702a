/**
 * The colour of each lesion track, shared by the Tracks panel swatches and the RECIST marks: a
 * fixed palette, saturated and far from CT greys, assigned in track order so colours stay stable.
 */

/** Distinct hues, none grey; the amber and cyan of untracked marks come first. */
export const TRACK_COLOURS = [
  '#ffb020',
  '#22d3ee',
  '#f472b6',
  '#a3e635',
  '#a78bfa',
  '#fb7185',
  '#34d399',
  '#60a5fa',
] as const

/** The colour of the track at `index` (0-based) in the patient's list; repeats after eight. */
export function trackColour(index: number): string {
  return TRACK_COLOURS[index % TRACK_COLOURS.length]
}
