/**
 * The contract every pixel codec fulfils: compressed bytes of one frame in, raw container words
 * out (8- or 16-bit, one sample per pixel, row by row), ready for the modality LUT.
 */
import type { StoredPixelFormat } from '../image-header'
import type { RawWords } from '../pixels/hu-volume'

/** What a decoder must know about the frame: its size and how samples are stored. */
export interface FrameFormat {
  rows: number
  columns: number
  storedFormat: StoredPixelFormat
}

/** A pixel codec behind the registry. */
export interface FrameDecoder {
  /** Which library decodes, for messages: e.g. 'CharLS (@cornerstonejs/codec-charls)'. */
  library: string
  /**
   * Decodes one frame; throws an Error saying what is wrong with the stream. The decoded bytes
   * go into `target` when it is given and has exactly their size (the slice's place in the
   * volume, so no per-slice buffer is left for the garbage collector), else into a new buffer.
   */
  decode(encoded: Uint8Array, frame: FrameFormat, target?: Uint8Array | null): Promise<RawWords>
}

/** Checks a decoder's output size, so a wrong-size frame fails here, not as shifted voxels. */
export function expectFrameSize(decoded: RawWords, frame: FrameFormat, library: string): RawWords {
  const expected = frame.rows * frame.columns
  if (decoded.length !== expected) {
    throw new Error(
      `${library} gave ${decoded.length} samples for a ${frame.columns}×${frame.rows} frame (expected ${expected})`,
    )
  }
  return decoded
}

/** `bytes` copied into `target` when that has their size, else a copy of its own. */
export function intoTarget(bytes: Uint8Array, target: Uint8Array | null | undefined): Uint8Array {
  if (target && target.length === bytes.length) {
    target.set(bytes)
    return target
  }
  return bytes.slice()
}

/** Views decoded bytes as the frame's container words (16-bit words are little endian in memory). */
export function wordsOf(bytes: Uint8Array, frame: FrameFormat): RawWords {
  if (frame.storedFormat.bitsAllocated === 8) return bytes
  if (bytes.byteOffset % 2 === 0)
    return new Uint16Array(bytes.buffer, bytes.byteOffset, bytes.length >> 1)
  // An odd byteOffset cannot be viewed as 16-bit words: copy to an aligned buffer.
  const words = new Uint16Array(bytes.length >> 1)
  new Uint8Array(words.buffer).set(bytes.subarray(0, words.length * 2))
  return words
}
