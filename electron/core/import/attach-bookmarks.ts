/**
 * Turns SR measurements into bookmarks on imported series: finds the referenced slice by its SOP
 * Instance UID, places the bookmark in patient LPS, and reports every reference that cannot be kept.
 */
import { pixelToLps } from '../geometry/frames'
import type { Bookmark, ImportIssue, PixelXY, Series } from '../model/types'
import type { MeasurementReport, SrMeasurement } from '../sr/read-measurement-report'

interface SliceRef {
  series: Series
  sliceIndex: number
}

/** Index of every imported slice by SOP Instance UID. */
export function indexSlices(series: Series[]): Map<string, SliceRef> {
  const index = new Map<string, SliceRef>()
  for (const s of series) {
    s.sopInstanceUids.forEach((uid, k) => {
      if (uid) index.set(uid, { series: s, sliceIndex: k })
    })
  }
  return index
}

/** In-plane length in mm of a pixel segment; spacing along columns (x) and rows (y) may differ. */
function lengthMm([a, b]: [PixelXY, PixelXY], series: Series): number {
  const [sx, sy] = series.geometry.spacingMm
  return Math.hypot((a[0] - b[0]) * sx, (a[1] - b[1]) * sy)
}

/** Reader-stated and drawn lengths may differ by rounding; beyond this the report is inconsistent. */
const LENGTH_TOLERANCE = { absoluteMm: 1.5, relative: 0.1 }

function disagrees(statedMm: number, drawnMm: number): boolean {
  return (
    Math.abs(statedMm - drawnMm) >
    Math.max(LENGTH_TOLERANCE.absoluteMm, LENGTH_TOLERANCE.relative * drawnMm)
  )
}

export interface AttachResult {
  bookmarks: Bookmark[]
  issues: ImportIssue[]
}

function describe(m: SrMeasurement, n: number): string {
  return m.trackingIdentifier ? `'${m.trackingIdentifier}'` : `measurement ${n + 1}`
}

/** Resolves the measurements of `reports` against `series`; unresolvable ones become issues. */
export function attachBookmarks(reports: MeasurementReport[], series: Series[]): AttachResult {
  const slices = indexSlices(series)
  const result: AttachResult = { bookmarks: [], issues: [] }
  for (const report of reports) {
    report.measurements.forEach((m, n) => {
      const fail = (
        code: string,
        message: string,
        hint: string,
        severity: ImportIssue['severity'] = 'error',
      ) =>
        result.issues.push({
          file: report.file,
          code,
          message: `${describe(m, n)}: ${message}`,
          hint,
          severity,
        })
      const ref = slices.get(m.longAxis.referencedSopInstanceUid)
      if (!ref) {
        fail(
          'sr-missing-image',
          `it was drawn on image ${m.longAxis.referencedSopInstanceUid}, which is not among the imported CT slices; the bookmark is skipped`,
          'Import the folder that holds the referenced CT series together with this report.',
        )
        return
      }
      if (m.shortAxis.referencedSopInstanceUid !== m.longAxis.referencedSopInstanceUid) {
        fail(
          'sr-axes-on-two-images',
          'its long and short axes were drawn on different images; the bookmark is skipped',
          'Re-measure both axes on the key slice.',
        )
        return
      }
      const { series: s, sliceIndex } = ref
      if (report.studyInstanceUid && report.studyInstanceUid !== s.studyInstanceUid) {
        fail(
          'sr-other-study',
          `the report belongs to study ${report.studyInstanceUid} but the image to study ${s.studyInstanceUid}`,
          'Check that the report was exported with its own study.',
          'warning',
        )
      }
      for (const [name, axis] of [
        ['long', m.longAxis],
        ['short', m.shortAxis],
      ] as const) {
        const drawn = lengthMm(axis.pointsPx, s)
        if (disagrees(axis.lengthMm, drawn)) {
          fail(
            'sr-length-mismatch',
            `its ${name} axis is stated as ${axis.lengthMm.toFixed(1)} mm but drawn ${drawn.toFixed(1)} mm long; the stated value is kept`,
            'Check the measurement in the viewer that wrote the report.',
            'warning',
          )
        }
      }
      const [p, q] = m.longAxis.pointsPx
      const midPixel: [number, number, number] = [(p[0] + q[0]) / 2, (p[1] + q[1]) / 2, sliceIndex]
      if (m.shortAxis.lengthMm > m.longAxis.lengthMm) {
        fail(
          'sr-short-exceeds-long',
          `its short axis (${m.shortAxis.lengthMm.toFixed(1)} mm) is longer than its long axis (${m.longAxis.lengthMm.toFixed(1)} mm); kept as stated`,
          'Check which axis is which in the viewer that wrote the report.',
          'warning',
        )
      }
      result.bookmarks.push({
        bookmarkId: m.trackingUid || `${s.seriesInstanceUid}:${sliceIndex}:${n}`,
        patientId: report.patientId,
        studyInstanceUid: s.studyInstanceUid,
        seriesInstanceUid: s.seriesInstanceUid,
        sliceIndex,
        sopInstanceUid: m.longAxis.referencedSopInstanceUid,
        longAxisPx: m.longAxis.pointsPx,
        shortAxisPx: m.shortAxis.pointsPx,
        longAxisMm: m.longAxis.lengthMm,
        shortAxisMm: m.shortAxis.lengthMm,
        centerLps: pixelToLps(s.geometry, midPixel),
        lesionType: m.lesionType,
        label: m.trackingIdentifier,
        source: 'dicom-sr',
        sourceFile: report.file,
      })
    })
  }
  return result
}
