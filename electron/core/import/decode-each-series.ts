/**
 * Decodes every series of an import that left its pixels on disk, one series at a time, and
 * leaves out — as an import that decodes everything at once would — each series with a slice
 * that cannot be decoded, with the studies, patients and bookmarks that only it held, naming each
 * loss. For commands that must look at every voxel of a folder (`lesiontrack inspect`) without
 * holding the whole folder's volumes in memory: at most one series' voxels are alive at a time.
 */
import type { ImportIssue } from '../model/types'
import { HINTS, seriesName, sliceOfSeriesNotImported } from './dicom-issues'
import { dropSeries } from './drop-series'
import type { ImportResult } from './result'

/** The bookmarks lost with a series, each an error as an all-at-once import reports it. */
function lostBookmarks(result: ImportResult, seriesUid: string): ImportIssue[] {
  const series = result.series.find((s) => s.seriesInstanceUid === seriesUid)
  const what = sliceOfSeriesNotImported(
    seriesName(series?.seriesNumber ?? 0, series?.description ?? '', seriesUid),
  )
  return result.bookmarks
    .filter((b) => b.seriesInstanceUid === seriesUid)
    .map((b) => ({
      file: b.sourceFile,
      code: 'sr-series-not-imported',
      message: `'${b.label}': it was drawn on ${what}; the bookmark is skipped`,
      hint: HINTS.bookmarkOfSeriesNotImported,
      severity: 'error',
    }))
}

/** Decodes each series of `result` in turn; one that fails is dropped from it (in place). */
export async function decodeEachSeries(result: ImportResult): Promise<ImportResult> {
  const { readVolume } = result
  if (!readVolume) return result
  for (const { seriesInstanceUid } of [...result.series]) {
    const read = await readVolume(seriesInstanceUid)
    if (read.ok) continue
    result.issues.push(read.issue, ...lostBookmarks(result, seriesInstanceUid))
    dropSeries(result, seriesInstanceUid)
  }
  return result
}
