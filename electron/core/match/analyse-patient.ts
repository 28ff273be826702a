/**
 * Everything about one patient that does not depend on the link weights: checked input, merged
 * duplicates, the lesion set and its alignment, and the pair features. Matching and calibration
 * both start here.
 */
import { alignStudies, type Alignment, type AlignmentOptions } from './align-studies'
import { priorOnlyTransforms } from './prior-only-transforms'
import { groupDuplicates } from './duplicates'
import { createFeatureContext, type FeatureContext } from './features'
import { buildLesionSet, type LesionSet } from './lesion-set'
import type { MatcherModel } from './model'
import type { MatchIssue, MatchLesion } from './types'
import { validateLesions, type StudyRef } from './validate'

export interface PatientAnalysis {
  patientId: string
  set: LesionSet
  alignment: Alignment
  features: FeatureContext
  issues: MatchIssue[]
}

export interface AnalyseOptions {
  /** Every study of the patient, so that studies without bookmarks are reported. */
  studies?: readonly StudyRef[]
  alignment?: AlignmentOptions
}

/** Validates, groups, packs and aligns one patient's lesions. */
export function analysePatient(
  patientId: string,
  lesions: readonly MatchLesion[],
  model: MatcherModel,
  options: AnalyseOptions = {},
): PatientAnalysis {
  const checked = validateLesions(patientId, lesions, options.studies)
  const { groups, issues } = groupDuplicates(checked.lesions, model)
  const set = buildLesionSet(patientId, checked.lesions, groups, model)
  const aligned = alignStudies(set, model, options.alignment)
  const features = createFeatureContext(set, aligned.translations, model)
  // Studies without bookmarks get the prior's place too, so every study can be linked.
  const unplaced = priorOnlyTransforms(
    aligned.transforms,
    options.studies,
    options.alignment?.priorTranslations,
    options.alignment?.priorSource,
  )
  const transforms = [...aligned.transforms, ...unplaced].sort(
    (a, b) => a.studyOrder - b.studyOrder,
  )
  const alignment = { ...aligned, transforms }
  return { patientId, set, alignment, features, issues: [...checked.issues, ...issues] }
}
