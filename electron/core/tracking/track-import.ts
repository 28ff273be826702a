/**
 * The tracking pipeline on one imported folder: each patient's studies aligned from their CT
 * volumes, every bookmark embedded, then matched into tracks. `lesiontrack track` and the app run it.
 */
import {
  alignImportedStudies,
  IMAGE_REGISTRATION_SOURCE,
  imagePriorTranslations,
  type PatientImageAlignment,
} from '../align'
import { embedBookmarks, type BookmarkEmbeddings } from '../embed/embed-bookmarks'
import type { EmbeddingCache } from '../embed/embedding-cache'
import type { EmbeddingRunner } from '../embed/embedding-runner'
import type { ImportResult } from '../import/result'
import { lesionsFromBookmarks } from '../match/from-bookmarks'
import { matchAllPatients, unplacedDecisions } from '../match/match-all'
import type { PatientMatchDetail } from '../match/match-patient'
import type { MatcherModel } from '../match/model'
import type { MatchIssue, MatchLesion, UserDecision } from '../match/types'
import type { StudyRef } from '../match/validate'
import { patchVolumes } from '../patch/write-patch-folder'

/** How studies are put into one patient frame: from the CT volumes first, or bookmarks only. */
export type AlignmentMode = 'images' | 'bookmarks'

export interface TrackImportOptions {
  model: MatcherModel
  alignment: AlignmentMode
  /** Runs the lesion embedder; without one the matcher weighs position, size and type only. */
  embedder?: EmbeddingRunner
  embeddingCache?: EmbeddingCache
  decisions?: readonly UserDecision[]
  onEmbeddingProgress?: (done: number, total: number) => void
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
 * Aligns, embeds and matches the bookmarks of `result`. Reads the volumes and leaves them in
 * place. Bookmarks on a series without voxels are matched without an embedding.
 */
export async function trackImport(
  result: ImportResult,
  options: TrackImportOptions,
): Promise<TrackedImport> {
  const imageAlignment =
    options.alignment === 'images'
      ? alignImportedStudies(result)
      : new Map<string, PatientImageAlignment>()
  let embeddings: BookmarkEmbeddings | undefined
  if (options.embedder) {
    const volumes = patchVolumes(result)
    embeddings = await embedBookmarks(
      options.embedder,
      volumes,
      result.bookmarks.filter((b) => volumes.has(b.seriesInstanceUid)),
      { cache: options.embeddingCache, onProgress: options.onEmbeddingProgress },
    )
  }
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
  }
}
