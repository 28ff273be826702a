/**
 * JPEG-LS lossless and near-lossless (ITU T.87), decoded by CharLS (@cornerstonejs/codec-charls).
 */
import charlsFactory from '@cornerstonejs/codec-charls/decodewasmjs'
import { expectFrameSize, wordsOf, type FrameDecoder } from './types'
import { codecError, decodeWithEmbind, lazyCodecModule, QUIET } from './wasm-codec'

const LIBRARY = 'CharLS (@cornerstonejs/codec-charls)'
const charls = lazyCodecModule(() => charlsFactory(QUIET))

/** The registry's decoder for these streams. */
export const jpegLsDecoder: FrameDecoder = {
  library: LIBRARY,
  async decode(encoded, frame, target) {
    const { JpegLSDecoder } = await charls()
    let bytes: Uint8Array
    try {
      bytes = decodeWithEmbind(new JpegLSDecoder(), encoded, target)
    } catch (thrown) {
      throw codecError(LIBRARY, thrown)
    }
    return expectFrameSize(wordsOf(bytes, frame), frame, LIBRARY)
  },
}
