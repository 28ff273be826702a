/**
 * Where each frame of an encapsulated multi-frame PixelData lies in the file (PS3.5 A.4): the item
 * headers are walked with small positioned reads (the pixels stay on disk), and fragments are
 * grouped into frames by the Extended or Basic Offset Table, else one fragment per frame.
 */
import { readSync } from 'node:fs'
import { DicomReadError } from './dicom-file'
import type { ByteRange, PixelDataLocation } from './image-header'

const ITEM = 0xfffee000
const SEQUENCE_DELIMITER = 0xfffee0dd
const ITEM_HEADER_BYTES = 8

/** One fragment: where its item starts in the file and where its bytes are. */
interface Fragment extends ByteRange {
  itemStart: number
}

function readAt(fd: number, position: number, byteCount: number): Buffer {
  const bytes = Buffer.alloc(byteCount)
  let done = 0
  while (done < byteCount) {
    const read = readSync(fd, bytes, done, byteCount - done, position + done)
    if (read === 0) break
    done += read
  }
  if (done < byteCount) {
    throw new DicomReadError(
      'truncated',
      'the file ends inside its compressed pixel data (before the sequence delimiter)',
    )
  }
  return bytes
}

/** The Basic Offset Table's bytes and the fragments after it, up to the sequence delimiter. */
function walkItems(
  fd: number,
  valueOffset: number,
  fileSizeBytes: number,
): { offsetTable: ByteRange; fragments: Fragment[] } {
  const items: Fragment[] = []
  let position = valueOffset
  for (;;) {
    const header = readAt(fd, position, ITEM_HEADER_BYTES)
    const tag = ((header.readUInt16LE(0) << 16) | header.readUInt16LE(2)) >>> 0
    const length = header.readUInt32LE(4)
    if (tag === SEQUENCE_DELIMITER) break
    if (tag !== ITEM) {
      throw new DicomReadError(
        'corrupt',
        `unexpected element (${tag.toString(16).padStart(8, '0')}) among the pixel data fragments at byte ${position}`,
      )
    }
    const start = position + ITEM_HEADER_BYTES
    if (start + length > fileSizeBytes) {
      throw new DicomReadError(
        'truncated',
        'a compressed pixel data fragment runs past the end of the file',
      )
    }
    items.push({ itemStart: position, offset: start, length })
    position = start + length
  }
  if (items.length < 2)
    throw new DicomReadError('corrupt', 'the compressed pixel data holds no fragment')
  return { offsetTable: items[0], fragments: items.slice(1) }
}

/** 32-bit (Basic) or 64-bit (Extended) little-endian offsets. */
function offsetsIn(bytes: Buffer, bytesPerValue: 4 | 8): number[] {
  const values: number[] = []
  for (let at = 0; at + bytesPerValue <= bytes.length; at += bytesPerValue) {
    values.push(bytesPerValue === 4 ? bytes.readUInt32LE(at) : Number(bytes.readBigUInt64LE(at)))
  }
  return values
}

/** Groups fragments into frames at the given offsets (relative to the first fragment's item). */
function byOffsets(fragments: Fragment[], frameStarts: number[], table: string): Fragment[][] {
  const base = fragments[0].itemStart
  const frames: Fragment[][] = []
  let next = 0
  for (let frame = 0; frame < frameStarts.length; frame++) {
    const start = fragments.findIndex((f) => f.itemStart - base === frameStarts[frame])
    if (start < 0 || start < next) {
      throw new DicomReadError(
        'corrupt',
        `its ${table} says frame ${frame + 1} starts at byte ${frameStarts[frame]} of the pixel data, where no fragment starts`,
      )
    }
    const end =
      frame + 1 < frameStarts.length
        ? fragments.findIndex((f) => f.itemStart - base === frameStarts[frame + 1])
        : fragments.length
    frames.push(fragments.slice(start, end < 0 ? fragments.length : end))
    next = end
  }
  return frames
}

/**
 * Without an offset table and with more fragments than frames, a new frame starts at each
 * fragment that opens a codestream: JPEG and JPEG-LS start with SOI (FFD8), JPEG 2000 with SOC (FF4F).
 */
function byStartMarkers(fd: number, fragments: Fragment[]): Fragment[][] {
  const frames: Fragment[][] = []
  for (const fragment of fragments) {
    const marker = fragment.length >= 2 ? readAt(fd, fragment.offset, 2).readUInt16BE(0) : 0
    if (frames.length === 0 || marker === 0xffd8 || marker === 0xff4f) frames.push([fragment])
    else frames[frames.length - 1].push(fragment)
  }
  return frames
}

function frameFragments(
  fd: number,
  location: PixelDataLocation,
  fileSizeBytes: number,
  frameCount: number,
): Fragment[][] {
  const { offsetTable, fragments } = walkItems(fd, location.offset, fileSizeBytes)
  const extended = location.extendedOffsetTable
  if (extended) {
    const starts = offsetsIn(readAt(fd, extended.offsets.offset, extended.offsets.length), 8)
    // The Extended Offset Table is only allowed when every frame is one fragment (PS3.3 C.7.6.3.1.8).
    return byOffsets(fragments, starts, 'Extended Offset Table (7FE0,0001)').map((frame) =>
      frame.slice(0, 1),
    )
  }
  if (offsetTable.length > 0) {
    const starts = offsetsIn(readAt(fd, offsetTable.offset, offsetTable.length), 4)
    return byOffsets(fragments, starts, 'Basic Offset Table')
  }
  return fragments.length === frameCount
    ? fragments.map((fragment) => [fragment])
    : byStartMarkers(fd, fragments)
}

/**
 * The byte ranges of each frame's fragments (frame 1 first) of the encapsulated pixel data at
 * `location` in the open file `fd`. Throws DicomReadError when the items are damaged or do not
 * make `frameCount` frames.
 */
export function encapsulatedFrames(
  fd: number,
  location: PixelDataLocation,
  fileSizeBytes: number,
  frameCount: number,
): ByteRange[][] {
  const frames = frameFragments(fd, location, fileSizeBytes, frameCount)
  if (frames.length !== frameCount) {
    throw new DicomReadError(
      'corrupt',
      `its compressed pixel data holds ${frames.length} frame(s) where NumberOfFrames says ${frameCount}`,
    )
  }
  return frames.map((frame) => frame.map(({ offset, length }) => ({ offset, length })))
}
