/**
 * The attributes of one DICOM instance that grouping, geometry and pixel decoding need, copied out
 * of the parsed data set so that the data set and its bytes can be dropped right after parsing.
 */
import type { DataSet } from 'dicom-parser'
import type { Vec3 } from '../geometry/frames'
import { decodeText } from './character-set'
import { TAG } from './tags'
import { transferSyntaxOf } from './dicom-file'

/**
 * What imageHeaderOf reads: a dicom-parser DataSet, or the header scanner's result, which has
 * the same accessors with the same meaning (header-scan.ts).
 */
export type HeaderSource = Pick<
  DataSet,
  'string' | 'floatString' | 'intString' | 'uint16' | 'uint32'
> & {
  elements: Partial<
    Record<string, { dataOffset: number; length: number; hadUndefinedLength?: boolean }>
  >
}

/** How stored pixel values sit in their container (PS3.3 C.7.6.3). */
export interface StoredPixelFormat {
  bitsAllocated: number
  bitsStored: number
  highBit: number
  /** PixelRepresentation 1: two's complement. */
  signed: boolean
}

/** The modality LUT of a CT slice: HU = stored × slope + intercept; padding marks no-data pixels. */
export interface ModalityRescale {
  slope: number
  intercept: number
  /** Stored values [first, last] that are PixelPaddingValue (…RangeLimit), or null. */
  padding: [number, number] | null
}

/** A run of bytes in a file. */
export interface ByteRange {
  offset: number
  length: number
}

/** Where the PixelData element's value lies in the file. */
export interface PixelDataLocation {
  /**
   * Byte offset of the value in the file; for deflated files, in the file's meta header followed
   * by the inflated data set (the value starts offset − dataSetStart bytes into the inflated data).
   */
  offset: number
  /** Value length in bytes; -1 for undefined length (encapsulated fragments). */
  length: number
  /** Where the data set starts in the file: after the preamble and meta header (0 for raw files). */
  dataSetStart: number
  /**
   * The values of the Extended Offset Table (7FE0,0001) and its lengths (7FE0,0002), when the
   * file has them: where each frame of an encapsulated multi-frame image starts, and its size.
   */
  extendedOffsetTable: { offsets: ByteRange; lengths: ByteRange } | null
}

/** Which frame of a multi-frame file (Enhanced CT) an ImageHeader stands for. */
export interface ImageFrame {
  /** 1-based, as ReferencedFrameNumber (0008,1160) counts frames. */
  number: number
  /**
   * Encapsulated pixels: the file bytes of this frame's fragments, in order. Null for native
   * pixels, whose frame lies at pixelData.offset + (number − 1) × the frame size.
   */
  fragments: ByteRange[] | null
}

/** One DICOM instance as the import sees it: identity, image plane, pixel format, pixel data place. */
export interface ImageHeader {
  path: string
  fileSizeBytes: number
  transferSyntaxUid: string
  sopClassUid: string
  sopInstanceUid: string
  modality: string
  patientId: string
  patientName: string
  /** DICOM DA as stored (YYYYMMDD) or ''. */
  patientBirthDate: string
  patientSex: string
  studyInstanceUid: string
  /** DICOM DA as stored (YYYYMMDD) or ''. */
  studyDate: string
  studyTime: string
  studyDescription: string
  accessionNumber: string
  seriesInstanceUid: string
  /** FrameOfReferenceUID: the patient coordinate system its positions are in ('' when absent). */
  frameOfReferenceUid: string
  seriesNumber: number
  seriesDescription: string
  instanceNumber: number
  /** AcquisitionNumber (0020,0012): which pass of the scanner made the slice; null when absent. */
  acquisitionNumber: number | null
  /**
   * ImageType value 3 is LOCALIZER: a scout, a projection through the whole body rather than a
   * slice of it, which belongs in no volume even when the scanner files it in the axial series.
   */
  localizer: boolean
  imagePositionLps: Vec3 | null
  /** Row direction then column direction (ImageOrientationPatient), or null. */
  imageOrientation: [Vec3, Vec3] | null
  /** In-plane spacing in mm: [along i (between columns), along j (between rows)], or null. */
  pixelSpacingMm: [number, number] | null
  sliceThicknessMm: number | null
  spacingBetweenSlicesMm: number | null
  rows: number
  columns: number
  numberOfFrames: number
  samplesPerPixel: number
  photometricInterpretation: string
  storedFormat: StoredPixelFormat
  rescale: ModalityRescale
  /**
   * LossyImageCompression is 01: the pixels went through lossy compression at some point (a
   * copy made for the web or for storage), even when this file stores them losslessly.
   */
  lossyCompressed: boolean
  pixelData: PixelDataLocation | null
  /** The frame this header stands for in a multi-frame file; null for a single-frame image. */
  frame: ImageFrame | null
}

