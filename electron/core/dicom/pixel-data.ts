/**
 * Reads the stored words of one image (a single-frame file, or one frame of a multi-frame file):
 * native pixels straight from their place in the file (into a caller-given buffer when there is
 * one), compressed pixels through the codec registry. Failures are PixelDataError values.
 */
import { closeSync, openSync, readSync } from 'node:fs'
import { constants as zlibConstants, inflateRawSync } from 'node:zlib'
import { decoderFor } from './codecs/registry'
import { DicomReadError } from './dicom-file'
import { singleFrameStream } from './encapsulated'
import type { ByteRange, ImageHeader } from './image-header'
import type { RawWords } from './pixels/hu-volume'
import { describeTransferSyntax, transferSyntax } from './transfer-syntax'

/** Why pixel data could not be read; becomes the ImportIssue code. */
export type PixelDataErrorCode =
  'truncated' | 'corrupt' | 'not-dicom' | 'decode-failed' | 'unsupported-transfer-syntax'

/** The pixels of one file could not be read or decoded; `message` says what was wrong. */
export class PixelDataError extends Error {
  constructor(
    readonly code: PixelDataErrorCode,
    message: string,
  ) {
    super(message)
  }
}

function frameByteCount(header: ImageHeader): number {
  return (header.rows * header.columns * header.storedFormat.bitsAllocated) / 8
}

function asWords(bytes: Uint8Array, bitsAllocated: number): RawWords {
  return bitsAllocated === 8
    ? bytes
    : new Uint16Array(bytes.buffer, bytes.byteOffset, bytes.length >> 1)
}

/** Fills `target` from byte `position` of the file; false when the file ends first. */
function readExactly(path: string, target: Uint8Array, position: number): boolean {
  const fd = openSync(path, 'r')
  try {
    let done = 0
    while (done < target.length) {
      const read = readSync(fd, target, done, target.length - done, position + done)
      if (read === 0) return false
      done += read
    }
    return true
  } finally {
    closeSync(fd)
  }
}

function readNative(header: ImageHeader, target: Uint8Array | null): RawWords {
  const location = header.pixelData!
  const byteCount = frameByteCount(header)
  // Frame n of a multi-frame file follows the n − 1 frames before it (PS3.5 8.1.1).
  const frameIndex = header.frame ? header.frame.number - 1 : 0
  const needed = (frameIndex + 1) * byteCount
  if (location.length < needed || location.offset + needed > header.fileSizeBytes) {
    const available = Math.max(0, Math.min(location.length, header.fileSizeBytes - location.offset))
    const image = `a ${header.columns}×${header.rows} image of ${header.storedFormat.bitsAllocated}-bit pixels`
    throw new PixelDataError(
      'truncated',
      header.frame
        ? `the pixel data holds ${available} bytes; frame ${header.frame.number} of ${header.numberOfFrames}, ${image}, ends at byte ${needed}`
        : `the pixel data holds ${available} bytes; ${image} needs ${byteCount}`,
    )
  }
  const bytes = target && target.length === byteCount ? target : new Uint8Array(byteCount)
  if (!readExactly(header.path, bytes, location.offset + frameIndex * byteCount)) {
    throw new PixelDataError('truncated', 'the file ended while its pixel data was read')
  }
  if (
    transferSyntax(header.transferSyntaxUid).bigEndian &&
    header.storedFormat.bitsAllocated === 16
  ) {
    Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).swap16()
  }
  return asWords(bytes, header.storedFormat.bitsAllocated)
}

/**
 * A buffer for the compressed bytes of one file at a time, reused from slice to slice by a caller
 * that reads its slices one after the other, so a series does not leave a buffer per slice behind.
 */
export class ByteScratch {
  private buffer = new Uint8Array(0)

  /** `byteCount` bytes, valid until the next call. */
  bytes(byteCount: number): Uint8Array {
    if (this.buffer.length < byteCount) this.buffer = new Uint8Array(byteCount)
    return this.buffer.subarray(0, byteCount)
  }
}

