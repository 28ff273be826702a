/**
 * Turns the measurements of SR reports and presentation states into bookmarks on imported series:
 * finds the referenced slice by its SOP Instance UID (and frame number, for an Enhanced CT image),
 * places the bookmark in patient LPS, and reports every reference that cannot be kept.
 */
import { pixelToLps } from '../geometry/frames'
import type { Bookmark, ImportIssue, PixelXY, Series, Study } from '../model/types'
import type { ImageAxis, MeasurementReport, SrMeasurement } from '../sr/measurement-report'
import { withoutRepeatedMeasurements } from './repeated-measurements'
import { measurementOnImages } from './world-axes'
import type { LeftOutImage } from './dicom-folder'
import { HINTS } from './dicom-issues'

interface SliceRef {
  series: Series
  sliceIndex: number
}

/** The index key of a slice: its SOP instance, and its frame within a multi-frame one. */
function sliceKey(sopInstanceUid: string, frameNumber: number | null): string {
  return frameNumber ? `${sopInstanceUid}#${frameNumber}` : sopInstanceUid
}

/** Every imported slice by SOP Instance UID (and frame), and which instances are multi-frame. */
interface SliceIndex {
  slices: Map<string, SliceRef>
  multiFrameUids: Set<string>
}

/** Indexes every imported slice by SOP Instance UID, and by frame number within a multi-frame one. */
export function indexSlices(series: Series[]): SliceIndex {
  const index: SliceIndex = { slices: new Map(), multiFrameUids: new Set() }
  for (const s of series) {
    s.sopInstanceUids.forEach((uid, k) => {
      if (!uid) return
      const frameNumber = s.frameNumbers?.[k] || null
      if (frameNumber) index.multiFrameUids.add(uid)
      index.slices.set(sliceKey(uid, frameNumber), { series: s, sliceIndex: k })
    })
  }
  return index
}

/** Where an axis was drawn, for messages: the image, and its frame when it names one. */
function imageName(axis: ImageAxis): string {
  const frame = axis.referencedFrameNumber ? ` frame ${axis.referencedFrameNumber}` : ''
  return `image ${axis.referencedSopInstanceUid}${frame}`
}

/**
 * The slice an axis was drawn on. A frame number on a single-frame image can only mean its one
 * frame; a multi-frame image without a frame number is ambiguous, and gives undefined.
 */
