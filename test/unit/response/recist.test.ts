// RECIST 1.1 on hand-made patients whose categories follow from the published rules: target
// choice (measurable, five in all, two per organ, largest first) and each timepoint category.
import { describe, expect, it } from 'vitest'
import { assessRecist } from '../../../electron/core/response/recist-response'
import { selectTargets } from '../../../electron/core/response/recist-targets'
import type { RecistLesion, RecistMeasurement } from '../../../electron/core/response/types'

type Size = number | 'gone' | null

/** A lesion measured with long axis `sizes[k]` (short axis 0.6 of it) at timepoint k. */
function lesion(label: string, organ: string, sizes: Size[], nodal = false): RecistLesion {
  return {
    trackId: `T-${label}`,
    label,
    organ,
    nodal,
    measurements: sizes.map((s): RecistMeasurement | 'disappeared' | undefined =>
      s === null
        ? undefined
        : s === 'gone'
          ? 'disappeared'
          : { longAxisMm: s, shortAxisMm: 0.6 * s },
    ),
  }
}

const timepoints = (n: number) =>
  Array.from({ length: n }, (_, k) => ({
    studyId: `S${k}`,
    studyIds: [`S${k}`],
    label: `2024-0${k + 1}-01`,
  }))

describe('selectTargets', () => {
  it('takes the largest measurable lesions, two per organ and five in all', () => {
    const { targets, nonTargets } = selectTargets([
      lesion('L1', 'liver', [40]),
      lesion('L2', 'liver', [30]),
      lesion('L3', 'liver', [50]),
      lesion('Lu1', 'lung', [12]),
      lesion('Lu2', 'lung', [8]),
      lesion('N1', 'mediastinum', [30], true), // short axis 18 mm: a measurable node
      lesion('N2', 'mediastinum', [20], true), // short axis 12 mm: not measurable
      lesion('B1', 'bone', [25]),
      lesion('K1', 'kidney', [11]),
      lesion('Late', 'liver', [null, 60]),
    ])
    expect(targets.map((t) => t.label)).toEqual(['L3', 'L1', 'B1', 'N1', 'Lu1'])
    expect(targets.find((t) => t.label === 'N1')).toMatchObject({ axis: 'short', baselineMm: 18 })
    const reasonOf = new Map(nonTargets.map((n) => [n.label, n.reason]))
    expect(reasonOf.get('L2')).toBe('2 targets already in the liver')
    expect(reasonOf.get('Lu2')).toBe('long axis 8.0 mm < 10 mm (not measurable)')
    expect(reasonOf.get('N2')).toBe('node short axis 12.0 mm < 15 mm (not measurable)')
    expect(reasonOf.get('K1')).toBe('5 targets already')
    // Not seen at baseline: neither a target nor a non-target.
    expect(reasonOf.has('Late')).toBe(false)
  })

  it('applies the reader’s changes: dropped targets leave, chosen lesions join where rules allow', () => {
    const lesions = [
      lesion('L1', 'liver', [40]),
      lesion('L2', 'liver', [30]),
      lesion('L3', 'liver', [20]),
      lesion('Lu1', 'lung', [12]),
      lesion('Lu2', 'lung', [8]),
    ]
    const { targets, nonTargets } = selectTargets(lesions, {
      dropped: new Set(['T-L1']),
      chosen: new Set(['T-L3', 'T-Lu2']),
    })
    expect(targets.map((t) => [t.label, t.chosenBy])).toEqual([
      ['L2', 'rule'],
      ['L3', 'reader'],
      ['Lu1', 'rule'],
    ])
    const reasonOf = new Map(nonTargets.map((n) => [n.label, n.reason]))
    expect(reasonOf.get('L1')).toBe('dropped by the reader')
    expect(reasonOf.get('Lu2')).toBe(
      'chosen by the reader, but long axis 8.0 mm < 10 mm (not measurable)',
    )
    // A third liver target is refused even when the reader chooses it.
    const third = selectTargets(lesions, { dropped: new Set(), chosen: new Set(['T-L3']) })
    expect(third.targets.map((t) => t.label)).toEqual(['L1', 'L2', 'Lu1'])
    expect(third.nonTargets.find((n) => n.label === 'L3')?.reason).toBe(
      'chosen by the reader, but 2 targets already in the liver',
    )
  })

  it('does not hold lesions of unknown organ to the two-per-organ rule', () => {
    const { targets } = selectTargets([
      lesion('A', '', [30]),
      lesion('B', '', [20]),
      lesion('C', '', [15]),
    ])
    expect(targets).toHaveLength(3)
  })
})

