/**
 * Writes RECIST bookmarks as a DICOM Comprehensive SR measurement report (TID 1500): one
 * measurement group per bookmark with its tracking identifier and UID, finding site, and long and
 * short axis in mm, each inferred from a 2-point SCOORD polyline on the key slice.
 */
import { writeFile } from 'node:fs/promises'
import type { PixelXY } from '../../model/types'
import { SR_CODES, type Code } from '../../sr/codes'
import { CHARACTER_SET_UTF8, el, encodePart10, seq, type Dataset } from './encoder'
import { dicomDate, dicomPatientModule, type DicomPatient } from './patient-study'
import {
  codeContent,
  container,
  imageContent,
  numContent,
  personContent,
  polylineContent,
  textContent,
  uidContent,
} from './sr-content'

export const COMPREHENSIVE_SR_STORAGE = '1.2.840.10008.5.1.4.1.1.88.33'
const LANGUAGE_EN_US: Code = {
  CodeValue: 'en-US',
  CodingSchemeDesignator: 'RFC5646',
  CodeMeaning: 'English (United States)',
}

export interface SrBookmark {
  trackingIdentifier: string
  trackingUid: string
  /** Where the lesion is; left out when unknown. */
  findingSite?: Code
  longAxisMm: number
  /** Null (with shortAxisPx) for a lesion measured by its long axis only: no Short Axis item. */
  shortAxisMm: number | null
  /** End points in 0-based pixel-center coordinates (x = column, y = row) of the key slice. */
  longAxisPx: [PixelXY, PixelXY]
  shortAxisPx: [PixelXY, PixelXY] | null
  referencedSopClassUid: string
  referencedSopInstanceUid: string
  /** The key slice's frame (1-based) when the image is multi-frame (Enhanced CT). */
  referencedFrameNumber?: number
  /** The key slice's series, when the report spans several (default: the input's). */
  referencedSeriesInstanceUid?: string
}

export interface MeasurementReportInput {
  patient: Partial<DicomPatient>
  studyInstanceUid: string
  /** YYYY-MM-DD and HHMMSS ('' where the study's time is unknown). */
  studyDate: string
  studyTime: string
  /** When the report's content was made (YYYY-MM-DD, HHMMSS); default: the study's date and time. */
  content?: { date: string; time: string }
  studyId: string
  studyDescription: string
  accessionNumber: string
  seriesInstanceUid: string
  seriesNumber: number
  sopInstanceUid: string
  manufacturer: string
  observerName: string
  /** The image series the bookmarks were drawn on, for the evidence sequence. */
  referencedSeriesInstanceUid: string
  bookmarks: SrBookmark[]
}

/** SCOORD data: DICOM puts (0,0) at the top-left corner of the top-left pixel, so centers gain 0.5. */
function scoordPoints(points: [PixelXY, PixelXY]): number[] {
  return points.flatMap(([x, y]) => [x + 0.5, y + 0.5])
}

function axisItem(
  concept: Code,
  lengthMm: number,
  points: [PixelXY, PixelXY],
  bookmark: SrBookmark,
): Dataset {
  return numContent('CONTAINS', concept, lengthMm, SR_CODES.millimetre, [
    polylineContent('INFERRED FROM', scoordPoints(points), [
      imageContent(
        'SELECTED FROM',
        bookmark.referencedSopClassUid,
        bookmark.referencedSopInstanceUid,
        bookmark.referencedFrameNumber,
      ),
    ]),
  ])
}

function measurementGroup(bookmark: SrBookmark): Dataset {
  return container('CONTAINS', SR_CODES.measurementGroup, [
    textContent('HAS OBS CONTEXT', SR_CODES.trackingIdentifier, bookmark.trackingIdentifier),
    uidContent('HAS OBS CONTEXT', SR_CODES.trackingUniqueIdentifier, bookmark.trackingUid),
    codeContent('CONTAINS', SR_CODES.finding, SR_CODES.lesion),
    ...(bookmark.findingSite
      ? [codeContent('HAS CONCEPT MOD', SR_CODES.findingSite, bookmark.findingSite)]
      : []),
    axisItem(SR_CODES.longAxis, bookmark.longAxisMm, bookmark.longAxisPx, bookmark),
    ...(bookmark.shortAxisMm !== null && bookmark.shortAxisPx
      ? [axisItem(SR_CODES.shortAxis, bookmark.shortAxisMm, bookmark.shortAxisPx, bookmark)]
      : []),
  ])
}

/**
 * The images the bookmarks were drawn on, once each (by `keyOf`), grouped by series (a bookmark's
 * own, else the input's), each as the reference item `itemOf` makes: what the SR's evidence and a
 * presentation state's references both list.
 */
