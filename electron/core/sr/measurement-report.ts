/**
 * What the import reads from a DICOM document that holds bookmarks — a TID 1500 SR measurement
 * report or a presentation state's drawn lines: the measurements, each axis on an image (pixels)
 * or in patient coordinates (LPS mm), and the issues met.
 */
import type { NaturalDataset } from 'dcmjs'
import { readNaturalDataset } from '../dicom/natural-dataset'
import type { Vec3 } from '../geometry/frames'
import { importIssue } from '../model/import-issue'
import type { ImportIssue, LesionType, PixelXY } from '../model/types'

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

/**
 * DICOM SCOORD (and a presentation state's GraphicData) puts (0,0) at the top-left corner of the
 * top-left pixel; bookmarks use centres.
 */
export function toPixelCentre(x: number, y: number): PixelXY {
  return [x - 0.5, y - 0.5]
}

/**
 * Reads a bookmark document with `read`; a file that cannot be parsed gives no bookmarks and one
 * error (`<kind>-unreadable`) saying `what` it is (e.g. 'the structured report') and why.
 */
export function readBookmarkDocument(
  path: string,
  kind: MeasurementReport['kind'],
  what: string,
  hint: string,
  read: (dataset: NaturalDataset, file: string) => MeasurementReport,
): MeasurementReport {
  let dataset: NaturalDataset
  try {
    dataset = readNaturalDataset(path)
  } catch (error) {
    return {
      kind,
      file: path,
      sopInstanceUid: '',
      contentDateTime: '',
      patientId: '',
      studyInstanceUid: '',
      measurements: [],
      issues: [
        importIssue(
          path,
          `${kind}-unreadable`,
          `${what} cannot be parsed (${(error as Error).message})`,
          hint,
        ),
      ],
    }
  }
  return read(dataset, path)
}
