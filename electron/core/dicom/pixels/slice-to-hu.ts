/**
 * Converts one slice of stored words to HU into its place in the volume, choosing the SIMD
 * kernel when it applies and the lookup table otherwise; tables are cached per pixel format.
 */
import type { ModalityRescale, StoredPixelFormat } from '../image-header'
import { applyHuLut, buildHuLut } from './modality-lut'
import { SimdRescaler, simdApplies } from './rescale-simd'

/** Raw container words of one slice: 8-bit or 16-bit, one sample per pixel, row by row. */
export type RawWords = Uint8Array | Uint16Array

/** Writes HU slices into a volume; one instance per series (it owns the SIMD scratch). */
export class SliceToHu {
  private readonly simd: SimdRescaler | null
  private readonly luts = new Map<string, Int16Array>()

  /** A converter for slices of `pixelCount` pixels. */
  constructor(readonly pixelCount: number) {
    this.simd = SimdRescaler.create(pixelCount)
  }

  /**
   * Bytes where a slice's 16-bit words can be put (read from disk or decoded) so that they need no
   * copy before the SIMD kernel; null when the kernel does not apply to this format.
   */
  readTarget(format: StoredPixelFormat, rescale: ModalityRescale): Uint8Array | null {
    return this.simd && simdApplies(format, rescale) ? this.simd.bytes : null
  }

  /**
   * Writes the HU of `raw` into `hu` (both pixelCount long). `raw` may be the bytes of
   * readTarget(), viewed as words, in which case it is converted where it lies.
   */
  write(raw: RawWords, format: StoredPixelFormat, rescale: ModalityRescale, hu: Int16Array): void {
    if (this.simd && simdApplies(format, rescale) && raw instanceof Uint16Array) {
      const scratch = this.simd.words
      if (raw.buffer !== scratch.buffer || raw.byteOffset !== scratch.byteOffset) {
        scratch.set(new Int16Array(raw.buffer, raw.byteOffset, raw.length))
      }
      this.simd.rescaleInPlace(format, rescale)
      hu.set(scratch)
      return
    }
    applyHuLut(raw, this.lutFor(format, rescale), hu)
  }

  private lutFor(format: StoredPixelFormat, rescale: ModalityRescale): Int16Array {
    const key = JSON.stringify([format, rescale])
    let lut = this.luts.get(key)
    if (!lut) {
      lut = buildHuLut(format, rescale)
      this.luts.set(key, lut)
    }
    return lut
  }
}