/** A number element's value, or null when it is absent or empty (Type 3 and Type 2 elements). */
function finiteOrNull(value: number | undefined): number | null {
  return value !== undefined && Number.isFinite(value) ? value : null
}

function text(dataSet: HeaderSource, tag: string): string {
  return dataSet.string(tag)?.trim() ?? ''
}

/** The first `count` numbers of a multi-valued DS, or null when there are fewer or one is not a number. */
export function numbers(dataSet: HeaderSource, tag: string, count: number): number[] | null {
  const values = dataSet.string(tag)?.split('\\').slice(0, count).map(Number.parseFloat)
  return values && values.length === count && values.every(Number.isFinite) ? values : null
}

/** A DS value, or null when absent or not a number. */
export function optionalNumber(dataSet: HeaderSource, tag: string): number | null {
  const value = dataSet.floatString(tag)
  return value !== undefined && Number.isFinite(value) ? value : null
}

/**
 * PixelPaddingValue has VR US or SS depending on PixelRepresentation; in implicit VR files the
 * parser cannot know which, so the raw 16 bits are read and interpreted here.
 */
function paddingValue(dataSet: HeaderSource, tag: string, signed: boolean): number | null {
  const raw = dataSet.uint16(tag)
  if (raw === undefined) return null
  return signed && raw >= 0x8000 ? raw - 0x10000 : raw
}

function paddingRange(dataSet: HeaderSource, signed: boolean): [number, number] | null {
  const first = paddingValue(dataSet, TAG.PixelPaddingValue, signed)
  if (first === null) return null
  const limit = paddingValue(dataSet, TAG.PixelPaddingRangeLimit, signed) ?? first
  return [Math.min(first, limit), Math.max(first, limit)]
}

/** End of the file meta information: its group length counts the bytes after that element. */
function dataSetStartOf(dataSet: HeaderSource): number {
  const groupLength = dataSet.elements[TAG.FileMetaInformationGroupLength]
  const length = dataSet.uint32(TAG.FileMetaInformationGroupLength)
  return groupLength && length !== undefined ? groupLength.dataOffset + 4 + length : 0
}

function valueRange(dataSet: HeaderSource, tag: string): ByteRange | null {
  const element = dataSet.elements[tag]
  return element ? { offset: element.dataOffset, length: element.length } : null
}

function extendedOffsetTableOf(dataSet: HeaderSource): PixelDataLocation['extendedOffsetTable'] {
  const offsets = valueRange(dataSet, TAG.ExtendedOffsetTable)
  const lengths = valueRange(dataSet, TAG.ExtendedOffsetTableLengths)
  return offsets && lengths && offsets.length > 0 ? { offsets, lengths } : null
}

