/**
 * Turns the header of a multi-frame CT file (Enhanced CT or Legacy Converted Enhanced CT) into one
 * ImageHeader per frame, each with its own image plane, rescale and pixel place, so that the import
 * orders and reads frames as slices.
 */
import { closeSync, openSync, readSync } from 'node:fs'
import type { DataSet } from 'dicom-parser'
import { DicomReadError, parseDicomBytes } from './dicom-file'
import { encapsulatedFrames } from './encapsulated-frames'
import { frameAttributesOf, FunctionalGroupError } from './functional-groups'
import type { ByteRange, ImageHeader } from './image-header'
import { describeTransferSyntax, transferSyntax } from './transfer-syntax'

/** Why the frames of a multi-frame file cannot be read as slices; `code` becomes the issue code. */
export class FrameLayoutError extends Error {
  constructor(
    /** The file-level header, so the issue can name the file and its series. */
    readonly file: ImageHeader,
    readonly code: string,
    message: string,
  ) {
    super(message)
  }
}

const IMPLICIT_VR_LITTLE_ENDIAN = '1.2.840.10008.1.2'

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}

/**
 * The data set up to (not including) the first element of group 7FE0, with its sequences. Cut
 * there because dicom-parser does not know the VR OV of the Extended Offset Table (7FE0,0001).
 */
function functionalGroupsDataSet(fd: number, header: ImageHeader): DataSet {
  const location = header.pixelData!
  const elementHeaderBytes = header.transferSyntaxUid === IMPLICIT_VR_LITTLE_ENDIAN ? 8 : 12
  const firstPixelElement = Math.min(
    location.offset,
    location.extendedOffsetTable?.offsets.offset ?? Infinity,
  )
  const head = Buffer.alloc(Math.max(0, firstPixelElement - elementHeaderBytes))
  let done = 0
  while (done < head.length) {
    const read = readSync(fd, head, done, head.length - done, done)
    if (read === 0) break
    done += read
  }
  try {
    return parseDicomBytes(head.subarray(0, done))
  } catch (error) {
    if (!(error instanceof DicomReadError)) throw error
    throw new FunctionalGroupError('corrupt', `its header cannot be parsed: ${error.message}`)
  }
}

function fragmentsOf(fd: number, header: ImageHeader): (ByteRange[] | null)[] {
  const count = header.numberOfFrames
  if (!transferSyntax(header.transferSyntaxUid).encapsulated) return new Array(count).fill(null)
  return encapsulatedFrames(fd, header.pixelData!, header.fileSizeBytes, count)
}

/**
 * One header per frame of the multi-frame image described by `file` (frame 1 first), with the
 * position, orientation, pixel spacing and rescale its functional groups give (a frame without
 * Pixel Value Transformation keeps the file's RescaleSlope / Intercept). Throws FrameLayoutError
 * saying which frame lacks what, or why its pixels cannot be found.
 */
export function frameHeadersOf(file: ImageHeader): ImageHeader[] {
  if (!file.pixelData) throw new FrameLayoutError(file, 'corrupt', 'the file has no pixel data')
  if (transferSyntax(file.transferSyntaxUid).deflated) {
    throw new FrameLayoutError(
      file,
      'unsupported-transfer-syntax',
      `Its frames are stored in ${describeTransferSyntax(file.transferSyntaxUid)}, which would have to be inflated whole for every frame`,
    )
  }
  const fd = openSync(file.path, 'r')
  try {
    const attributes = frameAttributesOf(functionalGroupsDataSet(fd, file), file.numberOfFrames)
    const fragments = fragmentsOf(fd, file)
    return attributes.map((frame, index) => ({
      ...file,
      imagePositionLps: frame.imagePositionLps,
      imageOrientation: frame.imageOrientation,
      pixelSpacingMm: frame.pixelSpacingMm,
      sliceThicknessMm: frame.sliceThicknessMm ?? file.sliceThicknessMm,
      spacingBetweenSlicesMm: frame.spacingBetweenSlicesMm ?? file.spacingBetweenSlicesMm,
      rescale: { ...file.rescale, ...frame.rescale },
      frame: { number: index + 1, fragments: fragments[index] },
    }))
  } catch (error) {
    if (error instanceof FunctionalGroupError) {
      throw new FrameLayoutError(file, error.code, capitalized(error.message))
    }
    if (error instanceof DicomReadError) {
      throw new FrameLayoutError(
        file,
        error.code,
        `Its pixel data cannot be read: ${error.message}`,
      )
    }
    throw error
  } finally {
    closeSync(fd)
  }
}
