/**
 * 8-bit JPEG baseline and extended DCT streams (ITU T.81 processes 1 and 2), decoded by
 * libjpeg-turbo (@cornerstonejs/codec-libjpeg-turbo-8bit).
 */
import libjpegFactory from '@cornerstonejs/codec-libjpeg-turbo-8bit/decodewasmjs'
import { expectFrameSize, type FrameDecoder } from './types'
import { codecError, decodeWithEmbind, lazyCodecModule, QUIET } from './wasm-codec'

const LIBRARY = 'libjpeg-turbo (@cornerstonejs/codec-libjpeg-turbo-8bit)'
const libjpeg = lazyCodecModule(() => libjpegFactory(QUIET))

/** The registry's decoder for these streams. */
export const jpeg8BitDecoder: FrameDecoder = {
  library: LIBRARY,
  async decode(encoded, frame, target) {
    const { JPEGDecoder } = await libjpeg()
    let bytes: Uint8Array
    try {
      bytes = decodeWithEmbind(new JPEGDecoder(), encoded, target)
    } catch (thrown) {
      throw codecError(LIBRARY, thrown)
    }
    return expectFrameSize(bytes, frame, LIBRARY)
  },
}
