/**
 * What an import hands to the rest of the pipeline: the records it could build completely,
 * the voxels of each series, and one issue per file it could not use.
 */
import type { Bookmark, ImportIssue, Patient, Series, Study } from '../model/types'
import type { ReadDeferredVolume } from './dicom-folder'

export interface ImportResult {
  patients: Patient[]
  studies: Study[]
  series: Series[]
  bookmarks: Bookmark[]
  /** Hounsfield units of each series (i fastest, then j, then k), keyed by SeriesInstanceUID. */
  volumes: Map<string, Int16Array>
  issues: ImportIssue[]
  /**
   * Set when the import left the pixels on disk (ImportOptions.deferPixels): `volumes` starts
   * empty and this decodes a series when asked.
   */
  readVolume?: ReadDeferredVolume
}

/** How many records an import holds. */
export interface ImportCounts {
  patients: number
  studies: number
  series: number
  bookmarks: number
}

/** Counts printed by `lesiontrack inspect` and compared with a synthetic truth.json. */
export interface ImportSummary extends ImportCounts {
  errors: ImportIssue[]
}

export function countsOf(result: Omit<ImportResult, 'readVolume'>): ImportCounts {
  return {
    patients: result.patients.length,
    studies: result.studies.length,
    series: result.series.length,
    bookmarks: result.bookmarks.length,
  }
}

export function summarize(result: ImportResult): ImportSummary {
  return {
    ...countsOf(result),
    errors: result.issues.filter((issue) => issue.severity === 'error'),
  }
}
