/**
 * Whether a volume's slices are axial: the app reads lesions on axial slices (RECIST) and lines
 * studies up along the body axis, so axial series are preferred over reformats wherever one is
 * chosen.
 */
import type { VolumeGeometry } from './frames'

/** Slices count as axial when tilted by at most about 8° (sine of the tilt). */
const MAX_TILT_SINE = 0.14

/**
 * True when rows and columns lie in the patient's axial plane (LPS z components within the tilt
 * limit) and the slices stack along the body (S) axis.
 */
export function isAxial(geometry: VolumeGeometry): boolean {
  const { rowDirection: r, columnDirection: c, sliceNormal: n } = geometry
  return Math.abs(r[2]) <= MAX_TILT_SINE && Math.abs(c[2]) <= MAX_TILT_SINE && Math.abs(n[2]) >= 0.5
}
