// Registering two CT studies of one synthetic body from their profiles: known table shifts are
// recovered across scan regions and slice spacings, and images that cannot be lined up are refused.

// Required accuracy: 3 mm along the body and 4 mm in-plane per study. At this test's 96×96
// matrix a pixel is 4–5 mm, and the matcher's position tolerance is at least 10 mm through-plane
// and 6 mm in-plane per lesion: an error below these bounds keeps every true pair well inside it.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { registerProfiles } from '../../../electron/core/align/register-pair'
import { DEFAULT_IMAGE_ALIGNMENT } from '../../../electron/core/align/settings'
import { Rng } from '../../../electron/core/synth/prng'
import {
  bodyLevels,
  filledVolume,
  profileOf,
  sliceRange,
  synthesizeProfiled,
  translationError,
  trueTranslation,
  type ProfiledStudy,
} from './synthetic-studies'
import { storedReversed } from '../app/geometries'

const MAX_Z_ERROR_MM = 3
const MAX_XY_ERROR_MM = 4
const settings = DEFAULT_IMAGE_ALIGNMENT
const dir = mkdtempSync(join(tmpdir(), 'lt-align-pair-'))
const common = { patients: 3, seed: 31, studies: 3, matrix: 96 }
// One seed, three acquisitions of the same three bodies with the same table shifts per study.
let wholeTrunk: ProfiledStudy[][]
let chestThin: ProfiledStudy[][]
let abdomenPelvis: ProfiledStudy[][]

beforeAll(async () => {
  wholeTrunk = await synthesizeProfiled(join(dir, 'cap'), {
    ...common,
    sliceMm: 5,
    region: 'chest-abdomen-pelvis',
  })
  chestThin = await synthesizeProfiled(join(dir, 'chest'), {
    ...common,
    sliceMm: 2,
    region: 'chest',
  })
  abdomenPelvis = await synthesizeProfiled(join(dir, 'ap'), {
    ...common,
    sliceMm: 5,
    region: 'abdomen-pelvis',
  })
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

function expectRecovered(reference: ProfiledStudy, moving: ProfiledStudy): void {
  const registration = registerProfiles(reference.profile, moving.profile, settings)
  expect(registration.refusal).toBeUndefined()
  expect(registration.confidence).toBeGreaterThanOrEqual(settings.minConfidence)
  const error = translationError(registration.translationMm!, trueTranslation(reference, moving))
  expect(error.zMm).toBeLessThanOrEqual(MAX_Z_ERROR_MM)
  expect(error.xyMm).toBeLessThanOrEqual(MAX_XY_ERROR_MM)
}

describe('registerProfiles on synthetic DICOM', () => {
  it('recovers the table shift between studies of the same scan region', () => {
    for (const studies of wholeTrunk) {
      // The table shifts differ by up to hundreds of mm along the body.
      expect(Math.abs(trueTranslation(studies[0], studies[2])[2])).toBeGreaterThan(20)
      expectRecovered(studies[0], studies[1])
      expectRecovered(studies[0], studies[2])
    }
  })

  it('registers a follow-up stored feet first or prone as well as stored head first supine', () => {
    const [reference, follow] = wholeTrunk[0]
    for (const reversed of [
      [true, false, true],
      [true, true, false],
    ] as [boolean, boolean, boolean][]) {
      const volume = storedReversed(follow.volume, reversed)
      // The grid really runs the other way: the first voxel is another corner of the body.
      expect(volume.geometry.originLps).not.toEqual(follow.volume.geometry.originLps)
      expectRecovered(reference, { ...follow, volume, profile: profileOf(volume) })
    }
  })

  it('registers a 2 mm chest scan onto a 5 mm chest-abdomen-pelvis scan, and back', () => {
    for (let p = 0; p < wholeTrunk.length; p++) {
      expect(chestThin[p][1].sliceSpacingMm).toBe(2)
      expectRecovered(wholeTrunk[p][0], chestThin[p][1])
      expectRecovered(chestThin[p][2], wholeTrunk[p][1])
    }
  })

  it('registers chest and abdomen-pelvis scans that share only the lower chest', () => {
    for (let p = 0; p < wholeTrunk.length; p++) {
      const registration = registerProfiles(
        chestThin[p][0].profile,
        abdomenPelvis[p][1].profile,
        settings,
      )
      expect(registration.overlapMm).toBeLessThan(250)
      expectRecovered(chestThin[p][0], abdomenPelvis[p][1])
    }
  })

  it('refuses a volume of noise and a volume of air', () => {
    const reference = wholeTrunk[0][0]
    const rng = new Rng(5, 'noise volume')
    const noise = profileOf(
      filledVolume(reference.volume, () => Math.round(rng.uniform(-1000, 1000))),
    )
    const air = profileOf(filledVolume(reference.volume, () => -1000))
    for (const moving of [noise, air]) {
      const registration = registerProfiles(reference.profile, moving, settings)
      expect(registration.translationMm).toBeUndefined()
      expect(registration.refusal).toMatch(/do not show the same anatomy/)
    }
  })

  it('refuses two scans of one body that share no level', () => {
    for (const [study] of wholeTrunk) {
      // The chest above body z −250 mm, the abdomen and pelvis below −350 mm.
      const upper = profileOf(bodyLevels(study, -250, 200))
      const lower = profileOf(bodyLevels(study, -1000, -350))
      const registration = registerProfiles(upper, lower, settings)
      expect(registration.translationMm).toBeUndefined()
      expect(registration.refusal).toBeDefined()
    }
  })

  it('refuses scan ranges too short to overlap by the minimum', () => {
    const study = wholeTrunk[0][0]
    const short = profileOf(sliceRange(study.volume, 0, 8))
    const registration = registerProfiles(study.profile, short, settings)
    expect(registration).toMatchObject({ confidence: 0, overlapMm: 0 })
    expect(registration.refusal).toMatch(/cannot share 80 mm/)
  })
})
