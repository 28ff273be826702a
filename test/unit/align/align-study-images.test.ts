// One patient's studies in one frame: registrations chain from the earliest study that registers,
// translations compose along the chain, studies the images cannot place are refused with a reason.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { alignStudyImages, type StudyImage } from '../../../electron/core/align/align-study-images'
import { DEFAULT_IMAGE_ALIGNMENT } from '../../../electron/core/align/settings'
import { Rng } from '../../../electron/core/synth/prng'
import {
  bodyLevels,
  filledVolume,
  profileOf,
  synthesizeProfiled,
  translationError,
  trueTranslation,
  type ProfiledStudy,
} from './synthetic-studies'

// Accuracy required per study, as in register-pair.test.ts (96×96 matrix, 4–5 mm pixels).
const MAX_Z_ERROR_MM = 3
const MAX_XY_ERROR_MM = 4
const settings = DEFAULT_IMAGE_ALIGNMENT
const dir = mkdtempSync(join(tmpdir(), 'lt-align-patient-'))
const common = { patients: 2, seed: 32, studies: 3, matrix: 96 }
let wholeTrunk: ProfiledStudy[][]
let chestThin: ProfiledStudy[][]

beforeAll(async () => {
  wholeTrunk = await synthesizeProfiled(join(dir, 'cap'), {
    ...common,
    sliceMm: 5,
    region: 'chest-abdomen-pelvis',
  })
  chestThin = await synthesizeProfiled(join(dir, 'chest'), {
    ...common,
    sliceMm: 1,
    region: 'chest',
  })
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** The runs reuse study UIDs (same seed), so each study gets an id of its own here. */
function image(id: string, studyOrder: number, study: ProfiledStudy): StudyImage {
  return { studyId: id, studyOrder, profile: study.profile }
}

function expectPlaced(
  translationMm: [number, number, number] | undefined,
  truth: [number, number, number],
) {
  expect(translationMm).toBeDefined()
  const error = translationError(translationMm!, truth)
  expect(error.zMm).toBeLessThanOrEqual(MAX_Z_ERROR_MM)
  expect(error.xyMm).toBeLessThanOrEqual(MAX_XY_ERROR_MM)
}

describe('alignStudyImages', () => {
  it('places a pelvis scan that shares nothing with the first study through a whole-trunk scan', () => {
    for (let p = 0; p < 2; p++) {
      // The chest above body z −250 mm, the pelvis below −350 mm: no level in common.
      const chest = {
        ...chestThin[p][0],
        profile: profileOf(bodyLevels(chestThin[p][0], -250, 200)),
      }
      const pelvis = {
        ...wholeTrunk[p][1],
        profile: profileOf(bodyLevels(wholeTrunk[p][1], -1000, -350)),
      }
      const trunk = wholeTrunk[p][2]
      const alignment = alignStudyImages(
        [image('pelvis', 2, pelvis), image('trunk', 3, trunk), image('chest', 1, chest)],
        settings,
      )
      expect(alignment.referenceStudyId).toBe('chest')
      const [first, second, third] = alignment.studies
      expect(first).toEqual({
        studyId: 'chest',
        studyOrder: 1,
        translationMm: [0, 0, 0],
        confidence: 1,
      })
      expect(third.registeredTo).toBe('chest')
      expectPlaced(third.translationMm, trueTranslation(chest, trunk))
      expect(second.registeredTo).toBe('trunk')
      expectPlaced(second.translationMm, trueTranslation(chest, pelvis))
      // A chain is as confident as its weakest registration.
      expect(second.confidence).toBeLessThanOrEqual(third.confidence)
      expect(second.correlation).toBeGreaterThan(settings.minCorrelation)
      expect(second.overlapMm).toBeGreaterThan(settings.minOverlapMm)
    }
  })

  it('refuses a study without images and a study of noise, and starts from the first study that registers', () => {
    const [first, second, third] = wholeTrunk[0]
    const rng = new Rng(9, 'noise')
    const noise = profileOf(filledVolume(first.volume, () => Math.round(rng.uniform(-1000, 1000))))
    const alignment = alignStudyImages(
      [
        { studyId: 'noise', studyOrder: 1, profile: noise },
        { studyId: 'no-ct', studyOrder: 2, problem: 'the study has no complete DICOM CT series' },
        image('a', 3, first),
        image('b', 4, second),
        image('c', 5, third),
      ],
      settings,
    )
    expect(alignment.referenceStudyId).toBe('a')
    const byId = new Map(alignment.studies.map((s) => [s.studyId, s]))
    expect(byId.get('noise')).toMatchObject({ confidence: 0 })
    expect(byId.get('noise')?.translationMm).toBeUndefined()
    expect(byId.get('noise')?.refusal).toMatch(/do not show the same anatomy/)
    expect(byId.get('no-ct')?.refusal).toBe('the study has no complete DICOM CT series')
    expect(byId.get('a')?.translationMm).toEqual([0, 0, 0])
    expectPlaced(byId.get('b')?.translationMm, trueTranslation(first, second))
    expectPlaced(byId.get('c')?.translationMm, trueTranslation(first, third))
  })

  it('keeps the first study as the reference when nothing registers to it', () => {
    const study = wholeTrunk[1][0]
    const air = profileOf(filledVolume(study.volume, () => -1000))
    const alignment = alignStudyImages(
      [image('first', 1, study), { studyId: 'air', studyOrder: 2, profile: air }],
      settings,
    )
    expect(alignment.referenceStudyId).toBe('first')
    expect(alignment.studies[1].translationMm).toBeUndefined()
    expect(alignment.studies[1].refusal).toMatch(/correlate at 0 at best/)
  })

  it('has no reference when no study has images', () => {
    const alignment = alignStudyImages(
      [
        { studyId: 'x', studyOrder: 1, problem: 'series 2: the slices are not axial' },
        { studyId: 'y', studyOrder: 2, problem: 'series 3: the slices are not axial' },
      ],
      settings,
    )
    expect(alignment.referenceStudyId).toBeUndefined()
    expect(alignment.studies.map((s) => s.refusal)).toEqual([
      'series 2: the slices are not axial',
      'series 3: the slices are not axial',
    ])
  })
})
