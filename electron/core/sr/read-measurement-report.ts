/**
 * Reads RECIST bookmarks from a DICOM SR TID 1500 measurement report: each measurement group with
 * a long axis — or a single length — and, when measured, a short axis (NUM in mm, inferred from a
 * 2-point SCOORD on one referenced image, or from a 2-point SCOORD3D in patient coordinates,
 * which the import places on a slice, or drawn as the group's Image Region).
 */
import type { NaturalDataset } from 'dcmjs'
import { readNaturalDataset } from '../dicom/natural-dataset'
import { importIssue } from '../model/import-issue'
import type { Vec3 } from '../geometry/frames'
import type { ImportIssue, LesionType, PixelXY } from '../model/types'
import { LEGACY_AXIS_CODES, SR_CODES, lesionTypeOfFindingSite } from './codes'
import {
  childrenNamed,
  childrenOfType,
  codeValue,
  conceptName,
  isConcept,
  items,
  numericValue,
  textValue,
  uidValue,
  type ContentItem,
} from './content-tree'
import { regionAxes, type RegionAxes } from './image-region'

/** One axis of a bookmark drawn on an image (SCOORD). */
export interface ImageAxis {
  /**
   * The stated length; null when the report gives it no unit (UCUM '1', as OHIF's Cornerstone
   * writer does for bidirectional measurements): the length is then that of the drawn axis.
   */
  lengthMm: number | null
  /** End points in 0-based pixel-centre coordinates (x = column, y = row) of the referenced image. */
  pointsPx: [PixelXY, PixelXY]
  referencedSopInstanceUid: string
  /** ReferencedFrameNumber (1-based) when the image is a multi-frame one (Enhanced CT), else null. */
  referencedFrameNumber: number | null
}

/** One axis of a bookmark in patient coordinates (SCOORD3D): no image named. */
export interface WorldAxis {
  /** As ImageAxis.lengthMm. */
  lengthMm: number | null
  /** End points in patient LPS (mm) of the frame of reference named. */
  pointsLps: [Vec3, Vec3]
  /** ReferencedFrameOfReferenceUID ('' when the report leaves it out). */
  frameOfReferenceUid: string
}

/** One axis of a bookmark as the report states it. */
export type SrAxis = ImageAxis | WorldAxis

/** Whether an axis was drawn on an image (rather than given in patient coordinates). */
export function isImageAxis(axis: SrAxis): axis is ImageAxis {
  return 'pointsPx' in axis
}

export interface SrMeasurement<Axis extends SrAxis = SrAxis> {
  trackingIdentifier: string
  trackingUid: string
  lesionType: LesionType
  longAxis: Axis
  /** Null when the group measures the long axis (or a length) alone, as RECIST 1.1 allows. */
  shortAxis: Axis | null
}

/**
 * The bookmarks of one DICOM document: a TID 1500 SR measurement report, or a presentation state
 * whose drawn lines are RECIST axes (electron/core/gsps).
 */
export interface MeasurementReport {
  /** Which kind of document: a presentation state states no lengths, only the drawn axes. */
  kind: 'sr' | 'gsps'
  file: string
  /** The report's own SOP Instance UID: two files with the same one are copies of one report. */
  sopInstanceUid: string
  /** ContentDate and ContentTime as stored (YYYYMMDDHHMMSS…), '' when absent: when it was made. */
  contentDateTime: string
  patientId: string
  studyInstanceUid: string
  measurements: SrMeasurement[]
  issues: ImportIssue[]
}

const UNIT_TO_MM: Record<string, number> = { mm: 1, cm: 10, um: 0.001 }
/** UCUM's unity: a number stated without a unit. */
const NO_UNIT = '1'

class GroupError extends Error {}

/**
 * DICOM SCOORD (and a presentation state's GraphicData) puts (0,0) at the top-left corner of the
 * top-left pixel; bookmarks use centres.
 */
export function toPixelCentre(x: number, y: number): PixelXY {
  return [x - 0.5, y - 0.5]
}

/** A line drawn on one image: `data` its end points as the SCOORD `scoord` writes them. */
function imageAxis(
  scoord: ContentItem,
  data: readonly number[],
  name: string,
  lengthMm: number | null,
): ImageAxis {
  const image = childrenOfType(scoord, 'IMAGE')[0]
  const reference = image ? items(image.ReferencedSOPSequence)[0] : undefined
  const sop = reference ? String(reference.ReferencedSOPInstanceUID ?? '') : ''
  if (!sop) throw new GroupError(`its ${name} does not say which image it was drawn on`)
  return {
    lengthMm,
    pointsPx: [toPixelCentre(data[0], data[1]), toPixelCentre(data[2], data[3])],
    referencedSopInstanceUid: sop,
    referencedFrameNumber: frameNumberOf(reference!, name),
  }
}

