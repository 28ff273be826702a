/**
 * Image alignment's public surface: what the CLI, the app and the evaluation import.
 * Internals (slice measures, profiles, correlation, pair registration) stay behind it.
 */
export {
  alignStudyImages,
  type PatientImageAlignment,
  type StudyImage,
  type StudyImageAlignment,
} from './align-study-images'
export {
  alignImportedStudies,
  IMAGE_REGISTRATION_SOURCE,
  imagePriorTranslations,
} from './from-import'
export { DEFAULT_IMAGE_ALIGNMENT, type ImageAlignmentSettings } from './settings'
export { imageAlignmentFigures, type ImageAlignmentFigures } from './truth-errors'
