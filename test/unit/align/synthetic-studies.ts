/**
 * Synthetic DICOM studies for the alignment tests: written by the generator, read back by the
 * importer, and reduced to body profiles, each with its volume and true table shift.
 */
import { join } from 'node:path'
import { bodyProfile, type BodyProfile } from '../../../electron/core/align/body-profile'
import { DEFAULT_IMAGE_ALIGNMENT } from '../../../electron/core/align/settings'
import { measureSlices, type CtVolume } from '../../../electron/core/align/slice-measures'
import { lpsToPixel, pixelToLps, type Vec3 } from '../../../electron/core/geometry/frames'
import { importFolder } from '../../../electron/core/import/import-folder'
import { synthesize, type SynthesizeOptions } from '../../../electron/core/synth/synthesize'

export interface ProfiledStudy {
  studyId: string
  region: string
  sliceSpacingMm: number
  /** scannerLps = bodyMm + tableShiftMm (truth.json). */
  tableShiftMm: Vec3
  volume: CtVolume
  profile: BodyProfile
}

/** The profile of a volume with the default settings; throws when it cannot be measured. */
export function profileOf(volume: CtVolume): BodyProfile {
  const measured = measureSlices(volume, DEFAULT_IMAGE_ALIGNMENT)
  if (!measured.ok) throw new Error(measured.reason)
  return bodyProfile(measured.measures, DEFAULT_IMAGE_ALIGNMENT)
}

/**
 * Writes a synthetic DICOM data set into `dir`, imports it, and returns every patient's studies
 * in study order, profiled.
 */
export async function synthesizeProfiled(
  dir: string,
  options: Omit<SynthesizeOptions, 'out' | 'format'>,
): Promise<ProfiledStudy[][]> {
  const truth = await synthesize({ ...options, out: dir, format: 'dicom' })
  const result = await importFolder(dir)
  return truth.patients.map((patient) =>
    patient.studies.map((study): ProfiledStudy => {
      const series = result.series.find((s) => s.seriesInstanceUid === study.seriesInstanceUid)
      const hu = result.volumes.get(study.seriesInstanceUid)
      if (!series || !hu) throw new Error(`series of ${join(dir, study.seriesFolder)} not imported`)
      const volume = { geometry: series.geometry, hu }
      return {
        studyId: study.studyInstanceUid,
        region: study.region,
        sliceSpacingMm: study.sliceSpacingMm,
        tableShiftMm: study.tableShiftMm,
        volume,
        profile: profileOf(volume),
      }
    }),
  )
}

/** The translation that takes `moving`'s scanner LPS onto `reference`'s (same body). */
export function trueTranslation(reference: ProfiledStudy, moving: ProfiledStudy): Vec3 {
  return [0, 1, 2].map((d) => reference.tableShiftMm[d] - moving.tableShiftMm[d]) as Vec3
}

/** Along-body and in-plane error (mm) of a translation against the truth. */
export function translationError(
  translationMm: Vec3,
  truthMm: Vec3,
): { zMm: number; xyMm: number } {
  return {
    zMm: Math.abs(translationMm[2] - truthMm[2]),
    xyMm: Math.hypot(translationMm[0] - truthMm[0], translationMm[1] - truthMm[1]),
  }
}

/** Slices [kLow, kHigh) of a volume as a volume of their own (a shorter scan of the same body). */
export function sliceRange(volume: CtVolume, kLow: number, kHigh: number): CtVolume {
  const [width, height] = volume.geometry.dims
  return {
    geometry: {
      ...volume.geometry,
      dims: [width, height, kHigh - kLow],
      originLps: pixelToLps(volume.geometry, [0, 0, kLow]),
    },
    hu: volume.hu.subarray(kLow * width * height, kHigh * width * height),
  }
}

/** The slices of a study between two body-frame levels (mm; z = 0 at the sternal notch). */
export function bodyLevels(
  study: ProfiledStudy,
  lowBodyZMm: number,
  highBodyZMm: number,
): CtVolume {
  const { geometry } = study.volume
  const kAt = (bodyZMm: number) =>
    Math.round(lpsToPixel(geometry, [0, 0, bodyZMm + study.tableShiftMm[2]])[2])
  const kLow = Math.max(0, Math.min(kAt(lowBodyZMm), kAt(highBodyZMm)))
  const kHigh = Math.min(geometry.dims[2], Math.max(kAt(lowBodyZMm), kAt(highBodyZMm)) + 1)
  return sliceRange(study.volume, kLow, kHigh)
}

/** A volume of the same grid holding only `fill(index)` HU (noise, air). */
export function filledVolume(like: CtVolume, fill: (index: number) => number): CtVolume {
  const hu = new Int16Array(like.hu.length)
  for (let n = 0; n < hu.length; n++) hu[n] = fill(n)
  return { geometry: like.geometry, hu }
}