export function imagesBySeries(
  input: Pick<MeasurementReportInput, 'bookmarks' | 'referencedSeriesInstanceUid'>,
  keyOf: (bookmark: SrBookmark) => string,
  itemOf: (bookmark: SrBookmark) => Dataset,
): Map<string, Dataset[]> {
  const seen = new Set<string>()
  const bySeries = new Map<string, Dataset[]>()
  for (const b of input.bookmarks) {
    if (seen.has(keyOf(b))) continue
    seen.add(keyOf(b))
    const series = b.referencedSeriesInstanceUid ?? input.referencedSeriesInstanceUid
    bySeries.set(series, [...(bySeries.get(series) ?? []), itemOf(b)])
  }
  return bySeries
}

/** Evidence: every image the report refers to, once each, grouped by series. */
function evidence(input: MeasurementReportInput): Dataset {
  const bySeries = imagesBySeries(
    input,
    (b) => b.referencedSopInstanceUid,
    (b) => [
      el(0x00081150, 'UI', b.referencedSopClassUid),
      el(0x00081155, 'UI', b.referencedSopInstanceUid),
    ],
  )
  return [
    el(0x0020000d, 'UI', input.studyInstanceUid),
    seq(
      0x00081115,
      [...bySeries].map(([series, references]) => [
        el(0x0020000e, 'UI', series),
        seq(0x00081199, references),
      ]),
    ),
  ]
}

/**
 * What every bookmark document LesionTrack writes (this SR, a presentation state) starts with:
 * SOP common, the study's patient and study attributes, and the document's own series.
 */
export function bookmarkDocumentHeader(
  input: Omit<MeasurementReportInput, 'bookmarks' | 'observerName' | 'content'>,
  sopClassUid: string,
  modality: 'SR' | 'PR',
): Dataset {
  return [
    el(0x00080005, 'CS', CHARACTER_SET_UTF8),
    el(0x00080016, 'UI', sopClassUid),
    el(0x00080018, 'UI', input.sopInstanceUid),
    el(0x00080020, 'DA', dicomDate(input.studyDate)),
    el(0x00080030, 'TM', input.studyTime),
    el(0x00080050, 'SH', input.accessionNumber),
    el(0x00080060, 'CS', modality),
    el(0x00080070, 'LO', input.manufacturer),
    el(0x00080090, 'PN', ''),
    el(0x00081030, 'LO', input.studyDescription),
    el(0x0008103e, 'LO', 'RECIST measurements'),
    ...dicomPatientModule(input.patient, input.studyDate),
    el(0x0020000d, 'UI', input.studyInstanceUid),
    el(0x0020000e, 'UI', input.seriesInstanceUid),
    el(0x00200010, 'SH', input.studyId),
    el(0x00200011, 'IS', String(input.seriesNumber)),
    el(0x00200013, 'IS', '1'),
  ]
}

function reportDataset(input: MeasurementReportInput): Dataset {
  const date = dicomDate(input.studyDate)
  const contentDate = input.content ? dicomDate(input.content.date) : date
  const contentTime = input.content?.time ?? input.studyTime
  const content = container(undefined, SR_CODES.imagingMeasurementReport, [
    codeContent('HAS CONCEPT MOD', SR_CODES.languageOfContent, LANGUAGE_EN_US),
    personContent('HAS OBS CONTEXT', SR_CODES.personObserver, input.observerName),
    codeContent('HAS CONCEPT MOD', SR_CODES.procedureReported, SR_CODES.ctProcedure),
    container('CONTAINS', SR_CODES.imagingMeasurements, input.bookmarks.map(measurementGroup)),
  ])
  return [
    ...bookmarkDocumentHeader(input, COMPREHENSIVE_SR_STORAGE, 'SR'),
    el(0x00080023, 'DA', contentDate),
    el(0x00080033, 'TM', contentTime),
    seq(0x00081111, []),
    seq(0x0040a372, []),
    seq(0x0040a375, [evidence(input)]),
    el(0x0040a491, 'CS', 'COMPLETE'),
    el(0x0040a493, 'CS', 'UNVERIFIED'),
    seq(0x0040a504, [[el(0x00080105, 'CS', 'DCMR'), el(0x0040db00, 'CS', '1500')]]),
    ...content,
  ]
}

/** The report as the bytes of a Part 10 file. */
export function measurementReportBytes(input: MeasurementReportInput): Uint8Array {
  return encodePart10(reportDataset(input), COMPREHENSIVE_SR_STORAGE, input.sopInstanceUid)
}

/** Writes the report to `path` (a Part 10 file). */
export async function writeMeasurementReport(
  path: string,
  input: MeasurementReportInput,
): Promise<void> {
  await writeFile(path, measurementReportBytes(input))
}
