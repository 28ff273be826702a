/**
 * Reads one DeepLesion slice: a 16-bit greyscale PNG whose value is HU + 32768.
 * Throws a SliceReadError saying what is wrong with the file, so the caller can report it.
 */
import { readFileSync } from 'node:fs'
import { decode } from 'fast-png'
import { readFileHead } from '../import/file-head'

/** DeepLesion stores HU shifted by this offset so that it fits an unsigned 16-bit PNG. */
export const DEEPLESION_HU_OFFSET = 32768

export class SliceReadError extends Error {}

/** The problem of a slice file that could not be opened or read. */
function unreadable(error: unknown): SliceReadError {
  const code = (error as NodeJS.ErrnoException).code
  return new SliceReadError(
    code === 'ENOENT' ? 'the file is missing' : `it cannot be read (${code})`,
  )
}

/**
 * Decodes `path` into `target` (HU, row-major, width × height) starting at `offset`.
 * The expected size comes from DL_info's Image_size, so a mismatching PNG is caught here.
 */
export function readPngSliceInto(
  path: string,
  target: Int16Array,
  offset: number,
  width: number,
  height: number,
): void {
  let bytes: Buffer
  try {
    bytes = readFileSync(path)
  } catch (error) {
    throw unreadable(error)
  }
  let png: ReturnType<typeof decode>
  try {
    png = decode(bytes)
  } catch (error) {
    throw new SliceReadError(`it is not a readable PNG (${(error as Error).message})`)
  }
  if (png.depth !== 16 || png.channels !== 1) {
    throw new SliceReadError(
      `it is a ${png.depth}-bit PNG with ${png.channels} channel(s); DeepLesion slices are 16-bit greyscale`,
    )
  }
  if (png.width !== width || png.height !== height) {
    throw new SliceReadError(`it is ${png.width}×${png.height}; DL_info says ${width}×${height}`)
  }
  const values = png.data as Uint16Array
  for (let n = 0; n < values.length; n++) {
    const hu = values[n] - DEEPLESION_HU_OFFSET
    target[offset + n] = hu < -32768 ? -32768 : hu > 32767 ? 32767 : hu
  }
}

/** PNG signature (8 bytes) and the IHDR chunk up to the colour type: all a header check needs. */
const HEADER_BYTES = 26
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
const GREYSCALE = 0

/**
 * Checks from its first bytes that `path` is a 16-bit greyscale PNG of width × height, without
 * decoding it (a damaged image stream still fails when the slice is read).
 */
export function checkPngSliceHeader(path: string, width: number, height: number): void {
  let head: Buffer
  try {
    head = readFileHead(path, HEADER_BYTES)
  } catch (error) {
    throw unreadable(error)
  }
  if (
    head.length < HEADER_BYTES ||
    !head.subarray(0, 8).equals(PNG_SIGNATURE) ||
    head.toString('latin1', 12, 16) !== 'IHDR'
  ) {
    throw new SliceReadError('it is not a readable PNG (no PNG signature and header)')
  }
  const depth = head[24]
  const colourType = head[25]
  if (depth !== 16 || colourType !== GREYSCALE) {
    throw new SliceReadError(
      `it is a ${depth}-bit PNG of colour type ${colourType}; DeepLesion slices are 16-bit greyscale`,
    )
  }
  const [pngWidth, pngHeight] = [head.readUInt32BE(16), head.readUInt32BE(20)]
  if (pngWidth !== width || pngHeight !== height) {
    throw new SliceReadError(`it is ${pngWidth}×${pngHeight}; DL_info says ${width}×${height}`)
  }
}
