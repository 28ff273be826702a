/**
 * The fast path of stored → HU for the common CT case (16-bit words, slope 1, whole intercept):
 * WebAssembly SIMD over words in WebAssembly memory, about ten times faster than a JS loop.
 */
import type { ModalityRescale, StoredPixelFormat } from '../image-header'
import { PADDING_HU } from './modality-lut'
import { RESCALE_SIMD_WASM_BASE64 } from './rescale-simd-wasm'

const WASM_PAGE_BYTES = 65536

interface RescaleExports {
  rescale(
    ptr: number,
    count: number,
    mask: number,
    signShift: number,
    intercept: number,
    padFirst: number,
    padLast: number,
    padHu: number,
  ): void
}

/**
 * The WebAssembly JS API as far as used here: Node and Electron have it, but the project's
 * type libraries (ES2023 + node, no DOM) only declare its types, not the global object.
 */
interface WasmApi {
  Module: new (bytes: Uint8Array) => WasmModule
  Memory: new (descriptor: { initial: number; maximum: number }) => { buffer: ArrayBuffer }
  Instance: new (module: WasmModule, imports: object) => { exports: unknown }
}
type WasmModule = { readonly wasmModule: unique symbol }

const wasm = (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly

let compiled: WasmModule | null | undefined

/** The compiled module, or null where the runtime has no WebAssembly SIMD. */
function rescaleModule(): WasmModule | null {
  if (compiled === undefined) {
    try {
      if (!wasm) throw new Error('no WebAssembly')
      compiled = new wasm.Module(Buffer.from(RESCALE_SIMD_WASM_BASE64, 'base64'))
    } catch {
      compiled = null
    }
  }
  return compiled ?? null
}

function isInt16(value: number): boolean {
  return Number.isInteger(value) && value >= -32768 && value <= 32767
}

/**
 * True when the SIMD kernel gives exactly what the lookup table gives: 16-bit words, stored
 * value in the low bits, integer intercept, slope 1, and every stored value and padding bound
 * representable as int16 (signed, or unsigned with at most 15 bits stored).
 */
export function simdApplies(format: StoredPixelFormat, rescale: ModalityRescale): boolean {
  return (
    rescaleModule() !== null &&
    format.bitsAllocated === 16 &&
    format.highBit === format.bitsStored - 1 &&
    (format.signed || format.bitsStored <= 15) &&
    rescale.slope === 1 &&
    isInt16(rescale.intercept) &&
    (rescale.padding === null || (isInt16(rescale.padding[0]) && isInt16(rescale.padding[1])))
  )
}

/** Most words one WebAssembly memory can hold (4 GiB of 32-bit addresses). */
const MAX_WORDS = (65536 * WASM_PAGE_BYTES) / 2

/**
 * Int16 words in WebAssembly memory that the SIMD kernel converts in place: a whole volume, so
 * that each slice is read from disk straight to its final place and never copied again.
 */
export class SimdWords {
  private readonly kernel: RescaleExports

  private constructor(
    module: WasmModule,
    /** The words; a view on the memory, whose buffer is rounded up to whole 64 KiB pages. */
    readonly words: Int16Array,
    memory: { buffer: ArrayBuffer },
  ) {
    const instance = new wasm!.Instance(module, { env: { memory } })
    this.kernel = instance.exports as unknown as RescaleExports
  }

  /** `wordCount` words (zeroed), or null where WebAssembly SIMD is missing or they would not fit. */
  static create(wordCount: number): SimdWords | null {
    const module = rescaleModule()
    if (!module || wordCount > MAX_WORDS) return null
    const pages = Math.max(1, Math.ceil((wordCount * 2) / WASM_PAGE_BYTES))
    let memory: { buffer: ArrayBuffer }
    try {
      memory = new wasm!.Memory({ initial: pages, maximum: pages })
    } catch {
      return null // the runtime would not reserve that much: the caller uses a plain array
    }
    return new SimdWords(module, new Int16Array(memory.buffer, 0, wordCount), memory)
  }

  /**
   * Converts `count` words from word `first` on to HU in place, a multiple of 8 words at a time;
   * returns how many it converted (the caller converts the last count % 8, which a vector would
   * overrun). Only call when simdApplies(format, rescale).
   */
  rescaleInPlace(
    first: number,
    count: number,
    format: StoredPixelFormat,
    rescale: ModalityRescale,
  ): number {
    const mask = format.signed ? 0xffff : 2 ** format.bitsStored - 1
    const signShift = format.signed ? 16 - format.bitsStored : 0
    // An empty range (first > last) disables padding inside the kernel.
    const [padFirst, padLast] = rescale.padding ?? [1, 0]
    const vectorWords = count - (count % 8)
    this.kernel.rescale(
      first * 2,
      vectorWords,
      mask,
      signShift,
      rescale.intercept,
      padFirst,
      padLast,
      PADDING_HU,
    )
    return vectorWords
  }
}
