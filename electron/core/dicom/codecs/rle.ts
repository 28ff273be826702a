/**
 * RLE Lossless (PS3.5 Annex G): a 64-byte header of segment offsets, one PackBits segment per
 * byte plane, most significant plane first. Simple enough that no package is needed.
 */
import { expectFrameSize, type FrameDecoder, type FrameFormat } from './types'

const LIBRARY = 'RLE Lossless decoder (LesionTrack)'

/** Decodes one PackBits segment into `plane` (one byte per pixel); returns the bytes written. */
function unpackSegment(segment: Uint8Array, plane: Uint8Array): number {
  let read = 0
  let written = 0
  while (read < segment.length && written < plane.length) {
    const header = segment[read++]
    if (header < 128) {
      const count = header + 1
      plane.set(segment.subarray(read, read + count), written)
      read += count
      written += count
    } else if (header > 128) {
      const count = 257 - header
      plane.fill(segment[read++], written, written + count)
      written += count
    }
    // 128 is a no-op by definition.
  }
  return Math.min(written, plane.length)
}

function decodeRle(
  encoded: Uint8Array,
  frame: FrameFormat,
  target: Uint8Array | null | undefined,
): Uint8Array | Uint16Array {
  const view = new DataView(encoded.buffer, encoded.byteOffset, encoded.byteLength)
  if (encoded.length < 64) throw new Error('RLE header is shorter than 64 bytes')
  const segmentCount = view.getUint32(0, true)
  const bytesPerSample = frame.storedFormat.bitsAllocated / 8
  if (segmentCount !== bytesPerSample) {
    throw new Error(
      `RLE frame has ${segmentCount} segments; ${bytesPerSample} expected for one sample per pixel`,
    )
  }
  const pixelCount = frame.rows * frame.columns
  const planes: Uint8Array[] = []
  for (let index = 0; index < segmentCount; index++) {
    const start = view.getUint32(4 + index * 4, true)
    const end = index + 1 < segmentCount ? view.getUint32(8 + index * 4, true) : encoded.length
    if (start < 64 || end > encoded.length || end < start)
      throw new Error(`RLE segment ${index + 1} offsets are invalid`)
    const plane = new Uint8Array(pixelCount)
    const written = unpackSegment(encoded.subarray(start, end), plane)
    if (written < pixelCount)
      throw new Error(`RLE segment ${index + 1} holds ${written} of ${pixelCount} pixels`)
    planes.push(plane)
  }
  if (bytesPerSample === 1) return planes[0]
  const words =
    target && target.length === pixelCount * 2 && target.byteOffset % 2 === 0
      ? new Uint16Array(target.buffer, target.byteOffset, pixelCount)
      : new Uint16Array(pixelCount)
  const [high, low] = planes
  for (let index = 0; index < pixelCount; index++) words[index] = (high[index] << 8) | low[index]
  return words
}

/** The registry's decoder for these streams. */
export const rleDecoder: FrameDecoder = {
  library: LIBRARY,
  async decode(encoded, frame, target) {
    return expectFrameSize(decodeRle(encoded, frame, target), frame, LIBRARY)
  },
}