/** The NUM of the group named by one of `codeValues`, and its length in mm (null: no unit). */
function lengthOf(group: ContentItem, name: string, codeValues: string[]) {
  const num = childrenNamed(group, ...codeValues).find((item) => item.ValueType === 'NUM')
  if (!num) throw new GroupError(`it has no ${name} measurement`)
  const measured = numericValue(num)
  if (!measured) throw new GroupError(`its ${name} has no numeric value`)
  const unit = String(measured.unit?.CodeValue ?? '')
  const scale = UNIT_TO_MM[unit]
  if (scale === undefined && unit !== NO_UNIT) {
    throw new GroupError(`its ${name} is in '${unit || 'no unit'}', not a length unit (mm, cm)`)
  }
  return { num, lengthMm: scale === undefined ? null : measured.value * scale }
}

/**
 * One axis of the group: its NUM's own coordinates, or else the line `region` of the group's
 * Image Region (undefined: none).
 */
function readAxis(
  group: ContentItem,
  name: string,
  codeValues: string[],
  region: { scoord: ContentItem; line: number[] | null } | undefined,
): SrAxis {
  const { num, lengthMm } = lengthOf(group, name, codeValues)
  const scoord = childrenOfType(num, 'SCOORD')[0]
  if (!scoord) {
    const world = childrenOfType(num, 'SCOORD3D')[0]
    if (world) return worldAxis(world, name, lengthMm)
    if (region?.line) return imageAxis(region.scoord, region.line, name, lengthMm)
    throw new GroupError(`its ${name} has no coordinates (SCOORD or SCOORD3D)`)
  }
  const data = items(scoord.GraphicData).map(Number)
  if (
    scoord.GraphicType !== 'POLYLINE' ||
    data.length !== 4 ||
    data.some((v) => !Number.isFinite(v))
  ) {
    throw new GroupError(`its ${name} is not a 2-point POLYLINE`)
  }
  return imageAxis(scoord, data, name, lengthMm)
}

/** An axis given as a 2-point SCOORD3D polyline in patient coordinates (mm). */
function worldAxis(scoord: ContentItem, name: string, lengthMm: number | null): WorldAxis {
  const data = items(scoord.GraphicData).map(Number)
  if (
    scoord.GraphicType !== 'POLYLINE' ||
    data.length !== 6 ||
    data.some((v) => !Number.isFinite(v))
  ) {
    throw new GroupError(`its ${name} is not a 2-point POLYLINE in 3D coordinates`)
  }
  return {
    lengthMm,
    pointsLps: [
      [data[0], data[1], data[2]],
      [data[3], data[4], data[5]],
    ],
    frameOfReferenceUid: String(scoord.ReferencedFrameOfReferenceUID ?? ''),
  }
}

/** The one frame a 2D coordinate lies on, or null when the reference names no frame. */
function frameNumberOf(reference: ContentItem, name: string): number | null {
  const value = reference.ReferencedFrameNumber
  if (value === undefined || value === null || value === '') return null
  const frames = (Array.isArray(value) ? value : String(value).split('\\')).map(Number)
  if (frames.length !== 1 || !Number.isInteger(frames[0]) || frames[0] < 1) {
    throw new GroupError(
      `its ${name} references frame(s) ${frames.join(', ')}; a 2D measurement lies on exactly one frame`,
    )
  }
  return frames[0]
}

const LONG_AXIS_CODES = [
  SR_CODES.longAxis.CodeValue,
  LEGACY_AXIS_CODES.longAxis,
  SR_CODES.length.CodeValue,
  LEGACY_AXIS_CODES.length,
  SR_CODES.diameter.CodeValue,
  LEGACY_AXIS_CODES.diameter,
]
const SHORT_AXIS_CODES = [SR_CODES.shortAxis.CodeValue, LEGACY_AXIS_CODES.shortAxis]

function hasMeasurement(group: ContentItem, codeValues: string[]): boolean {
  return childrenNamed(group, ...codeValues).some((item) => item.ValueType === 'NUM')
}

/**
 * Whether the group states a short axis it does not draw: no coordinates of its own, and an Image
 * Region that is one line (the long axis).
 */
function shortAxisUndrawn(group: ContentItem, region: RegionAxes | undefined): boolean {
  if (!region || region.short) return false
  const num = childrenNamed(group, ...SHORT_AXIS_CODES).find((item) => item.ValueType === 'NUM')
  return childrenOfType(num!, 'SCOORD').length + childrenOfType(num!, 'SCOORD3D').length === 0
}

