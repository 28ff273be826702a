// A chest CT and an abdomen CT of one visit are one RECIST assessment: read as two timepoints, the
// abdominal lesions would be "new" at the second and call progression on the baseline day.
import { describe, expect, it } from 'vitest'
import type { TrackRecord } from '../../../electron/api/tracks'
import type { Study } from '../../../electron/core/model/types'
import { DEFAULT_RESPONSE_PROTOCOL } from '../../../electron/core/response/protocol'
import { patientResponse } from '../../../electron/core/service/patient-response'

function study(uid: string, studyIndex: number, studyDate: string): Study {
  return {
    studyInstanceUid: uid,
    patientId: 'P',
    studyDate,
    studyIndex,
    description: '',
    accessionNumber: '',
    seriesUids: [],
  }
}

/** A lung (chest CT) or liver (abdomen CT) lesion with its long axis at each study given. */
function track(n: number, lesionType: 4 | 5, longAxisMm: Record<string, number>): TrackRecord {
  return {
    trackId: `P/T${n}`,
    label: `Lesion ${n}`,
    lesionType,
    timepoints: Object.entries(longAxisMm).map(([uid, mm]) => ({
      studyInstanceUid: uid,
      bookmarkId: `${uid}-L${n}`,
      longAxisMm: mm,
      shortAxisMm: mm / 2,
      probabilityFromPrevious: null,
    })),
    explanation: '',
  }
}

// Baseline: chest CT and abdomen CT on 2024-01-10; follow-up: the same pair on 2024-03-20,
// where the liver lesion grew from 30 to 36 mm and the lung lesion shrank from 20 to 18 mm.
const STUDIES = [
  study('chest-1', 1, '2024-01-10'),
  study('abdomen-1', 2, '2024-01-10'),
  study('chest-2', 3, '2024-03-20'),
  study('abdomen-2', 4, '2024-03-20'),
]
const TRACKS = [
  track(1, 5, { 'chest-1': 20, 'chest-2': 18 }),
  track(2, 4, { 'abdomen-1': 30, 'abdomen-2': 36 }),
]

describe('patientResponse with a baseline the reader chose', () => {
  // Three single studies: a scan from before treatment, the baseline, a follow-up.
  const studies = [
    study('old', 1, '2023-06-01'),
    study('base', 2, '2024-01-10'),
    study('follow', 3, '2024-03-20'),
  ]
  const tracks = [
    track(1, 5, { old: 10, base: 20, follow: 9 }),
    // Seen first at the baseline: new against the old scan, a baseline lesion from the baseline.
    track(2, 4, { base: 15, follow: 15 }),
  ]

  it('reads from the chosen study on and says which earlier timepoints it left out', () => {
    const response = patientResponse('P', tracks, studies, [
      { kind: 'choose-baseline', studyInstanceUid: 'base' },
    ])
    expect(response.timepoints.map((t) => [t.studyId, t.category])).toEqual([
      ['base', 'baseline'],
      ['follow', 'PR'],
    ])
    expect(response.targets.map((t) => [t.trackId, t.baselineMm])).toEqual([
      ['P/T1', 20],
      ['P/T2', 15],
    ])
    expect(response.notes).toContain(
      'Baseline chosen by the reader: 2024-01-10; 1 earlier timepoint (2023-06-01) not read.',
    )
  })

  it('reads from the first study without a choice, and when the chosen study is not loaded', () => {
    const first = patientResponse('P', tracks, studies)
    expect(first.timepoints.map((t) => t.category)).toEqual(['baseline', 'PD', 'SD'])
    const missing = patientResponse('P', tracks, studies, [
      { kind: 'choose-baseline', studyInstanceUid: 'gone' },
    ])
    expect(missing.timepoints).toEqual(first.timepoints)
    expect(missing.notes).toContain(
      'The study chosen as the baseline is not loaded: the first study is the baseline until it is.',
    )
  })
})

describe('patientResponse with the reader’s judgement of non-target progression', () => {
  it('reads PD at the timepoint of the judged study, and only there', () => {
    const response = patientResponse('P', TRACKS, STUDIES, [
      { kind: 'mark-nontarget-progression', studyInstanceUid: 'abdomen-2' },
    ])
    expect(response.timepoints.map((t) => t.category)).toEqual(['baseline', 'PD'])
    expect(response.best.category).toBe('PD')
    expect(patientResponse('P', TRACKS, STUDIES).timepoints[1].category).toBe('SD')
  })
})

describe('patientResponse on studies of one day', () => {
  const response = patientResponse('P', TRACKS, STUDIES)

  it('reads the studies of one date as one timepoint', () => {
    expect(response.timepoints.map((t) => [t.label, t.studyIds])).toEqual([
      ['2024-01-10', ['chest-1', 'abdomen-1']],
      ['2024-03-20', ['chest-2', 'abdomen-2']],
    ])
  })

  it('takes targets from both baseline studies and finds no new lesion on the baseline day', () => {
    expect(response.targets.map((t) => [t.trackId, t.baselineMm])).toEqual([
      ['P/T2', 30],
      ['P/T1', 20],
    ])
    const [, followUp] = response.timepoints
    expect(followUp.newLesions).toEqual([])
    expect(followUp.sumMm).toBe(54)
    expect(followUp.changeFromBaseline).toBeCloseTo(4 / 50)
    expect(followUp.category).toBe('SD')
  })

  it('keeps undated studies apart, one timepoint each', () => {
    const undated = STUDIES.map((s) => ({ ...s, studyDate: '' }))
    const apart = patientResponse('P', TRACKS, undated)
    expect(apart.timepoints.map((t) => t.studyIds)).toEqual([
      ['chest-1'],
      ['abdomen-1'],
      ['chest-2'],
      ['abdomen-2'],
    ])
    // Read apart, the liver lesion is new at the second timepoint: the error grouping prevents.
    expect(apart.timepoints[1].newLesions).toEqual(['Lesion 2'])
  })

  it('records a target gone at a timepoint from either of its studies', () => {
    const gone = patientResponse('P', [track(1, 5, { 'chest-1': 20 }), TRACKS[1]], STUDIES, [
      { kind: 'mark-gone', lesionId: 'chest-1-L1', studyInstanceUid: 'abdomen-2' },
    ])
    expect(gone.timepoints[1].notMeasured).toEqual([])
    expect(gone.timepoints[1].sumMm).toBe(36)
  })
})

