/**
 * The fast path of stored → HU for the common CT case (16-bit words, slope 1, whole intercept):
 * WebAssembly SIMD over a slice-sized scratch memory, about ten times faster than a JS loop.
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

/**
 * A scratch area in WebAssembly memory for one slice: raw words are read (or copied) into
 * `words`, converted in place by `rescaleInPlace`, then copied into the volume by the caller.
 */
export class SimdRescaler {
  /** The scratch as int16 words; holds `wordCount` words (plus up to 7 of SIMD tail). */
  readonly words: Int16Array
  /** The same scratch as bytes, for fs.readSync straight into it. */
  readonly bytes: Uint8Array
  private readonly kernel: RescaleExports

  private constructor(
    module: WasmModule,
    readonly wordCount: number,
  ) {
    // Rounded up to whole 16-byte vectors: the kernel's last vector may run past wordCount.
    const byteLength = Math.ceil((wordCount * 2) / 16) * 16
    const pages = Math.max(1, Math.ceil(byteLength / WASM_PAGE_BYTES))
    const memory = new wasm!.Memory({ initial: pages, maximum: pages })
    const instance = new wasm!.Instance(module, { env: { memory } })
    this.kernel = instance.exports as unknown as RescaleExports
    this.words = new Int16Array(memory.buffer, 0, wordCount)
    this.bytes = new Uint8Array(memory.buffer, 0, wordCount * 2)
  }

  /** A scratch for slices of `wordCount` pixels, or null where WebAssembly SIMD is missing. */
  static create(wordCount: number): SimdRescaler | null {
    const module = rescaleModule()
    return module ? new SimdRescaler(module, wordCount) : null
  }

  /** Converts the scratch words to HU in place; only call when simdApplies(format, rescale). */
  rescaleInPlace(format: StoredPixelFormat, rescale: ModalityRescale): void {
    const mask = format.signed ? 0xffff : 2 ** format.bitsStored - 1
    const signShift = format.signed ? 16 - format.bitsStored : 0
    // An empty range (first > last) disables padding inside the kernel.
    const [padFirst, padLast] = rescale.padding ?? [1, 0]
    this.kernel.rescale(
      0,
      this.wordCount,
      mask,
      signShift,
      rescale.intercept,
      padFirst,
      padLast,
      PADDING_HU,
    )
  }
}