function sliceOf(index: SliceIndex, axis: ImageAxis): SliceRef | undefined {
  const uid = axis.referencedSopInstanceUid
  if (index.multiFrameUids.has(uid)) {
    return index.slices.get(sliceKey(uid, axis.referencedFrameNumber))
  }
  return axis.referencedFrameNumber === null || axis.referencedFrameNumber === 1
    ? index.slices.get(uid)
    : undefined
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

/**
 * Makes every bookmark id unique. A tracking UID need not be: TID 1500 keeps one finding's UID in
 * the reports of its later studies (that is what tracking means), and an SR exported twice repeats
 * its UIDs. A UID used more than once gets its study appended, and a number where one study
 * repeats it; a UID used once stays the id, so stored decisions keep naming the same bookmark.
 */
function makeIdsUnique(bookmarks: Bookmark[]): void {
  const uses = new Map<string, number>()
  for (const b of bookmarks) uses.set(b.bookmarkId, (uses.get(b.bookmarkId) ?? 0) + 1)
  const taken = new Set([...uses].filter(([, n]) => n === 1).map(([id]) => id))
  for (const b of bookmarks) {
    if (uses.get(b.bookmarkId) === 1) continue
    let id = `${b.bookmarkId}@${b.studyInstanceUid}`
    for (let k = 2; taken.has(id); k++) id = `${b.bookmarkId}@${b.studyInstanceUid}#${k}`
    taken.add(id)
    b.bookmarkId = id
  }
}

/**
 * Resolves the measurements of `reports` against `series`; unresolvable ones become issues (a
 * note where the image is one of `leftOutImages`, by SOP Instance UID, that is no CT slice; an
 * error naming the series where it is a slice of a series left out). A
 * bookmark belongs to the patient its image was filed under (`studies`): the image reference
 * decides, not the report's own PatientID, which may be empty or a stand-in's.
 */
export function attachBookmarks(
  reports: MeasurementReport[],
  series: Series[],
  studies: readonly Study[],
  leftOutImages: ReadonlyMap<string, LeftOutImage> = new Map(),
): AttachResult {
  const index = indexSlices(series)
  const patientOfStudy = new Map(studies.map((s) => [s.studyInstanceUid, s.patientId]))
  const result: AttachResult = { bookmarks: [], issues: [] }
  for (const report of reports) {
    let longAxisOnly = 0
    report.measurements.forEach((stated, n) => {
      const fail = (
        code: string,
        message: string,
        hint: string,
        severity: ImportIssue['severity'] = 'error',
      ) =>
        result.issues.push({
          file: report.file,
          code,
          message: `${describe(stated, n)}: ${message}`,
          hint,
          severity,
        })
      const m = measurementOnImages(stated, series, report.studyInstanceUid)
      if (typeof m === 'string') {
        fail(
          'sr-off-slice',
          m,
          'Import the CT series the lesion was measured on with this report, or measure it on a slice of an imported series.',
        )
        return
      }
      const ref = sliceOf(index, m.longAxis)
      if (!ref && index.multiFrameUids.has(m.longAxis.referencedSopInstanceUid)) {
        fail(
          m.longAxis.referencedFrameNumber === null ? 'sr-no-frame-number' : 'sr-missing-frame',
          m.longAxis.referencedFrameNumber === null
            ? `it was drawn on multi-frame image ${m.longAxis.referencedSopInstanceUid} without a ReferencedFrameNumber (0008,1160), so its slice is unknown; the bookmark is skipped`
            : `it was drawn on ${imageName(m.longAxis)}, which that image does not have; the bookmark is skipped`,
          'Re-measure the lesion in a viewer that records the frame, and export the report again.',
        )
        return
      }
      const leftOut = leftOutImages.get(m.longAxis.referencedSopInstanceUid)
      if (!ref && leftOut?.why === 'not-a-ct-slice') {
        fail(
          'sr-not-on-ct',
          `it was drawn on ${leftOut.what}, not on a CT slice; LesionTrack follows lesions on CT, so it is left out`,
          'Nothing to do: measurements on other images stay in PACS.',
          'note',
        )
        return
      }
      if (!ref && leftOut) {
        fail(
          'sr-series-not-imported',
          `it was drawn on ${leftOut.what}; the bookmark is skipped`,
          HINTS.bookmarkOfSeriesNotImported,
        )
        return
      }
      if (!ref) {
        fail(
          'sr-missing-image',
          `it was drawn on ${imageName(m.longAxis)}, which is not among the imported CT slices; the bookmark is skipped`,
          'Import the folder that holds the referenced CT series together with this report.',
        )
        return
      }
      if (m.shortAxis && sliceOf(index, m.shortAxis) !== ref) {
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
      const patientId = patientOfStudy.get(s.studyInstanceUid) ?? report.patientId
      if (report.patientId.trim() && report.patientId.trim() !== patientId) {
        fail(
          'sr-other-patient',
          `the report names patient ${report.patientId.trim()} but its image was filed under patient ${patientId}; the bookmark is filed with the image`,
          'Check that the report and the images are of one patient; if not, delete the report and import again.',
          'warning',
        )
      }
      const statedMm = (axis: ImageAxis, name: string): number => {
        const drawn = lengthMm(axis.pointsPx, s)
        // A presentation state states no lengths: its drawn lines are the measurement.
        if (axis.lengthMm === null && report.kind === 'gsps') return drawn
        if (axis.lengthMm === null) {
          fail(
            'sr-no-unit',
            `its ${name} axis is stated without a length unit (UCUM '1'); its length is measured from the drawn axis: ${drawn.toFixed(1)} mm`,
            'Nothing to do; a viewer that states the unit (mm) makes this note go away.',
            'warning',
          )
          return drawn
        }
        if (disagrees(axis.lengthMm, drawn)) {
          fail(
            'sr-length-mismatch',
            `its ${name} axis is stated as ${axis.lengthMm.toFixed(1)} mm but drawn ${drawn.toFixed(1)} mm long; the stated value is kept`,
            'Check the measurement in the viewer that wrote the report.',
            'warning',
          )
        }
        return axis.lengthMm
      }
      const longMm = statedMm(m.longAxis, 'long')
      const shortMm = m.shortAxis && statedMm(m.shortAxis, 'short')
      if (!m.shortAxis) longAxisOnly++
      const [p, q] = m.longAxis.pointsPx
      const midPixel: [number, number, number] = [(p[0] + q[0]) / 2, (p[1] + q[1]) / 2, sliceIndex]
      if (shortMm !== null && shortMm > longMm) {
        fail(
          'sr-short-exceeds-long',
          `its short axis (${shortMm.toFixed(1)} mm) is longer than its long axis (${longMm.toFixed(1)} mm); kept as stated`,
          'Check which axis is which in the viewer that wrote the report.',
          'warning',
        )
      }
      result.bookmarks.push({
        bookmarkId: m.trackingUid || `${s.seriesInstanceUid}:${sliceIndex}:${n}`,
        patientId,
        studyInstanceUid: s.studyInstanceUid,
        seriesInstanceUid: s.seriesInstanceUid,
        sliceIndex,
        sopInstanceUid: m.longAxis.referencedSopInstanceUid,
        longAxisPx: m.longAxis.pointsPx,
        shortAxisPx: m.shortAxis?.pointsPx ?? null,
        longAxisMm: longMm,
        shortAxisMm: shortMm,
        centerLps: pixelToLps(s.geometry, midPixel),
        lesionType: m.lesionType,
        label: m.trackingIdentifier,
        source: report.kind === 'gsps' ? 'dicom-gsps' : 'dicom-sr',
        sourceFile: report.file,
      })
    })
    if (longAxisOnly > 0) {
      result.issues.push({
        file: report.file,
        code: 'sr-long-axis-only',
        message: `${longAxisOnly} of its measurements give a long axis (or a length) without a short axis: their short axis is shown as not measured`,
        hint: 'Nothing to do for a lesion that is not a lymph node: RECIST 1.1 measures it by its long axis. A lymph node is measured by its short axis: measure it in LesionTrack.',
        severity: 'note',
      })
    }
  }
  // Repeats go before ids are made unique, so that an original keeps its id when a copy of its
  // report (or a tracking report) repeats the same tracking UID.
  const originals = withoutRepeatedMeasurements(result.bookmarks, reports)
  result.bookmarks = originals.bookmarks
  result.issues.push(...originals.issues)
  makeIdsUnique(result.bookmarks)
  return result
}
