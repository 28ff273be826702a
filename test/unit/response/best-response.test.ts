// Best overall response by the RECIST 1.1 confirmation rules: a response counts when a later
// assessment four weeks on confirms it, stable disease when met six weeks after baseline, and
// nothing after the first progression; without dates the next assessment confirms.
import { describe, expect, it } from 'vitest'
import { bestOverallResponse } from '../../../electron/core/response/best-response'
import type { RecistCategory, RecistTimepointResult } from '../../../electron/core/response/types'

/** Timepoints with these categories, labelled by their dates. */
function readings(categories: RecistCategory[], dates: string[]): RecistTimepointResult[] {
  return categories.map((category, k) => ({
    studyId: `S${k}`,
    studyIds: [`S${k}`],
    label: dates[k] || `study ${k + 1}`,
    sumMm: null,
    measuredTargets: 0,
    notMeasured: [],
    nonTargetsOpen: [],
    changeFromBaseline: null,
    nadirMm: null,
    newLesions: [],
    category,
    rule: '',
  }))
}

const best = (categories: RecistCategory[], dates: string[]) =>
  bestOverallResponse(readings(categories, dates), dates)

const DATES = ['2024-01-01', '2024-02-26', '2024-04-22', '2024-06-17']

describe('bestOverallResponse', () => {
  it('needs a later PR or CR at least 28 days on to confirm a PR', () => {
    expect(best(['baseline', 'PR', 'PR', 'SD'], DATES)).toEqual({
      category: 'PR',
      rule: 'PR at 2024-02-26, confirmed at 2024-04-22',
    })
    // Only 14 days apart: not confirmed, so stable disease (met ≥ 42 days after baseline).
    expect(
      best(['baseline', 'PR', 'PR'], ['2024-01-01', '2024-02-26', '2024-03-11']).category,
    ).toBe('SD')
  })

  it('confirms a CR only by a later CR, and reads CR then PR as PR', () => {
    expect(best(['baseline', 'CR', 'CR'], DATES.slice(0, 3)).category).toBe('CR')
    expect(best(['baseline', 'CR', 'PR'], DATES.slice(0, 3)).category).toBe('PR')
  })

  it('ignores everything after the first progression', () => {
    expect(best(['baseline', 'PD', 'PR', 'PR'], DATES)).toEqual({
      category: 'PD',
      rule: 'progression at 2024-02-26',
    })
    expect(best(['baseline', 'SD', 'PD', 'PR'], DATES).category).toBe('SD')
  })

  it('counts stable disease from the protocol’s least time after baseline', () => {
    const dates = ['2024-01-01', '2024-01-29']
    const readings4Weeks = bestOverallResponse(readings(['baseline', 'SD'], dates), dates, 28)
    expect(readings4Weeks).toEqual({
      category: 'SD',
      rule: 'stable disease or better at 2024-01-29 (≥ 28 days after baseline)',
    })
    expect(bestOverallResponse(readings(['baseline', 'SD'], dates), dates, 29).category).toBe('NE')
  })

  it('needs six weeks for stable disease, and says NE with nothing to go on', () => {
    expect(best(['baseline', 'SD'], ['2024-01-01', '2024-01-29']).category).toBe('NE')
    expect(
      best(['baseline', 'SD', 'PD'], ['2024-01-01', '2024-01-29', '2024-03-01']).category,
    ).toBe('PD')
    expect(best(['baseline', 'NE', 'NE'], DATES.slice(0, 3)).category).toBe('NE')
  })

  it('lets the next assessment confirm when the studies have no dates', () => {
    const undated = best(['baseline', 'PR', 'PR'], ['', '', ''])
    expect(undated.category).toBe('PR')
    expect(undated.rule).toContain('study dates unknown')
  })
})