describe('assessRecist', () => {
  it('reads PR at −30 % from baseline and PD at +20 % and +5 mm over the nadir', () => {
    const a = assessRecist(timepoints(5), [
      lesion('A', 'liver', [60, 40, 42, 44, 50]),
      lesion('B', 'lung', [40, 25, 26, 30, 34]),
    ])
    expect(a.timepoints.map((t) => t.category)).toEqual(['baseline', 'PR', 'PR', 'SD', 'PD'])
    expect(a.timepoints.map((t) => t.sumMm)).toEqual([100, 65, 68, 74, 84])
    // The nadir is the smallest sum before each timepoint.
    expect(a.timepoints.map((t) => t.nadirMm)).toEqual([null, 100, 65, 65, 65])
    expect(a.timepoints[1].rule).toBe('sum 65.0 mm is −35 % from the baseline 100.0 mm: ≤ −30 %')
    expect(a.timepoints[4].rule).toBe(
      'sum 84.0 mm is +29 % (+19.0 mm) over the nadir 65.0 mm: ≥ +20 % and ≥ +5 mm',
    )
    expect(a.timepoints[3].changeFromBaseline).toBeCloseTo(-0.26, 12)
  })

  it('needs 5 mm as well as 20 % for progression', () => {
    const a = assessRecist(timepoints(2), [lesion('A', 'lung', [15, 19])])
    // +27 % but only +4 mm.
    expect(a.timepoints[1].category).toBe('SD')
  })

  it('calls a new lesion progression, whatever the targets do', () => {
    const a = assessRecist(timepoints(3), [
      lesion('A', 'liver', [40, 20, 18]),
      lesion('New', 'bone', [null, null, 12]),
    ])
    expect(a.timepoints.map((t) => t.category)).toEqual(['baseline', 'PR', 'PD'])
    expect(a.timepoints[2]).toMatchObject({ newLesions: ['New'], rule: 'new lesion: New' })
  })

  it('says NE when a target was not measured, unless the rest already progressed', () => {
    const a = assessRecist(timepoints(3), [
      lesion('A', 'liver', [40, null, 75]),
      lesion('B', 'lung', [20, 19, null]),
    ])
    expect(a.timepoints[1]).toMatchObject({
      category: 'NE',
      measuredTargets: 1,
      changeFromBaseline: null,
    })
    expect(a.timepoints[1].rule).toContain('A not measured at this study')
    // 75 mm from A alone is already ≥ +20 % and ≥ +5 mm over the 60 mm nadir.
    expect(a.timepoints[2].category).toBe('PD')
  })

  it('never takes an incomplete sum as the nadir', () => {
    const a = assessRecist(timepoints(3), [
      lesion('A', 'liver', [40, null, 48]),
      lesion('B', 'lung', [20, 5, 20]),
    ])
    expect(a.timepoints[2].nadirMm).toBe(60)
    expect(a.timepoints[2].category).toBe('SD')
  })

  it('reads CR when every target is gone and target nodes are under 10 mm', () => {
    const a = assessRecist(timepoints(3), [
      lesion('A', 'liver', [30, 'gone', 'gone']),
      lesion('N', 'mediastinum', [30, 20, 15], true), // short axes 18, 12, 9 mm
    ])
    expect(a.timepoints.map((t) => t.category)).toEqual(['baseline', 'PR', 'CR'])
  })

  it('reads PR, not CR, while a non-target lesion is still there or not assessed', () => {
    // A liver target that disappears; a lung nodule too small to be a target (8 mm).
    const target = lesion('A', 'liver', [30, 'gone', 'gone', 'gone'])
    const a = assessRecist(timepoints(4), [target, lesion('Lu', 'lung', [8, 7, null, 'gone'])])
    expect(a.nonTargets.map((n) => n.label)).toEqual(['Lu'])
    expect(a.timepoints.map((t) => t.category)).toEqual(['baseline', 'PR', 'PR', 'CR'])
    expect(a.timepoints[1].rule).toBe(
      'every target gone, but non-target Lu still there: a complete response needs every lesion gone',
    )
    expect(a.timepoints[2].rule).toMatch(/non-target Lu not assessed/)
    expect(a.timepoints.map((t) => t.nonTargetsOpen)).toEqual([[], ['T-Lu'], ['T-Lu'], []])
    // A non-target node back to normal size (short axis under 10 mm) counts as gone.
    const node = lesion('N', 'mediastinum', [20, 14], true) // short axes 12, 8.4 mm
    const b = assessRecist(timepoints(2), [lesion('A', 'liver', [30, 'gone']), node])
    expect(b.timepoints[1]).toMatchObject({ category: 'CR', nonTargetsOpen: [] })
  })

  it('reads PD where the reader judged the non-target lesions progressed, whatever the sum', () => {
    const lesions = [lesion('A', 'liver', [30, 20, 21]), lesion('Lu', 'lung', [8, 8, 9])]
    const judged = timepoints(3).map((t, k) => ({ ...t, nonTargetProgression: k === 2 }))
    const a = assessRecist(judged, lesions)
    expect(a.timepoints.map((t) => t.category)).toEqual(['baseline', 'PR', 'PD'])
    expect(a.timepoints[2].rule).toBe(
      'unequivocal progression of the non-target lesions, in the reader’s judgement',
    )
    expect(assessRecist(timepoints(3), lesions).timepoints[2].category).toBe('PR')
  })

  it('reads progression when a lesion comes back after a complete response', () => {
    const a = assessRecist(timepoints(3), [lesion('A', 'liver', [30, 'gone', 6])])
    expect(a.timepoints.map((t) => t.category)).toEqual(['baseline', 'CR', 'PD'])
  })

  it('says NE at every follow-up when nothing was measurable at baseline', () => {
    const a = assessRecist(timepoints(2), [lesion('A', 'lung', [8, 9])])
    expect(a.targets).toHaveLength(0)
    expect(a.timepoints[0].sumMm).toBeNull()
    expect(a.timepoints[1]).toMatchObject({ category: 'NE', sumMm: null })
  })
})
