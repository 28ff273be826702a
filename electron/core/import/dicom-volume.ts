/**
 * Reads the pixels of an ordered CT series into one Int16Array of HU: each slice goes straight to
 * its place in the volume, so the file bytes are never all held at once.
 */
import type { ImageHeader } from '../dicom/image-header'
import { ByteScratch, PixelDataError, readStoredWords } from '../dicom/pixel-data'
import { HuVolume } from '../dicom/pixels/hu-volume'
import { PADDING_HU } from '../dicom/pixels/modality-lut'

/** A slice that could not be read: a PixelDataError, or the fs error when the file went away. */
function isErrno(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string'
}

export type VolumeRead =
  | { ok: true; hu: Int16Array }
  | { ok: false; slice: ImageHeader; error: PixelDataError | NodeJS.ErrnoException }

/**
 * Reads slices (in k order, all columns × rows) into a new volume of `depth` slices, i fastest,
 * then j, then k: slice n goes to k = sliceIndices[n], and the places no slice fills (slices
 * missing from the export) are air. Stops at the first slice that cannot be read and says which
 * one and why.
 */
export async function readSeriesVolume(
  slices: ImageHeader[],
  sliceIndices: readonly number[],
  [columns, rows, depth]: readonly [number, number, number],
  onSlice?: (slicesDone: number) => void,
): Promise<VolumeRead> {
  const volume = new HuVolume(columns * rows, depth)
  const scratch = new ByteScratch()
  let expected = 0
  for (let n = 0; n < slices.length; n++) {
    const slice = slices[n]
    const k = sliceIndices[n]
    // Native slices are read synchronously: yield now and then so timers and progress keep running.
    if (n % 32 === 31) await new Promise((resolve) => setImmediate(resolve))
    volume.hu.fill(PADDING_HU, expected * columns * rows, k * columns * rows)
    expected = k + 1
    try {
      const raw = await readStoredWords(slice, volume.sliceTarget(k, slice.storedFormat), scratch)
      volume.writeSlice(k, raw, slice.storedFormat, slice.rescale)
    } catch (error) {
      if (error instanceof PixelDataError || isErrno(error)) return { ok: false, slice, error }
      throw error
    }
    onSlice?.(n + 1)
  }
  return { ok: true, hu: volume.hu }
}
