/**
 * Loads an Emscripten-built codec package once and runs one decode with its embind decoder class,
 * freeing the decoder's wasm memory whatever happens. Shared by the CharLS, OpenJPEG and
 * libjpeg-turbo modules.
 */
import { intoTarget } from './types'

/** The part of an embind decoder class the codec modules use. */
export interface EmbindDecoder {
  getEncodedBuffer(length: number): Uint8Array
  getDecodedBuffer(): Uint8Array
  decode(): void
  delete(): void
}

/** Emscripten module options that keep a codec's progress messages off stdout. */
export const QUIET = { print: () => {}, printErr: () => {} }

/** Returns a loader that initialises the codec module on first use and reuses it afterwards. */
export function lazyCodecModule<T>(load: () => Promise<T>): () => Promise<T> {
  let module: Promise<T> | undefined
  return () => {
    module ??= load().catch((error: unknown) => {
      module = undefined
      throw error
    })
    return module
  }
}

/**
 * Copies `encoded` into the decoder, decodes, and copies the decoded bytes out of the wasm heap
 * (into `target` when it has their size), as the heap is freed right after.
 */
export function decodeWithEmbind(
  decoder: EmbindDecoder,
  encoded: Uint8Array,
  target: Uint8Array | null | undefined,
): Uint8Array {
  try {
    decoder.getEncodedBuffer(encoded.length).set(encoded)
    decoder.decode()
    return intoTarget(decoder.getDecodedBuffer(), target)
  } finally {
    decoder.delete()
  }
}

/** Emscripten codecs throw numbers (C++ exception pointers) or strings: make them readable. */
export function codecError(library: string, thrown: unknown): Error {
  const detail =
    thrown instanceof Error
      ? thrown.message
      : typeof thrown === 'string'
        ? thrown
        : 'invalid or corrupt stream'
  return new Error(`${library} could not decode the frame: ${detail}`)
}
