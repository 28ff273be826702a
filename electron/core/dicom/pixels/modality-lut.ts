/**
 * Stored pixel values → Hounsfield units through a lookup table indexed by the raw container bits:
 * bit masking, sign extension, slope/intercept, padding and clamping to int16 are folded into it.
 */
import type { ModalityRescale, StoredPixelFormat } from '../image-header'

/** HU given to padding pixels (outside the reconstruction circle): air, so they read as empty. */
export const PADDING_HU = -1024

const INT16_MIN = -32768
const INT16_MAX = 32767

/** The stored value a raw container word holds: shifted to HighBit, masked and sign-extended. */
function storedValueOf(raw: number, format: StoredPixelFormat): number {
  const shifted = raw >>> (format.highBit + 1 - format.bitsStored)
  const mask = 2 ** format.bitsStored - 1
  const value = shifted & mask
  const signBit = 2 ** (format.bitsStored - 1)
  return format.signed && value >= signBit ? value - 2 ** format.bitsStored : value
}

/** HU of one stored value, rounded and clamped to the int16 range of the volume. */
function huOf(stored: number, rescale: ModalityRescale): number {
  const { padding } = rescale
  if (padding && stored >= padding[0] && stored <= padding[1]) return PADDING_HU
  const hu = Math.round(stored * rescale.slope + rescale.intercept)
  return hu < INT16_MIN ? INT16_MIN : hu > INT16_MAX ? INT16_MAX : hu
}

/** A table of HU for every raw container word (2^bitsAllocated entries; 8 or 16 bits). */
export function buildHuLut(format: StoredPixelFormat, rescale: ModalityRescale): Int16Array {
  const lut = new Int16Array(2 ** format.bitsAllocated)
  for (let raw = 0; raw < lut.length; raw++) lut[raw] = huOf(storedValueOf(raw, format), rescale)
  return lut
}

/** Writes HU of every raw word of `raw` into `hu` (same length) through `lut`. */
export function applyHuLut(raw: Uint8Array | Uint16Array, lut: Int16Array, hu: Int16Array): void {
  const count = raw.length
  for (let index = 0; index < count; index++) hu[index] = lut[raw[index]]
}
