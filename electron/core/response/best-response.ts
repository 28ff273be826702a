/**
 * RECIST 1.1 best overall response from the timepoint categories, in time order up to the first
 * progression: a CR or PR counts only when a later assessment at least four weeks on confirms it
 * (non-randomised trials), SD only when it was met the protocol's least time after baseline.
 */
import { daysFromBaseline } from '../model/study-dates'
import { DEFAULT_RESPONSE_PROTOCOL } from './protocol'
import type { RecistCategory, RecistTimepointResult } from './types'

/** Least interval between a response and the assessment confirming it (RECIST 1.1: 4 weeks). */
export const CONFIRMATION_DAYS = 28

export interface BestResponse {
  category: Exclude<RecistCategory, 'baseline'>
  /** The rule and the assessments that gave it. */
  rule: string
}

/**
 * The best overall response of `timepoints` (baseline first) whose studies are dated `dates`
 * (YYYY-MM-DD, '' when unknown), stable disease counting from `stableDiseaseMinDays` after
 * baseline. Without dates, the next assessment confirms and any follow-up
 * counts for stable disease, and the rule says so.
 */
export function bestOverallResponse(
  timepoints: readonly RecistTimepointResult[],
  dates: readonly string[],
  stableDiseaseMinDays: number = DEFAULT_RESPONSE_PROTOCOL.stableDiseaseMinDays,
): BestResponse {
  const days = dates.map((d) => daysFromBaseline(d, dates[0]))
  const undated = days.some((d) => d === null)
  const apart = (a: number, b: number) =>
    undated ? b > a : (days[b] as number) - (days[a] as number) >= CONFIRMATION_DAYS
  const lateEnough = (k: number) => undated || (days[k] as number) >= stableDiseaseMinDays
  const firstPd = timepoints.findIndex((t, k) => k > 0 && t.category === 'PD')
  const end = firstPd === -1 ? timepoints.length : firstPd
  const label = (k: number) => timepoints[k].label
  const note = undated ? ' (study dates unknown: the next assessment confirms)' : ''
  const confirmed = (wanted: readonly RecistCategory[], k: number) =>
    timepoints
      .slice(k + 1, end)
      .findIndex((t, n) => wanted.includes(t.category) && apart(k, k + 1 + n))
  for (let k = 1; k < end; k++) {
    if (timepoints[k].category !== 'CR') continue
    const n = confirmed(['CR'], k)
    if (n >= 0) {
      return { category: 'CR', rule: `CR at ${label(k)}, confirmed at ${label(k + 1 + n)}${note}` }
    }
  }
  for (let k = 1; k < end; k++) {
    if (timepoints[k].category !== 'PR' && timepoints[k].category !== 'CR') continue
    const n = confirmed(['PR', 'CR'], k)
    if (n >= 0) {
      const seen = timepoints[k].category
      return {
        category: 'PR',
        rule: `${seen} at ${label(k)}, confirmed at ${label(k + 1 + n)}${note}`,
      }
    }
  }
  for (let k = 1; k < end; k++) {
    if (['SD', 'PR', 'CR'].includes(timepoints[k].category) && lateEnough(k)) {
      const why = undated ? '' : ` (≥ ${stableDiseaseMinDays} days after baseline)`
      return { category: 'SD', rule: `stable disease or better at ${label(k)}${why}${note}` }
    }
  }
  if (firstPd !== -1) return { category: 'PD', rule: `progression at ${label(firstPd)}` }
  return { category: 'NE', rule: 'no follow-up assessment meets a response criterion yet' }
}
