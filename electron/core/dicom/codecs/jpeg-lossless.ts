/**
 * JPEG Lossless, processes 14 and 14 SV1 (ITU T.81 Annex H), decoded by jpeg-lossless-decoder-js.
 */
import { Decoder } from 'jpeg-lossless-decoder-js'
import { expectFrameSize, type FrameDecoder } from './types'

const LIBRARY = 'jpeg-lossless-decoder-js'

/**
 * A copy of the stream with two zero bytes of entropy-coded data before the EOI marker.
 * jpeg-lossless-decoder-js 2.1.2 drops the last pixel when its Huffman code ends in the byte just
 * before a marker (seen on the vendor SV1 file); a conforming decoder ignores bits after the
 * last pixel, so the padding changes nothing else.
 */
function padBeforeEndOfImage(stream: Uint8Array): Uint8Array {
  let end = stream.length - 2
  while (end > 0 && !(stream[end] === 0xff && stream[end + 1] === 0xd9)) end--
  if (end <= 0) return stream.slice()
  const padded = new Uint8Array(stream.length + 2)
  padded.set(stream.subarray(0, end), 0)
  padded.set(stream.subarray(end), end + 2)
  return padded
}

/** The registry's decoder for these streams. */
export const jpegLosslessDecoder: FrameDecoder = {
  library: LIBRARY,
  async decode(encoded, frame) {
    const bytesPerSample = frame.storedFormat.bitsAllocated / 8
    const stream = padBeforeEndOfImage(encoded)
    let decoded: Uint8Array | Uint16Array
    try {
      decoded = new Decoder().decode(stream.buffer as ArrayBuffer, 0, stream.length, bytesPerSample)
    } catch (error) {
      throw new Error(`${LIBRARY} could not decode the frame: ${(error as Error).message}`)
    }
    const words =
      bytesPerSample === 1 ? new Uint8Array(decoded.buffer) : new Uint16Array(decoded.buffer)
    return expectFrameSize(words, frame, LIBRARY)
  },
}
