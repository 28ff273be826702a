/**
 * Decodes every series of an import that left its pixels on disk, one series at a time, and
 * leaves out — as an import that decodes everything at once would — each series with a slice
 * that cannot be decoded, with the studies, patients and bookmarks that only it held. For
 * commands that must look at every voxel of a folder (`lesiontrack inspect`) without holding the
 * whole folder's volumes in memory: at most one series' voxels are alive at a time.
 */
import type { ImportIssue } from '../model/types'
import { HINTS } from './dicom-issues'
import type { ImportResult } from './result'

/** The import without the series whose pixels fail to decode, and an issue for each loss. */
export async function decodeEachSeries(result: ImportResult): Promise<ImportResult> {
  const { readVolume } = result
  if (!readVolume) return result
  const failed = new Map<string, ImportIssue>()
  for (const series of result.series) {
    const read = await readVolume(series.seriesInstanceUid)
    if (!read.ok) failed.set(series.seriesInstanceUid, read.issue)
  }
  if (failed.size === 0) return result
  const series = result.series.filter((s) => !failed.has(s.seriesInstanceUid))
  const studies = result.studies
    .map((study) => ({
      ...study,
      seriesUids: study.seriesUids.filter((uid) => !failed.has(uid)),
    }))
    .filter((study) => study.seriesUids.length > 0)
  const studyUids = new Set(studies.map((study) => study.studyInstanceUid))
  const patients = result.patients
    .map((patient) => ({
      ...patient,
      studyUids: patient.studyUids.filter((uid) => studyUids.has(uid)),
    }))
    .filter((patient) => patient.studyUids.length > 0)
  const lost = result.bookmarks.filter((b) => failed.has(b.seriesInstanceUid))
  const named = new Map(
    result.series.map((s) => {
      const description = s.description ? ` "${s.description}"` : ''
      return [
        s.seriesInstanceUid,
        `series ${s.seriesNumber}${description} (${s.seriesInstanceUid})`,
      ]
    }),
  )
  return {
    ...result,
    patients,
    studies,
    series,
    bookmarks: result.bookmarks.filter((b) => !failed.has(b.seriesInstanceUid)),
    issues: [
      ...result.issues,
      ...failed.values(),
      ...lost.map((b): ImportIssue => ({
        file: b.sourceFile,
        code: 'sr-series-not-imported',
        message: `'${b.label}': it was drawn on a slice of ${named.get(b.seriesInstanceUid)}, which was not imported (its own error says why); the bookmark is skipped`,
        hint: HINTS.bookmarkOfSeriesNotImported,
        severity: 'error',
      })),
    ],
  }
}