describe('patientResponse on the studies of one visit over a few days', () => {
  // The abdomen CT two days after the chest CT, at baseline and at follow-up.
  const days = [
    study('chest-1', 1, '2024-01-10'),
    study('abdomen-1', 2, '2024-01-12'),
    study('chest-2', 3, '2024-03-20'),
    study('abdomen-2', 4, '2024-03-27'),
  ]

  it('reads studies within a week of a timepoint’s first study as that timepoint', () => {
    const response = patientResponse('P', TRACKS, days)
    expect(response.timepoints.map((t) => [t.label, t.studyIds])).toEqual([
      ['2024-01-10', ['chest-1', 'abdomen-1']],
      ['2024-03-20', ['chest-2', 'abdomen-2']],
    ])
    expect(response.timepoints[1].category).toBe('SD')
  })

  it('counts the week from the timepoint’s first study, so weekly scans do not chain', () => {
    const weekly = [
      study('a', 1, '2024-01-01'),
      study('b', 2, '2024-01-06'),
      study('c', 3, '2024-01-10'),
    ]
    const response = patientResponse('P', [track(1, 5, { a: 20, b: 20, c: 20 })], weekly)
    expect(response.timepoints.map((t) => t.studyIds)).toEqual([['a', 'b'], ['c']])
  })

  it('reads a study the reader separated as a timepoint of its own', () => {
    const response = patientResponse('P', TRACKS, days, [
      { kind: 'separate-timepoint', studyInstanceUid: 'abdomen-1' },
    ])
    expect(response.timepoints.map((t) => t.studyIds)).toEqual([
      ['chest-1'],
      ['abdomen-1'],
      ['chest-2', 'abdomen-2'],
    ])
    // Separated, the liver lesion is new at the second timepoint: the reader's call.
    expect(response.timepoints[1].newLesions).toEqual(['Lesion 2'])
  })

  it('follows the protocol’s window: 0 days reads each date apart, 1 day splits a 2-day visit', () => {
    const sameDay = [
      ...days.slice(0, 3),
      study('chest-2b', 4, '2024-03-20'),
      study('abdomen-2', 5, '2024-03-27'),
    ]
    const perDate = patientResponse('P', TRACKS, sameDay, [], {
      ...DEFAULT_RESPONSE_PROTOCOL,
      timepointWindowDays: 0,
    })
    expect(perDate.timepoints.map((t) => t.studyIds)).toEqual([
      ['chest-1'],
      ['abdomen-1'],
      ['chest-2', 'chest-2b'],
      ['abdomen-2'],
    ])
    const oneDay = patientResponse('P', TRACKS, days, [], {
      ...DEFAULT_RESPONSE_PROTOCOL,
      timepointWindowDays: 1,
    })
    expect(oneDay.timepoints).toHaveLength(4)
  })
})

describe('patientResponse with bookmarks of the long axis alone', () => {
  const studies = [study('base', 1, '2024-01-10'), study('follow', 2, '2024-03-20')]
  const withoutShortAt = (record: TrackRecord, uid: string): TrackRecord => ({
    ...record,
    timepoints: record.timepoints.map((t) =>
      t.studyInstanceUid === uid ? { ...t, shortAxisMm: null } : t,
    ),
  })
  // A node (short axis 18 → not measured at the follow-up) and a liver lesion read by its long
  // axis whether or not a short axis was measured.
  const tracks = [
    withoutShortAt(track(1, 5, { base: 36, follow: 34 }), 'follow'),
    withoutShortAt(track(2, 4, { base: 30, follow: 30 }), 'follow'),
  ]

  it('reads a lesion that is not a node by its long axis', () => {
    const response = patientResponse('P', tracks, studies, [])
    expect(response.timepoints.map((t) => t.category)).toEqual(['baseline', 'SD'])
    expect(response.notes.join(' ')).not.toMatch(/no short axis/)
  })

  it('does not read a node where its bookmark gives no short axis, and says so', () => {
    const response = patientResponse('P', tracks, studies, [
      { kind: 'mark-node', lesionId: 'base-L1' },
    ])
    expect(response.targets.map((t) => [t.trackId, t.axis, t.baselineMm])).toEqual([
      ['P/T2', 'long', 30],
      ['P/T1', 'short', 18],
    ])
    expect(response.timepoints[1].notMeasured).toEqual(['P/T1'])
    expect(response.timepoints[1].category).toBe('NE')
    expect(response.notes).toContainEqual(
      expect.stringMatching(
        /^Lesion 1 is a lymph node, but its bookmark at .+ gives no short axis/,
      ),
    )
  })
})
