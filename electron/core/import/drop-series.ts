/**
 * Takes one series out of an import whole — its bookmarks, and its study or patient when nothing
 * else is left of them — as a full import does with a series it cannot decode: for the paths
 * that decode series later (the app's pipeline, `inspect`).
 */
import type { ImportResult } from './result'

/** Leaves series `seriesUid` out of `result` (in place), with what only it held. */
export function dropSeries(result: ImportResult, seriesUid: string): void {
  result.series = result.series.filter((s) => s.seriesInstanceUid !== seriesUid)
  result.bookmarks = result.bookmarks.filter((b) => b.seriesInstanceUid !== seriesUid)
  for (const study of result.studies) {
    study.seriesUids = study.seriesUids.filter((uid) => uid !== seriesUid)
  }
  const emptyStudies = new Set(
    result.studies.filter((s) => s.seriesUids.length === 0).map((s) => s.studyInstanceUid),
  )
  result.studies = result.studies.filter((s) => !emptyStudies.has(s.studyInstanceUid))
  for (const patient of result.patients) {
    patient.studyUids = patient.studyUids.filter((uid) => !emptyStudies.has(uid))
  }
  result.patients = result.patients.filter((p) => p.studyUids.length > 0)
}
