/**
 * JPEG DCT streams (transfer syntaxes .4.50 and .4.51): the frame header's sample precision picks
 * the 8-bit or the 12-bit decoder, since one DICOM syntax carries both.
 */
import { jpeg12BitDecoder } from './jpeg-12bit'
import { jpeg8BitDecoder } from './jpeg-8bit'
import type { FrameDecoder } from './types'

/** Sample precision from the first SOF0–SOF3 marker, or null when there is none. */
function jpegSamplePrecision(stream: Uint8Array): number | null {
  let position = 2
  while (position + 4 < stream.length) {
    if (stream[position] !== 0xff) return null
    const marker = stream[position + 1]
    if (marker >= 0xc0 && marker <= 0xc3) return stream[position + 4]
    const length = (stream[position + 2] << 8) | stream[position + 3]
    position += 2 + length
  }
  return null
}

/** The registry's decoder for these streams. */
export const jpegDctDecoder: FrameDecoder = {
  library: `${jpeg8BitDecoder.library} / ${jpeg12BitDecoder.library}`,
  async decode(encoded, frame, target) {
    const precision = jpegSamplePrecision(encoded)
    if (precision === 12) return jpeg12BitDecoder.decode(encoded, frame, target)
    if (precision === 8) return jpeg8BitDecoder.decode(encoded, frame, target)
    throw new Error(`JPEG stream has sample precision ${precision ?? 'unknown'}; 8 or 12 expected`)
  },
}
