/**
 * The tracking pipeline on one imported folder: each patient's studies aligned from their CT
 * volumes, every bookmark embedded, then matched into tracks. `lesiontrack track` and the app run it.
 */
import {
  IMAGE_REGISTRATION_SOURCE,
  imagePriorTranslations,
  type PatientImageAlignment,
} from '../align'
import type { BookmarkEmbeddings } from '../embed/embed-bookmarks'
import type { ImportResult } from '../import/result'
import { lesionsFromBookmarks } from '../match/from-bookmarks'
import { matchAllPatients, unplacedDecisions } from '../match/match-all'
import type { PatientMatchDetail } from '../match/match-patient'
import type { MatcherModel } from '../match/model'
import type { MatchIssue, MatchLesion, UserDecision } from '../match/types'
import type { StudyRef } from '../match/validate'
import type { ImportIssue } from '../model/types'
import { alignAndEmbed, type AlignAndEmbedOptions } from './align-and-embed'

export interface TrackImportOptions extends AlignAndEmbedOptions {
  model: MatcherModel
  decisions?: readonly UserDecision[]
}

export interface TrackedImport {
  matches: PatientMatchDetail[]
  /** The matcher's records of the bookmarks (with their embeddings, when computed). */
  lesions: MatchLesion[]
  /** Image registration of each patient's studies, by patient id (empty for 'bookmarks'). */
  imageAlignment: Map<string, PatientImageAlignment>
  /** Undefined when no embedder was given. */
  embeddings?: BookmarkEmbeddings
  /** Decisions that name no bookmark, then every patient's matching issues. */
  issues: MatchIssue[]
  /** Series whose deferred pixels could not be decoded (see alignAndEmbed). */
  imageIssues: ImportIssue[]
}

function studiesByPatient(result: ImportResult): Map<string, StudyRef[]> {
  const byPatient = new Map<string, StudyRef[]>()
  for (const s of result.studies) {
    const list = byPatient.get(s.patientId) ?? []
    list.push({ studyId: s.studyInstanceUid, studyOrder: s.studyIndex })
    byPatient.set(s.patientId, list)
  }
  return byPatient
}

/**
 * Aligns, embeds and matches the bookmarks of `result`, one patient's volumes at a time when the
 * import deferred its pixels. Bookmarks on a series without voxels are matched without embedding.
 */
export async function trackImport(
  result: ImportResult,
  options: TrackImportOptions,
): Promise<TrackedImport> {
  const { imageAlignment, embeddings, issues: imageIssues } = await alignAndEmbed(result, options)
  const lesions = lesionsFromBookmarks(result.bookmarks, result.studies, embeddings?.vectors)
  const decisions = options.decisions ?? []
  const matches = matchAllPatients(lesions, options.model, {
    decisions,
    studiesByPatient: studiesByPatient(result),
    priorTranslations: imagePriorTranslations(imageAlignment.values()),
    priorSource: IMAGE_REGISTRATION_SOURCE,
  })
  return {
    matches,
    lesions,
    imageAlignment,
    embeddings,
    issues: [...unplacedDecisions(lesions, decisions), ...matches.flatMap((m) => m.issues)],
    imageIssues,
  }
}
