/**
 * Parses DICOM Part 10 bytes (and raw implicit-VR data sets) into dicom-parser data sets, with
 * sequences, in every transfer syntax's data set encoding. The image import uses this; SR
 * documents are read with dcmjs (see part10-wrap for their raw data sets).
 */
import { readFile } from 'node:fs/promises'
import { constants as zlibConstants, inflateRawSync } from 'node:zlib'
import dicomParser, { type DataSet } from 'dicom-parser'
import { TAG } from './tags'

/** A parsed DICOM file: the data set (elements keyed 'xGGGGEEEE', sequences as items[].dataSet). */
export interface DicomFile {
  path: string
  transferSyntaxUid: string
  dataSet: DataSet
}

/** Why bytes are not a usable DICOM data set; becomes the ImportIssue code. */
export type DicomReadErrorCode = 'not-dicom' | 'truncated' | 'corrupt'

/** Why bytes could not be parsed as DICOM; `code` goes into the ImportIssue. */
export class DicomReadError extends Error {
  constructor(
    readonly code: DicomReadErrorCode,
    message: string,
  ) {
    super(message)
  }
}

export const IMPLICIT_VR_LITTLE_ENDIAN = '1.2.840.10008.1.2'

/**
 * True when the bytes start like a data set without preamble and meta header, as some old PACS
 * exports write it: an implicit-VR little-endian element of group 0008 with a small length.
 */
export function looksLikeRawDataSet(bytes: Uint8Array): boolean {
  if (bytes.length < 8) return false
  const group = bytes[0] | (bytes[1] << 8)
  const length = (bytes[4] | (bytes[5] << 8) | (bytes[6] << 16)) + bytes[7] * 0x1000000
  return group === 0x0008 && length < 0x10000
}

export function hasPart10Prefix(bytes: Uint8Array): boolean {
  return (
    bytes.length >= 132 &&
    bytes[128] === 0x44 &&
    bytes[129] === 0x49 &&
    bytes[130] === 0x43 &&
    bytes[131] === 0x4d
  )
}

/**
 * Gives the deflated data set back as one byte array: meta header bytes, then the inflated rest.
 * A stream that stops early inflates as far as it goes (sync flush instead of an error), so the
 * header pass can inflate just the head of a file, and a truncated file is found short by the
 * parser or the pixel reader, which say so.
 */
function inflateDataSet(byteArray: Uint8Array, position: number): Uint8Array {
  const inflated = inflateRawSync(byteArray.subarray(position), {
    finishFlush: zlibConstants.Z_SYNC_FLUSH,
  })
  const full = Buffer.allocUnsafe(position + inflated.length)
  full.set(byteArray.subarray(0, position), 0)
  full.set(inflated, position)
  return full
}

/** dicom-parser throws strings, Errors, or { exception, dataSet } objects: get the words out. */
function messageOf(thrown: unknown): string {
  if (thrown instanceof Error) return thrown.message
  if (typeof thrown === 'string') return thrown
  if (thrown && typeof thrown === 'object' && 'exception' in thrown) return String(thrown.exception)
  return String(thrown)
}

/** dicom-parser says "past end of buffer" / "eof" when the bytes stop inside an element. */
function isEndOfData(message: string): boolean {
  return /past end|end of buffer|eof|unexpected end|buffer overrun|beyond|exceeds|greater than or equal to 'byteArray' length/i.test(
    message,
  )
}

/** Options of parseDicomBytes. */
export interface ParseOptions {
  /** Stop after the PixelData element's header: its value is neither read nor checked. */
  untilPixelData?: boolean
}

/**
 * Parses DICOM bytes into a data set. Throws DicomReadError: 'not-dicom' when the bytes are not
 * DICOM at all, 'truncated' when they stop inside an element, 'corrupt' otherwise.
 */
export function parseDicomBytes(bytes: Uint8Array, options: ParseOptions = {}): DataSet {
  const part10 = hasPart10Prefix(bytes)
  if (!part10 && !looksLikeRawDataSet(bytes)) {
    throw new DicomReadError('not-dicom', 'not a DICOM file (no "DICM" marker at byte 128)')
  }
  try {
    return dicomParser.parseDicom(bytes, {
      untilTag: options.untilPixelData ? TAG.PixelData : undefined,
      inflater: inflateDataSet,
      ...(part10 ? {} : { TransferSyntaxUID: IMPLICIT_VR_LITTLE_ENDIAN }),
    } as dicomParser.ParseDicomOptions)
  } catch (thrown) {
    const message = messageOf(thrown)
    if (isEndOfData(message))
      throw new DicomReadError('truncated', `the file ends early (${message})`)
    throw new DicomReadError('corrupt', `the DICOM data set cannot be parsed (${message})`)
  }
}

/** Transfer syntax UID of a parsed data set (implicit VR little endian for raw data sets). */
export function transferSyntaxOf(dataSet: Pick<DataSet, 'string'>): string {
  return dataSet.string(TAG.TransferSyntaxUID) ?? IMPLICIT_VR_LITTLE_ENDIAN
}

/**
 * Reads and parses a whole DICOM file, sequences included (for SR documents and tests).
 * Throws DicomReadError for content problems and the fs error (ENOENT, EACCES…) for access problems.
 */
export async function readDicomFile(path: string): Promise<DicomFile> {
  const bytes = await readFile(path)
  const dataSet = parseDicomBytes(bytes)
  return { path, transferSyntaxUid: transferSyntaxOf(dataSet), dataSet }
}
