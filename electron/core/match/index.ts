/**
 * The matching engine's public surface: what the app, the CLI and other stages import.
 * Internals (alignment context, tables, features) stay behind it.
 */
export { alignStudies, type Alignment, type AlignmentOptions } from './align-studies'
export { lesionsFromBookmarks } from './from-bookmarks'
export { matchAllPatients, unplacedDecisions, type MatchAllOptions } from './match-all'
export {
  matchPatient,
  trackOfLesion,
  type MatchOptions,
  type PatientMatchDetail,
} from './match-patient'
export { defaultMatcherModelPath, loadMatcherModel, type MatcherModel } from './model'
export { TRACK_CSV_COLUMNS, tracksToCsv, tracksToJson } from './track-export'
export type {
  MatchIssue,
  MatchLesion,
  MatchLink,
  PairEvidence,
  PatientMatch,
  StudyTransform,
  Track,
  UserDecision,
} from './types'
