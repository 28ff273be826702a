/**
 * Intervals between study dates (YYYY-MM-DD, '' when the source has none), for what is read in
 * days: the response's confirmation intervals and the de-identified export's study days.
 */

const MS_PER_DAY = 86_400_000

/** Whole days from `baselineDate` to `date`; null when either is unknown. */
export function daysFromBaseline(date: string, baselineDate: string): number | null {
  const t = Date.parse(`${date}T00:00:00Z`)
  const t0 = Date.parse(`${baselineDate}T00:00:00Z`)
  if (Number.isNaN(t) || Number.isNaN(t0)) return null
  return Math.round((t - t0) / MS_PER_DAY)
}
