/**
 * The matching section of `lesiontrack eval`: matches the bookmarks of folders with a known
 * truth (embeddings attached) and scores the tracks against it.
 */
import type { BookmarkEmbeddings } from '../embed/embed-bookmarks'
import type { ImportResult } from '../import/result'
import type { LabelledImport } from '../patch/lesion-labels'
import { lesionsFromBookmarks } from './from-bookmarks'
import { matchAllPatients, type MatchAllOptions } from './match-all'
import { loadMatcherModel, type MatcherModel } from './model'
import { matchingFigures, type MatchingFigures } from './truth-figures'
import type { MatchLesion } from './types'

export interface MatchingEvalFolder {
  dir: string
  result: Pick<ImportResult, 'bookmarks' | 'studies'>
  labels: LabelledImport
}

/**
 * Figures of the matcher on `folders` (`embeddings[f]` belongs to folder f). Patients of
 * different folders are kept apart even when their ids repeat; `alignment` passes prior study
 * translations (by study id, e.g. from image registration) to the matcher.
 */
export function matchingEvalReport(
  folders: readonly MatchingEvalFolder[],
  embeddings: readonly BookmarkEmbeddings[],
  model: MatcherModel = loadMatcherModel(),
  alignment: Pick<MatchAllOptions, 'priorTranslations' | 'priorSource'> = {},
): { matcher: string } & MatchingFigures {
  const lesions: MatchLesion[] = []
  const truthOf = new Map<string, string>()
  folders.forEach((folder, f) => {
    const found = lesionsFromBookmarks(
      folder.result.bookmarks,
      folder.result.studies,
      embeddings[f]?.vectors,
    )
    for (const lesion of found) lesions.push({ ...lesion, patientId: `${f}/${lesion.patientId}` })
    for (const l of folder.labels.lesions)
      if (l.lesionId) truthOf.set(l.bookmark.bookmarkId, `${f}/${l.lesionId}`)
  })
  const matches = matchAllPatients(lesions, model, alignment)
  return {
    matcher: `${model.name} ${model.version}`,
    ...matchingFigures(matches, lesions, truthOf),
  }
}
