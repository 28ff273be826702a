/**
 * Image alignment of everything an import holds: picks each study's CT series, measures its
 * profile, aligns each patient's studies, and hands the matcher its prior translations.
 */
import { isAxial } from '../geometry/axial'
import type { Vec3 } from '../geometry/frames'
import type { ImportResult } from '../import/result'
import type { Series } from '../model/types'
import { alignStudyImages, type PatientImageAlignment, type StudyImage } from './align-study-images'
import { bodyProfile } from './body-profile'
import { DEFAULT_IMAGE_ALIGNMENT, type ImageAlignmentSettings } from './settings'
import { measureSlices } from './slice-measures'

/** The matcher's `priorSource` for translations measured here. */
export const IMAGE_REGISTRATION_SOURCE = 'image registration'

type ImportedImages = Pick<ImportResult, 'studies' | 'series' | 'volumes'>

/**
 * A series the alignment may read: every slice present and read from DICOM. The DeepLesion
 * layout keeps only the slices near each key slice, with no position along the body, so its
 * series are left out rather than aligned on the few slices it has.
 */
function isCompleteDicomSeries(series: Series, images: ImportedImages): boolean {
  return (
    images.volumes.has(series.seriesInstanceUid) &&
    series.sourceFiles.every((file) => file !== '') &&
    series.sopInstanceUids.every((uid) => uid !== '')
  )
}

function extentMm(series: Series): number {
  return (series.geometry.dims[2] - 1) * series.geometry.spacingMm[2]
}

/**
 * The study's axial series covering the most of the body (the fewer slices among equals:
 * cheaper). A coronal or sagittal reformat's extent is across the body, so it is only taken when
 * the study has no axial series, and then says why it cannot be aligned.
 */
function chosenSeries(seriesUids: readonly string[], images: ImportedImages): Series | undefined {
  const candidates = images.series.filter(
    (s) => seriesUids.includes(s.seriesInstanceUid) && isCompleteDicomSeries(s, images),
  )
  candidates.sort(
    (a, b) =>
      Number(isAxial(b.geometry)) - Number(isAxial(a.geometry)) ||
      extentMm(b) - extentMm(a) ||
      a.geometry.dims[2] - b.geometry.dims[2],
  )
  return candidates[0]
}

/** The studies of every patient of an import with their profiles (or why they have none). */
function studyImagesOfImport(
  images: ImportedImages,
  settings: ImageAlignmentSettings = DEFAULT_IMAGE_ALIGNMENT,
): Map<string, StudyImage[]> {
  const byPatient = new Map<string, StudyImage[]>()
  for (const study of images.studies) {
    const base = { studyId: study.studyInstanceUid, studyOrder: study.studyIndex }
    const series = chosenSeries(study.seriesUids, images)
    let image: StudyImage
    if (!series) {
      image = {
        ...base,
        problem:
          'the study has no complete DICOM CT series (slices are missing, or it comes from a DeepLesion folder, which holds only the slices near each key slice)',
      }
    } else {
      const hu = images.volumes.get(series.seriesInstanceUid) as Int16Array
      const measured = measureSlices({ geometry: series.geometry, hu }, settings)
      image = measured.ok
        ? { ...base, profile: bodyProfile(measured.measures, settings) }
        : { ...base, problem: `series ${series.seriesNumber}: ${measured.reason}` }
    }
    const list = byPatient.get(study.patientId)
    if (list) list.push(image)
    else byPatient.set(study.patientId, [image])
  }
  return byPatient
}

/**
 * Aligns the studies of every patient of an import from their images (see alignStudyImages), by
 * patient id. Only the profiles are kept, so the caller may release the volumes afterwards.
 */
export function alignImportedStudies(
  images: ImportedImages,
  settings: ImageAlignmentSettings = DEFAULT_IMAGE_ALIGNMENT,
): Map<string, PatientImageAlignment> {
  const byPatient = studyImagesOfImport(images, settings)
  return new Map(
    [...byPatient].map(([patientId, studies]) => [patientId, alignStudyImages(studies, settings)]),
  )
}

/** The translations the images could give, by study id: the matcher's `priorTranslations`. */
export function imagePriorTranslations(
  alignments: Iterable<PatientImageAlignment>,
): Map<string, Vec3> {
  const priors = new Map<string, Vec3>()
  for (const alignment of alignments) {
    for (const study of alignment.studies) {
      if (study.translationMm) priors.set(study.studyId, study.translationMm)
    }
  }
  return priors
}
