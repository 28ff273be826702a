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
