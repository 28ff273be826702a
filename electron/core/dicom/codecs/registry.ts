/**
 * Which decoder handles which encapsulated transfer syntax. Native (uncompressed) syntaxes need
 * no decoder: their words are read straight from the file.
 */
import { jpeg2000Decoder } from './jpeg2000'
import { jpegDctDecoder } from './jpeg-dct'
import { jpegLosslessDecoder } from './jpeg-lossless'
import { jpegLsDecoder } from './jpeg-ls'
import { rleDecoder } from './rle'
import type { FrameDecoder } from './types'

const DECODERS = new Map<string, FrameDecoder>([
  ['1.2.840.10008.1.2.5', rleDecoder],
  ['1.2.840.10008.1.2.4.50', jpegDctDecoder],
  ['1.2.840.10008.1.2.4.51', jpegDctDecoder],
  ['1.2.840.10008.1.2.4.57', jpegLosslessDecoder],
  ['1.2.840.10008.1.2.4.70', jpegLosslessDecoder],
  ['1.2.840.10008.1.2.4.80', jpegLsDecoder],
  ['1.2.840.10008.1.2.4.81', jpegLsDecoder],
  ['1.2.840.10008.1.2.4.90', jpeg2000Decoder],
  ['1.2.840.10008.1.2.4.91', jpeg2000Decoder],
])

/** The decoder for an encapsulated transfer syntax, or undefined when LesionTrack has none. */
export function decoderFor(transferSyntaxUid: string): FrameDecoder | undefined {
  return DECODERS.get(transferSyntaxUid)
}
