/**
 * 12-bit JPEG extended DCT streams (ITU T.81 process 4, the CT use of transfer syntax
 * 1.2.840.10008.1.2.4.51), decoded by the IJG 12-bit build inside dcmjs-codecs; loaded only when
 * such a file is met, as it brings its own copy of dcmjs.
 */
import { expectFrameSize, intoTarget, wordsOf, type FrameDecoder } from './types'
import { codecError, lazyCodecModule } from './wasm-codec'

const LIBRARY = 'IJG libjpeg 12-bit (dcmjs-codecs)'

const dcmjsCodecs = lazyCodecModule(async () => {
  // A CommonJS package: its exports arrive as the default export of the dynamic import.
  const imported = await import('dcmjs-codecs')
  const codecs = (imported as unknown as { default?: typeof imported }).default ?? imported
  if (!codecs.NativeCodecs.isInitialized()) await codecs.NativeCodecs.initializeAsync()
  return codecs
})

/** The registry's decoder for these streams. */
export const jpeg12BitDecoder: FrameDecoder = {
  library: LIBRARY,
  async decode(encoded, frame, target) {
    const { Context, NativeCodecs } = await dcmjsCodecs()
    const { storedFormat } = frame
    const context = new Context({
      width: frame.columns,
      height: frame.rows,
      bitsAllocated: storedFormat.bitsAllocated,
      bitsStored: storedFormat.bitsStored,
      samplesPerPixel: 1,
      pixelRepresentation: storedFormat.signed ? 1 : 0,
      photometricInterpretation: 'MONOCHROME2',
    })
    context.setEncodedBuffer(encoded)
    let bytes: Uint8Array | undefined
    try {
      bytes = NativeCodecs.decodeJpeg(context).getDecodedBuffer()
    } catch (thrown) {
      throw codecError(LIBRARY, thrown)
    }
    if (!bytes) throw codecError(LIBRARY, 'no decoded pixels')
    return expectFrameSize(wordsOf(intoTarget(bytes, target), frame), frame, LIBRARY)
  },
}