/** A group's bookmark, and whether a stated short axis was left out for want of its line. */
function readGroup(group: ContentItem): { measurement: SrMeasurement; undrawnShort: boolean } {
  const site = childrenNamed(group, SR_CODES.findingSite.CodeValue)[0]
  const region = regionAxes(group)
  const undrawnShort = hasMeasurement(group, SHORT_AXIS_CODES) && shortAxisUndrawn(group, region)
  const measurement = {
    trackingIdentifier: textValue(childrenNamed(group, SR_CODES.trackingIdentifier.CodeValue)[0]),
    trackingUid: uidValue(childrenNamed(group, SR_CODES.trackingUniqueIdentifier.CodeValue)[0]),
    lesionType: lesionTypeOfFindingSite(String(codeValue(site)?.CodeValue ?? '')),
    longAxis: readAxis(
      group,
      'long axis',
      LONG_AXIS_CODES,
      region && { scoord: region.scoord, line: region.long },
    ),
    shortAxis:
      hasMeasurement(group, SHORT_AXIS_CODES) && !undrawnShort
        ? readAxis(
            group,
            'short axis',
            SHORT_AXIS_CODES,
            region && { scoord: region.scoord, line: region.short },
          )
        : null,
  }
  return { measurement, undrawnShort }
}

/** Extracts the measurement groups of a naturalized SR dataset; `file` names it in issues. */
export function measurementsOfDataset(dataset: NaturalDataset, file: string): MeasurementReport {
  const report: MeasurementReport = {
    kind: 'sr',
    file,
    sopInstanceUid: String(dataset.SOPInstanceUID ?? ''),
    contentDateTime: `${dataset.ContentDate ?? ''}${dataset.ContentTime ?? ''}`,
    patientId: String(dataset.PatientID ?? ''),
    studyInstanceUid: String(dataset.StudyInstanceUID ?? ''),
    measurements: [],
    issues: [],
  }
  const root = dataset as ContentItem
  if (!isConcept(root, SR_CODES.imagingMeasurementReport.CodeValue)) {
    const title = conceptName(root)?.CodeMeaning ?? 'no title'
    report.issues.push(
      importIssue(
        file,
        'sr-not-measurement-report',
        `this structured report is '${title}', not a TID 1500 measurement report; it holds no bookmarks for LesionTrack`,
        'Nothing to do unless this report should hold RECIST measurements.',
        'note',
      ),
    )
    return report
  }
  const groups = childrenNamed(root, SR_CODES.imagingMeasurements.CodeValue).flatMap((container) =>
    childrenNamed(container, SR_CODES.measurementGroup.CodeValue),
  )
  let undrawnShortAxes = 0
  groups.forEach((group, n) => {
    try {
      const { measurement, undrawnShort } = readGroup(group)
      report.measurements.push(measurement)
      if (undrawnShort) undrawnShortAxes++
    } catch (error) {
      if (!(error instanceof GroupError)) throw error
      const label = textValue(childrenNamed(group, SR_CODES.trackingIdentifier.CodeValue)[0])
      report.issues.push(
        importIssue(
          file,
          'sr-bad-measurement',
          `measurement group ${n + 1}${label ? ` ('${label}')` : ''} is skipped: ${error.message}`,
          'Re-measure this lesion (its axes on one image) and export the report again.',
        ),
      )
    }
  })
  if (undrawnShortAxes > 0) {
    report.issues.push(
      importIssue(
        file,
        'sr-short-axis-not-drawn',
        `${undrawnShortAxes} measurement group(s) state a short axis but draw only one line (their Image Region); they were read as long axes alone`,
        'Nothing to do unless these lesions are lymph nodes, which RECIST measures by the short axis: then measure it in LesionTrack.',
        'note',
      ),
    )
  }
  return report
}

/** The report of a document that cannot be parsed: nothing read from it, one error saying why. */
export function unreadableReport(
  kind: MeasurementReport['kind'],
  file: string,
  code: string,
  message: string,
  hint: string,
): MeasurementReport {
  return {
    kind,
    file,
    sopInstanceUid: '',
    contentDateTime: '',
    patientId: '',
    studyInstanceUid: '',
    measurements: [],
    issues: [importIssue(file, code, message, hint)],
  }
}

/** Reads one SR file. Unreadable files give a single issue and no measurements. */
export function readMeasurementReport(path: string): MeasurementReport {
  let dataset: NaturalDataset
  try {
    dataset = readNaturalDataset(path)
  } catch (error) {
    return unreadableReport(
      'sr',
      path,
      'sr-unreadable',
      `the structured report cannot be parsed (${(error as Error).message})`,
      'Export the report from the PACS again; the rest of the folder was imported.',
    )
  }
  return measurementsOfDataset(dataset, path)
}
