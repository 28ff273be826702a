/**
 * Deterministic DICOM UIDs: `2.25.<decimal of a 128-bit hash>` of the parts that name an object,
 * so the same synthetic input always gets the same UIDs and different inputs never collide.
 */
import { createHash } from 'node:crypto'

/** A `2.25.` UID (at most 44 characters) derived from the given parts, e.g. (seed, 'study', 3). */
export function deriveUid(...parts: (string | number)[]): string {
  const digest = createHash('sha256').update(parts.join('\u0000')).digest()
  const value = BigInt(`0x${digest.subarray(0, 16).toString('hex')}`)
  return `2.25.${value.toString(10)}`
}

/** Identifies LesionTrack as the implementation that wrote a file (File Meta Information). */
export const IMPLEMENTATION_CLASS_UID = deriveUid('LesionTrack DICOM writer')
export const IMPLEMENTATION_VERSION_NAME = 'LESIONTRACK_1'
