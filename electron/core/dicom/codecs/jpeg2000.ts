/**
 * JPEG 2000, lossless-only and lossy (ISO 15444-1), decoded by OpenJPEG
 * (@cornerstonejs/codec-openjpeg).
 */
import openjpegFactory from '@cornerstonejs/codec-openjpeg/decodewasmjs'
import { expectFrameSize, wordsOf, type FrameDecoder } from './types'
import { codecError, decodeWithEmbind, lazyCodecModule, QUIET } from './wasm-codec'

const LIBRARY = 'OpenJPEG (@cornerstonejs/codec-openjpeg)'
const openjpeg = lazyCodecModule(() => openjpegFactory(QUIET))

/** The registry's decoder for these streams. */
export const jpeg2000Decoder: FrameDecoder = {
  library: LIBRARY,
  async decode(encoded, frame, target) {
    const { J2KDecoder } = await openjpeg()
    let bytes: Uint8Array
    try {
      bytes = decodeWithEmbind(new J2KDecoder(), encoded, target)
    } catch (thrown) {
      throw codecError(LIBRARY, thrown)
    }
    return expectFrameSize(wordsOf(bytes, frame), frame, LIBRARY)
  },
}
