/**
 * Measurement reports that repeat another's measurements: LesionTrack's own tracking reports
 * (sent back to PACS) hold the reader's measurements again, so a later PACS export of the patient
 * brings each measurement twice. A repeat — same slice, same axes — is left out, keeping the one
 * from the earliest report (the reading it came from), so each lesion is one bookmark and the
 * reader's decisions, which name the original bookmarks, still apply.
 */
import { importIssue } from '../model/import-issue'
import type { Bookmark, ImportIssue } from '../model/types'
import type { MeasurementReport } from '../sr/measurement-report'
import { HINTS } from './dicom-issues'

/** Axis end points closer than this (pixels) are the same point written twice. */
const SAME_POINT_PX = 0.01

function placeKey(b: Bookmark): string {
  const points = [...b.longAxisPx, ...(b.shortAxisPx ?? [])].flat()
  return [
    b.seriesInstanceUid,
    b.sliceIndex,
    ...points.map((v) => Math.round(v / SAME_POINT_PX)),
  ].join('|')
}

/** Earlier content date and time first (DICOM DA + TM compare as text); undated last. */
function byDate(a: MeasurementReport, b: MeasurementReport): number {
  if (a.contentDateTime === b.contentDateTime) return 0
  if (!a.contentDateTime) return 1
  if (!b.contentDateTime) return -1
  return a.contentDateTime < b.contentDateTime ? -1 : 1
}

/**
 * The bookmarks without repeats, and one warning per report whose measurements were left out.
 * Reports are ranked by content date and time (earliest first; undated last), then by the order
 * they were read.
 */
export function withoutRepeatedMeasurements(
  bookmarks: readonly Bookmark[],
  reports: readonly MeasurementReport[],
): { bookmarks: Bookmark[]; issues: ImportIssue[] } {
  const rank = new Map(
    [...reports]
      .map((report, order) => ({ report, order }))
      .sort((a, b) => byDate(a.report, b.report) || a.order - b.order)
      .map(({ report }, k) => [report.file, k]),
  )
  const rankOf = (b: Bookmark) => rank.get(b.sourceFile) ?? rank.size
  const kept = new Map<string, Bookmark>()
  for (const bookmark of [...bookmarks].sort((a, b) => rankOf(a) - rankOf(b))) {
    const key = placeKey(bookmark)
    if (!kept.has(key)) kept.set(key, bookmark)
  }
  // By identity: ids are made unique only after this (a repeat may share its original's id).
  const originals = new Set(kept.values())
  const repeatsOf = new Map<string, { count: number; original: string }>()
  for (const bookmark of bookmarks) {
    if (originals.has(bookmark)) continue
    const original = kept.get(placeKey(bookmark))!
    const entry = repeatsOf.get(bookmark.sourceFile) ?? { count: 0, original: original.sourceFile }
    entry.count++
    repeatsOf.set(bookmark.sourceFile, entry)
  }
  const kindOf = new Map(reports.map((r) => [r.file, r.kind]))
  const issues = [...repeatsOf].map(([file, { count, original }]) => {
    // A PACS may keep a report's measurements twice: in the SR and drawn in a presentation state.
    const why =
      kindOf.get(file) === kindOf.get(original)
        ? 'as a tracking report sent back to PACS does'
        : 'as a PACS that also draws the measurements of a report does'
    return importIssue(
      file,
      'repeated-measurement',
      original === file
        ? `${count} measurement(s) of this report repeat another of its own (same slice, same axes); the repeats were ignored.`
        : `${count} measurement(s) of this report repeat those of ${original} (same slice, same axes), ${why}; the repeats were ignored and the earlier report's kept.`,
      HINTS.nothing,
      'note',
    )
  })
  return { bookmarks: bookmarks.filter((b) => originals.has(b)), issues }
}
