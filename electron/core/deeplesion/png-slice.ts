/**
 * Reads one DeepLesion slice: a 16-bit greyscale PNG whose value is HU + 32768.
 * Throws a SliceReadError saying what is wrong with the file, so the caller can report it.
 */
import { readFileSync } from 'node:fs'
import { decode } from 'fast-png'

/** DeepLesion stores HU shifted by this offset so that it fits an unsigned 16-bit PNG. */
export const DEEPLESION_HU_OFFSET = 32768

export class SliceReadError extends Error {}

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
    const code = (error as NodeJS.ErrnoException).code
    throw new SliceReadError(
      code === 'ENOENT' ? 'the file is missing' : `it cannot be read (${code})`,
    )
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
