// Bad input never crashes the matcher: each case yields a result and a message that names the
// lesion, study or patient and says what to do.
import { describe, expect, it } from 'vitest'
import { matchAllPatients } from '../../../electron/core/match/match-all'
import { matchPatient, trackOfLesion } from '../../../electron/core/match/match-patient'
import { loadMatcherModel } from '../../../electron/core/match/model'
import { lesion } from './lesions'

const model = loadMatcherModel()

describe('bad input', () => {
  it('reports a study without bookmarks and matches the others', () => {
    const lesions = [lesion('a', 1, [0, 0, 0], 20), lesion('b', 3, [1, 0, 0], 21)]
    const match = matchPatient('P', lesions, model, {
      studies: [
        { studyId: 'S1', studyOrder: 1 },
        { studyId: 'S2', studyOrder: 2 },
        { studyId: 'S3', studyOrder: 3 },
      ],
    })
    const issue = match.issues.find((i) => i.code === 'study-without-bookmarks')
    expect(issue?.subject).toBe('S2')
    expect(issue?.message).toBe('study S2 of patient P has no bookmark to match')
    expect(match.tracks.map((t) => t.lesionIds)).toEqual([['a', 'b']])
    expect(match.transforms.map((t) => t.studyId)).toEqual(['S1', 'S3'])
  })

  it('makes each lesion of a single-study patient its own track, with a warning', () => {
    const lesions = [lesion('a', 1, [0, 0, 0], 20), lesion('b', 1, [80, 0, 0], 12)]
    const match = matchPatient('P', lesions, model)
    expect(match.tracks.map((t) => t.lesionIds)).toEqual([['a'], ['b']])
    expect(match.links).toEqual([])
    expect(match.issues.map((i) => i.code)).toEqual(['single-study'])
    expect(match.transforms[0].confidence).toBe(0)
    expect(match.tracks[0].explanation).toBe(
      'found in study 1 only, long axis 20 mm; no candidate in another study',
    )
  })

  it('merges a repeated bookmark and a second-series measurement of one lesion, with warnings', () => {
    const lesions = [
      lesion('a', 1, [0, 0, 0], 20),
      lesion('a-again', 1, [0.2, 0, 0], 20.3),
      lesion('a-thin', 1, [2, 1, 4], 21, { seriesId: 'S1/2' }),
      lesion('other', 1, [60, 0, 0], 20),
      lesion('b', 2, [1, 0, 0], 22),
    ]
    const match = matchPatient('P', lesions, model)
    const trackOf = trackOfLesion(match)
    expect(new Set(['a', 'a-again', 'a-thin', 'b'].map((id) => trackOf.get(id))).size).toBe(1)
    expect(trackOf.get('other')).not.toBe(trackOf.get('a'))
    const duplicates = match.issues.filter((i) => i.code === 'duplicate-bookmark')
    expect(duplicates).toHaveLength(1)
    expect(duplicates[0].message).toBe(
      'bookmarks a, a-again, a-thin measure one lesion on 2 series of study S1; they are matched as one lesion and share its track',
    )
  })

  it('warns about a lesion id given twice and matches its first record only', () => {
    const lesions = [
      lesion('a', 1, [0, 0, 0], 20),
      lesion('a', 2, [500, 0, 0], 20),
      lesion('b', 2, [0, 0, 0], 20),
    ]
    const match = matchPatient('P', lesions, model)
    expect(match.issues.map((i) => [i.code, i.subject])).toEqual([['duplicate-bookmark', 'a']])
    expect(match.tracks.map((t) => t.lesionIds)).toEqual([['a', 'b']])
  })

  it('sets aside lesions with NaN coordinates or no size, naming them', () => {
    const lesions = [
      lesion('a', 1, [0, 0, 0], 20),
      lesion('nan', 1, [Number.NaN, 0, 0], 20),
      lesion('flat', 2, [0, 0, 0], 0),
      lesion('b', 2, [1, 1, 1], 20),
    ]
    const match = matchPatient('P', lesions, model)
    expect(match.issues.map((i) => [i.code, i.severity, i.subject])).toEqual([
      ['invalid-position', 'error', 'nan'],
      ['invalid-size', 'error', 'flat'],
    ])
    expect(match.issues[0].message).toBe('lesion nan (study S1) has no valid position: [NaN, 0, 0]')
    expect(match.tracks.map((t) => t.lesionIds)).toEqual([['a', 'b']])
  })

  it('returns an empty result for a patient whose every lesion is unusable', () => {
    const match = matchPatient('P', [lesion('nan', 1, [Number.NaN, 0, 0], 20)], model)
    expect(match.tracks).toEqual([])
    expect(match.transforms).toEqual([])
    expect(match.issues.map((i) => i.code)).toEqual(['invalid-position'])
  })

  it('reports decisions about lesions that are not there, and a confirm within one study', () => {
    const lesions = [
      lesion('a', 1, [0, 0, 0], 20),
      lesion('a2', 1, [90, 0, 0], 20),
      lesion('b', 2, [0, 0, 0], 20),
    ]
    const [match] = matchAllPatients(lesions, model, {
      decisions: [
        { kind: 'confirm-link', lesionIdA: 'a', lesionIdB: 'a2' },
        { kind: 'reject-link', lesionIdA: 'b', lesionIdB: 'gone' },
      ],
    })
    expect(match.issues.map((i) => [i.code, i.subject])).toEqual([
      ['decision-conflict', 'a – a2'],
      ['unknown-lesion', 'gone'],
    ])
    expect(trackOfLesion(match).get('a')).toBe(trackOfLesion(match).get('b'))
  })
})