/** Copies the attributes the import needs out of a data set parsed up to (at least) PixelData. */
export function imageHeaderOf(
  dataSet: HeaderSource,
  path: string,
  fileSizeBytes: number,
): ImageHeader {
  const position = numbers(dataSet, TAG.ImagePositionPatient, 3)
  const orientation = numbers(dataSet, TAG.ImageOrientationPatient, 6)
  const spacing = numbers(dataSet, TAG.PixelSpacing, 2)
  const bitsAllocated = dataSet.uint16(TAG.BitsAllocated) ?? 0
  const bitsStored = dataSet.uint16(TAG.BitsStored) ?? bitsAllocated
  const signed = dataSet.uint16(TAG.PixelRepresentation) === 1
  const pixelElement = dataSet.elements[TAG.PixelData]
  const characterSet = text(dataSet, TAG.SpecificCharacterSet)
  /** A name or description, in the file's character set. */
  const words = (tag: string) => decodeText(text(dataSet, tag), characterSet)
  return {
    path,
    fileSizeBytes,
    transferSyntaxUid: transferSyntaxOf(dataSet),
    sopClassUid: text(dataSet, TAG.SOPClassUID) || text(dataSet, TAG.MediaStorageSOPClassUID),
    sopInstanceUid: text(dataSet, TAG.SOPInstanceUID),
    modality: text(dataSet, TAG.Modality).toUpperCase(),
    patientId: words(TAG.PatientID),
    patientName: words(TAG.PatientName),
    patientBirthDate: text(dataSet, TAG.PatientBirthDate),
    patientSex: text(dataSet, TAG.PatientSex).toUpperCase(),
    studyInstanceUid: text(dataSet, TAG.StudyInstanceUID),
    studyDate: text(dataSet, TAG.StudyDate),
    studyTime: text(dataSet, TAG.StudyTime),
    studyDescription: words(TAG.StudyDescription),
    accessionNumber: words(TAG.AccessionNumber),
    seriesInstanceUid: text(dataSet, TAG.SeriesInstanceUID),
    frameOfReferenceUid: text(dataSet, TAG.FrameOfReferenceUID),
    seriesNumber: dataSet.intString(TAG.SeriesNumber) ?? 0,
    seriesDescription: words(TAG.SeriesDescription),
    instanceNumber: dataSet.intString(TAG.InstanceNumber) ?? 0,
    acquisitionNumber: finiteOrNull(dataSet.intString(TAG.AcquisitionNumber)),
    localizer: text(dataSet, TAG.ImageType).split('\\')[2]?.trim().toUpperCase() === 'LOCALIZER',
    imagePositionLps: position ? [position[0], position[1], position[2]] : null,
    imageOrientation: orientation
      ? [
          [orientation[0], orientation[1], orientation[2]],
          [orientation[3], orientation[4], orientation[5]],
        ]
      : null,
    // PixelSpacing is (row spacing, column spacing): the distance between rows comes first.
    pixelSpacingMm: spacing ? [spacing[1], spacing[0]] : null,
    sliceThicknessMm: optionalNumber(dataSet, TAG.SliceThickness),
    spacingBetweenSlicesMm: optionalNumber(dataSet, TAG.SpacingBetweenSlices),
    rows: dataSet.uint16(TAG.Rows) ?? 0,
    columns: dataSet.uint16(TAG.Columns) ?? 0,
    numberOfFrames: dataSet.intString(TAG.NumberOfFrames) ?? 1,
    samplesPerPixel: dataSet.uint16(TAG.SamplesPerPixel) ?? 1,
    photometricInterpretation: text(dataSet, TAG.PhotometricInterpretation),
    storedFormat: {
      bitsAllocated,
      bitsStored,
      highBit: dataSet.uint16(TAG.HighBit) ?? bitsStored - 1,
      signed,
    },
    rescale: {
      slope: optionalNumber(dataSet, TAG.RescaleSlope) ?? 1,
      intercept: optionalNumber(dataSet, TAG.RescaleIntercept) ?? 0,
      padding: paddingRange(dataSet, signed),
    },
    lossyCompressed: text(dataSet, TAG.LossyImageCompression) === '01',
    pixelData: pixelElement
      ? {
          offset: pixelElement.dataOffset,
          length: pixelElement.hadUndefinedLength ? -1 : pixelElement.length,
          dataSetStart: dataSetStartOf(dataSet),
          extendedOffsetTable: extendedOffsetTableOf(dataSet),
        }
      : null,
    frame: null,
  }
}
