/**
 * The Int16Array of HU a series is read into, slice by slice: 16-bit words are put straight into
 * their slice's place (read from disk or decoded) and converted there, by the SIMD kernel when it
 * applies and by the lookup table otherwise. The volume lives in WebAssembly memory when it can.
 */
import type { ModalityRescale, StoredPixelFormat } from '../image-header'
import { applyHuLut, buildHuLut } from './modality-lut'
import { SimdWords, simdApplies } from './rescale-simd'

/** Raw container words of one slice: 8-bit or 16-bit, one sample per pixel, row by row. */
export type RawWords = Uint8Array | Uint16Array

export class HuVolume {
  /**
   * The volume, i fastest, then j, then k. In WebAssembly memory where available: its `buffer`
   * may be longer than the volume (whole 64 KiB pages), so use the view, not the bare buffer.
   */
  readonly hu: Int16Array
  private readonly simd: SimdWords | null
  private readonly luts = new Map<string, Int16Array>()

  /** A zeroed volume of `sliceCount` slices of `pixelsPerSlice` pixels. */
  constructor(
    readonly pixelsPerSlice: number,
    readonly sliceCount: number,
  ) {
    this.simd = SimdWords.create(pixelsPerSlice * sliceCount)
    this.hu = this.simd ? this.simd.words : new Int16Array(pixelsPerSlice * sliceCount)
  }

  /**
   * The bytes of slice k, where its 16-bit words can be put (read from disk or decoded) to be
   * converted in place; null for 8-bit words, which need a buffer of their own.
   */
  sliceTarget(k: number, format: StoredPixelFormat): Uint8Array | null {
    if (format.bitsAllocated !== 16) return null
    return new Uint8Array(
      this.hu.buffer,
      this.hu.byteOffset + k * this.pixelsPerSlice * 2,
      this.pixelsPerSlice * 2,
    )
  }

  /** Writes the HU of slice k from its raw words, which may already lie in sliceTarget(k). */
  writeSlice(k: number, raw: RawWords, format: StoredPixelFormat, rescale: ModalityRescale): void {
    const first = k * this.pixelsPerSlice
    const slice = this.hu.subarray(first, first + this.pixelsPerSlice)
    if (!(raw instanceof Uint16Array)) {
      applyHuLut(raw, this.lutFor(format, rescale), slice)
      return
    }
    if (raw.buffer !== slice.buffer || raw.byteOffset !== slice.byteOffset) {
      slice.set(new Int16Array(raw.buffer, raw.byteOffset, raw.length))
    }
    // The slice now holds raw words: convert them where they are (same index in, same index out).
    const words = new Uint16Array(slice.buffer, slice.byteOffset, slice.length)
    let done = 0
    if (this.simd && simdApplies(format, rescale)) {
      done = this.simd.rescaleInPlace(first, slice.length, format, rescale)
    }
    if (done < slice.length)
      applyHuLut(words.subarray(done), this.lutFor(format, rescale), slice.subarray(done))
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
