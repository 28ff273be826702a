/**
 * A CT series geometry for the viewer tests: axial, 512 × 400 pixels of 0.7 × 0.8 mm (not
 * square, so i and j mix-ups show), 60 slices 2.5 mm apart from z = −300 mm.
 */
import type { VolumeGeometry } from '../../../electron/api/geometry'

export const axial: VolumeGeometry = {
  dims: [512, 400, 60],
  spacingMm: [0.7, 0.8, 2.5],
  originLps: [-180, -160, -300],
  rowDirection: [1, 0, 0],
  columnDirection: [0, 1, 0],
  sliceNormal: [0, 0, 1],
}

/**
 * The region of `axial` scanned feet first (HFS → FFS): columns run to the patient's right and
 * slices toward the feet, so voxel (0, 0, 0) is the patient's left, anterior, superior corner.
 */
export const feetFirst: VolumeGeometry = {
  ...axial,
  originLps: [-180 + 511 * 0.7, -160, -300 + 59 * 2.5],
  rowDirection: [-1, 0, 0],
  columnDirection: [0, 1, 0],
  sliceNormal: [0, 0, -1],
}

/** The region of `axial` scanned prone: rows run to the patient's right, columns anterior. */
export const prone: VolumeGeometry = {
  ...axial,
  originLps: [-180 + 511 * 0.7, -160 + 399 * 0.8, -300],
  rowDirection: [-1, 0, 0],
  columnDirection: [0, -1, 0],
  sliceNormal: [0, 0, 1],
}
