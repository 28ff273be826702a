/**
 * The embedding section of `lesiontrack eval`: embeds every bookmark of the evaluated folders and
 * scores the vectors against the folders' truth (same-lesion AUC, top-5 retrieval errors).
 */
import type { BookmarkEmbeddings } from '../embed/embed-bookmarks'
import type { LabelledImport } from '../patch/lesion-labels'
import {
  retrievalFigures,
  sameLesionFigures,
  type EvalLesion,
  type RetrievalFigures,
  type SameLesionFigures,
} from './embedding-metrics'

/** One evaluated folder: where it is, and its bookmarks with their labels. */
export interface EvaluatedFolder {
  dir: string
  labels: LabelledImport
}

export interface EmbeddingEvalReport {
  lesions: number
  patients: number
  withIdentity: number
  withLocation: number
  sameLesion: SameLesionFigures
  retrievalTop5: RetrievalFigures
}

/**
 * Joins the labels of each folder with the embeddings of that folder. Patients and studies get
 * keys prefixed with the folder's position, so folders written with the same patient numbers
 * (DeepLesion layouts start at 000001) never merge.
 */
export function evalLesions(
  folders: EvaluatedFolder[],
  embeddings: BookmarkEmbeddings[],
): EvalLesion[] {
  return folders.flatMap((folder, f) =>
    folder.labels.lesions.map(({ bookmark, lesionId, normalizedLocation }) => {
      const embedding = embeddings[f].vectors.get(bookmark.bookmarkId)
      if (!embedding)
        throw new Error(`no embedding for bookmark ${bookmark.bookmarkId} of ${folder.dir}`)
      return {
        patientKey: `${f}/${bookmark.patientId}`,
        studyKey: `${f}/${bookmark.studyInstanceUid}`,
        lesionType: bookmark.lesionType,
        longAxisMm: bookmark.longAxisMm,
        embedding,
        ...(lesionId !== undefined && { lesionId }),
        ...(normalizedLocation !== undefined && { normalizedLocation }),
      }
    }),
  )
}

/** The embedding figures of `lesions` (see embedding-metrics.ts for the definitions). */
export function embeddingReport(lesions: EvalLesion[]): EmbeddingEvalReport {
  return {
    lesions: lesions.length,
    patients: new Set(lesions.map((l) => l.patientKey)).size,
    withIdentity: lesions.filter((l) => l.lesionId !== undefined).length,
    withLocation: lesions.filter((l) => l.normalizedLocation !== undefined).length,
    sameLesion: sameLesionFigures(lesions),
    retrievalTop5: retrievalFigures(lesions, 5),
  }
}
