// Alignment from bookmarks: a known scanner shift between studies is recovered, decoy lesions do
// not pull it away, and a study with nothing to align on stays at its prior with no confidence.
import { describe, expect, it } from 'vitest'
import type { Vec3 } from '../../../electron/core/geometry/frames'
import { alignStudies } from '../../../electron/core/match/align-studies'
import { groupDuplicates } from '../../../electron/core/match/duplicates'
import { buildLesionSet } from '../../../electron/core/match/lesion-set'
import { loadMatcherModel } from '../../../electron/core/match/model'
import type { MatchLesion } from '../../../electron/core/match/types'
import { lesion, shifted } from './lesions'
import { simulatePatient } from './simulated-patients'

const model = loadMatcherModel()

function align(lesions: MatchLesion[], priors?: Map<string, Vec3>) {
  const { groups } = groupDuplicates(lesions, model)
  const set = buildLesionSet('P', lesions, groups, model)
  return alignStudies(set, model, { priorTranslations: priors, priorSource: 'image registration' })
}

/** Four lesions of distinct sizes at body positions (mm). */
const BODY: { at: Vec3; longAxisMm: number }[] = [
  { at: [-80, 20, 120], longAxisMm: 14 },
  { at: [60, -30, 200], longAxisMm: 32 },
  { at: [10, 70, 310], longAxisMm: 22 },
  { at: [-40, -60, 420], longAxisMm: 9 },
]

describe('alignStudies', () => {
  it('recovers the scanner shift between two studies from the bookmarks', () => {
    const shift: Vec3 = [37, -22, 85]
    const lesions = BODY.flatMap((l, k) => [
      lesion(`a${k}`, 1, l.at, l.longAxisMm),
      lesion(`b${k}`, 2, shifted(l.at, shift), l.longAxisMm * 1.1),
    ])
    const { transforms } = align(lesions)
    expect(transforms.map((t) => t.studyId)).toEqual(['S1', 'S2'])
    expect(transforms[0].translationMm).toEqual([0, 0, 0])
    // Study 2 positions + translation = study 1 positions: the translation undoes the shift.
    transforms[1].translationMm.forEach((v, d) => expect(v).toBeCloseTo(-shift[d], 6))
    expect(transforms[1].supportingLesions).toBe(4)
    expect(transforms[1].source).toBe('bookmarks')
    expect(transforms[1].confidence).toBeGreaterThan(0.7)
  })

  it('is not pulled away by lesions that appear in one study only', () => {
    const shift: Vec3 = [-15, 30, -120]
    const lesions = [
      ...BODY.map((l, k) => lesion(`a${k}`, 1, l.at, l.longAxisMm)),
      ...BODY.slice(0, 3).map((l, k) => lesion(`b${k}`, 2, shifted(l.at, shift), l.longAxisMm)),
      // New lesions in study 2, where two old ones would sit under another shift.
      lesion('new1', 2, shifted(BODY[0].at, [30, 40, -90]), 14),
      lesion('new2', 2, shifted(BODY[1].at, [30, 40, -90]), 30),
    ]
    const { transforms } = align(lesions)
    transforms[1].translationMm.forEach((v, d) => expect(v).toBeCloseTo(-shift[d], 6))
    expect(transforms[1].supportingLesions).toBe(3)
  })

  it('recovers every study shift of a simulated five-study patient within a few millimetres', () => {
    const patient = simulatePatient(7, 'P', { studies: 5, lesions: 8, missRate: 0 })
    const { transforms } = align(patient.lesions)
    const first = patient.scannerShiftMm.get(transforms[0].studyId) as Vec3
    for (const t of transforms) {
      const truth = patient.scannerShiftMm.get(t.studyId) as Vec3
      // Translation maps this study's scanner frame onto the first study's.
      const expected = [0, 1, 2].map((d) => first[d] - truth[d])
      t.translationMm.forEach((v, d) =>
        expect(Math.abs(v - expected[d])).toBeLessThan(d === 2 ? 6 : 3),
      )
    }
  })

  it('leaves a study with nothing to line up at its prior, with zero confidence and the prior named', () => {
    const lesions = [
      ...BODY.map((l, k) => lesion(`a${k}`, 1, l.at, l.longAxisMm)),
      ...BODY.map((l, k) => lesion(`b${k}`, 2, l.at, l.longAxisMm)),
      lesion('far', 3, [400, 400, 2000], 60),
    ]
    const priors = new Map<string, Vec3>([['S3', [5, 6, 7]]])
    const { transforms } = align(lesions, priors)
    const third = transforms[2]
    expect(third.supportingLesions).toBe(0)
    expect(third.confidence).toBe(0)
    expect(third.source).toBe('image registration')
    expect(third.translationMm).toEqual([5, 6, 7])
    expect(transforms[1].translationMm.map((v) => Math.abs(v))).toEqual([0, 0, 0])
  })

  it('names the prior only for a study that has one: without it the study stays in its scanner frame', () => {
    const lesions = [
      ...BODY.map((l, k) => lesion(`a${k}`, 1, l.at, l.longAxisMm)),
      ...BODY.map((l, k) => lesion(`b${k}`, 2, l.at, l.longAxisMm)),
      lesion('far', 3, [400, 400, 2000], 60),
    ]
    // Image registration placed study 2 but failed on study 3.
    const { transforms } = align(lesions, new Map<string, Vec3>([['S2', [0, 0, 0]]]))
    expect(transforms.map((t) => [t.studyId, t.source])).toEqual([
      ['S1', 'bookmarks'],
      ['S2', 'bookmarks'],
      ['S3', 'prior'],
    ])
  })
})
