// The Emscripten codec builds and jpeg-lossless-decoder-js ship no type declarations that
// TypeScript can find; this names the part of their API the codec modules use.
declare module '@cornerstonejs/codec-charls/decodewasmjs' {
  const factory: (options?: {
    print?: (text: string) => void
    printErr?: (text: string) => void
  }) => Promise<{
    JpegLSDecoder: new () => {
      getEncodedBuffer(length: number): Uint8Array
      getDecodedBuffer(): Uint8Array
      decode(): void
      delete(): void
      getFrameInfo(): {
        width: number
        height: number
        bitsPerSample: number
        componentCount: number
      }
      getNearLossless(): number
    }
  }>
  export default factory
}

declare module '@cornerstonejs/codec-openjpeg/decodewasmjs' {
  const factory: (options?: {
    print?: (text: string) => void
    printErr?: (text: string) => void
  }) => Promise<{
    J2KDecoder: new () => {
      getEncodedBuffer(length: number): Uint8Array
      getDecodedBuffer(): Uint8Array
      decode(): void
      delete(): void
      getFrameInfo(): {
        width: number
        height: number
        bitsPerSample: number
        componentCount: number
        isSigned: boolean
      }
      getIsReversible(): boolean
    }
  }>
  export default factory
}

declare module '@cornerstonejs/codec-libjpeg-turbo-8bit/decodewasmjs' {
  const factory: (options?: {
    print?: (text: string) => void
    printErr?: (text: string) => void
  }) => Promise<{
    JPEGDecoder: new () => {
      getEncodedBuffer(length: number): Uint8Array
      getDecodedBuffer(): Uint8Array
      decode(): void
      delete(): void
      getFrameInfo(): {
        width: number
        height: number
        bitsPerSample: number
        componentCount: number
      }
    }
  }>
  export default factory
}

declare module 'jpeg-lossless-decoder-js' {
  export class Decoder {
    /** Decodes a JPEG lossless stream; numBytes is the bytes per output sample (1 or 2). */
    decode(
      buffer: ArrayBuffer,
      offset: number,
      length: number,
      numBytes?: number,
    ): Uint8Array | Uint16Array
  }
}

declare module 'dcmjs-codecs' {
  export class Context {
    constructor(attrs: {
      width: number
      height: number
      bitsAllocated: number
      bitsStored: number
      samplesPerPixel: number
      pixelRepresentation: number
      photometricInterpretation: string
    })
    setEncodedBuffer(encoded: Uint8Array): void
    getDecodedBuffer(): Uint8Array | undefined
  }
  export class NativeCodecs {
    static initializeAsync(options?: { webAssemblyModulePathOrUrl?: string }): Promise<void>
    static isInitialized(): boolean
    static decodeJpeg(context: Context, parameters?: { convertColorspaceToRgb?: boolean }): Context
  }
}
