/**
 * What a load tells the renderer (LoadReport) and how much of it an added folder brought: counts
 * of the records read, compared with those of the session before.
 */
import type { LoadReport, RecordCounts, SessionSource } from '../../api/records'
import { countsOf, type ImportResult } from '../import/result'

/** The report of a load of `source`: what it read, and whether it replaced the session. */
export function toLoadReport(
  source: SessionSource,
  result: ImportResult,
  replacedSession: boolean,
): LoadReport {
  return {
    source,
    patients: result.patients,
    counts: countsOf(result),
    issues: result.issues,
    replacedSession,
  }
}

/** What a load holds beyond an earlier one of the same folders (never below zero). */
export function countsAdded(before: RecordCounts, after: RecordCounts): RecordCounts {
  return {
    patients: Math.max(0, after.patients - before.patients),
    studies: Math.max(0, after.studies - before.studies),
    series: Math.max(0, after.series - before.series),
    bookmarks: Math.max(0, after.bookmarks - before.bookmarks),
  }
}