/**
 * Deflated files: the pixels are inside the one deflate stream after the meta header, so the
 * stream is inflated and the value copied out at its offset in the inflated data set.
 */
function readDeflated(
  header: ImageHeader,
  target: Uint8Array | null,
  scratch: ByteScratch,
): RawWords {
  const { offset, dataSetStart } = header.pixelData!
  const file = scratch.bytes(header.fileSizeBytes)
  readExactly(header.path, file, 0)
  const byteCount = frameByteCount(header)
  const start = offset - dataSetStart
  // A stream cut short inflates as far as it goes; the length check below then reports it.
  // One output chunk as large as the data set needs: zlib then allocates one buffer, not many.
  const inflated = inflateRawSync(file.subarray(dataSetStart), {
    finishFlush: zlibConstants.Z_SYNC_FLUSH,
    chunkSize: Math.max(zlibConstants.Z_MIN_CHUNK, start + byteCount + 4096),
  })
  if (start + byteCount > inflated.length) {
    throw new PixelDataError(
      'truncated',
      `the inflated pixel data holds ${Math.max(0, inflated.length - start)} bytes; the image needs ${byteCount}`,
    )
  }
  const bytes = target && target.length === byteCount ? target : new Uint8Array(byteCount)
  bytes.set(inflated.subarray(start, start + byteCount))
  return asWords(bytes, header.storedFormat.bitsAllocated)
}

/** The whole PixelData value of a single-frame file, from its offset to the end of the file. */
function readPixelValue(header: ImageHeader, scratch: ByteScratch): Uint8Array {
  const location = header.pixelData!
  const value = scratch.bytes(Math.max(0, header.fileSizeBytes - location.offset))
  readExactly(header.path, value, location.offset)
  return value
}

/** One frame's fragments, joined into one stream (their places were checked against the file size). */
function readFragments(path: string, fragments: ByteRange[], scratch: ByteScratch): Uint8Array {
  const stream = scratch.bytes(fragments.reduce((sum, fragment) => sum + fragment.length, 0))
  let at = 0
  for (const { offset, length } of fragments) {
    if (!readExactly(path, stream.subarray(at, at + length), offset)) {
      throw new PixelDataError('truncated', 'the file ended while a frame was read')
    }
    at += length
  }
  return stream
}

async function readEncapsulated(
  header: ImageHeader,
  target: Uint8Array | null,
  scratch: ByteScratch,
): Promise<RawWords> {
  const decoder = decoderFor(header.transferSyntaxUid)
  if (!decoder) {
    throw new PixelDataError(
      'unsupported-transfer-syntax',
      `its transfer syntax ${describeTransferSyntax(header.transferSyntaxUid)} cannot be decoded by LesionTrack`,
    )
  }
  const stream = header.frame?.fragments
    ? readFragments(header.path, header.frame.fragments, scratch)
    : singleFrameStream(readPixelValue(header, scratch))
  try {
    const frame = { rows: header.rows, columns: header.columns, storedFormat: header.storedFormat }
    return await decoder.decode(stream, frame, target)
  } catch (error) {
    throw new PixelDataError('decode-failed', (error as Error).message)
  }
}

/**
 * The stored words of the image in `header`, one per pixel, row by row. Native 16-bit words and
 * most decoders' output go into `target` when it has the right size (the slice's place in the
 * volume), so a slice is neither buffered nor copied on its way there. Compressed bytes go
 * into `scratch`; pass one scratch for all slices of a series read one after the other.
 */
export async function readStoredWords(
  header: ImageHeader,
  target: Uint8Array | null = null,
  scratch = new ByteScratch(),
): Promise<RawWords> {
  if (!header.pixelData) throw new PixelDataError('corrupt', 'the file has no pixel data')
  const syntax = transferSyntax(header.transferSyntaxUid)
  try {
    if (syntax.deflated) return readDeflated(header, target, scratch)
    if (!syntax.encapsulated) return readNative(header, target)
    return await readEncapsulated(header, target, scratch)
  } catch (error) {
    if (error instanceof DicomReadError) throw new PixelDataError(error.code, error.message)
    throw error
  }
}
