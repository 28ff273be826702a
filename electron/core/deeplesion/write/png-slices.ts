/**
 * Writes DeepLesion slices: 16-bit greyscale PNGs whose value is HU + 32768, one file per slice in
 * Images_png/<patient>_<study>_<series>/<slice>.png.
 */
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { DEEPLESION_HU_OFFSET } from '../png-slice'
import { sliceFileName } from '../dl-info'
import { encodeGray16Png } from './png-encode'

/** Writes slice `k` of a volume (HU, i fastest) as DeepLesion slice `deepLesionIndex` into `seriesDir`. */
export async function writeDeepLesionSlice(
  seriesDir: string,
  deepLesionIndex: number,
  hu: Int16Array,
  width: number,
  height: number,
  k: number,
): Promise<string> {
  await mkdir(seriesDir, { recursive: true })
  const slice = hu.subarray(k * width * height, (k + 1) * width * height)
  const data = new Uint16Array(slice.length)
  for (let n = 0; n < slice.length; n++) data[n] = slice[n] + DEEPLESION_HU_OFFSET
  const path = join(seriesDir, sliceFileName(deepLesionIndex))
  await writeFile(path, encodeGray16Png(width, height, data))
  return path
}
