/**
 * A CT series geometry for the viewer tests: axial, 512 × 400 pixels of 0.7 × 0.8 mm (not
 * square, so i and j mix-ups show), 60 slices 2.5 mm apart from z = −300 mm.
 */
import { pixelToLps, type Vec3, type VolumeGeometry } from '../../../electron/api/geometry'

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

/**
 * The same voxels of the same body stored the other way along some pixel axes, as a feet-first
 * (i and k reversed) or prone (i and j reversed) scan stores them: every voxel keeps its patient
 * LPS place, only the pixel grid runs the other way.
 */
export function storedReversed<V extends { geometry: VolumeGeometry; hu: Int16Array }>(
  volume: V,
  reversed: [boolean, boolean, boolean],
): V {
  const { geometry } = volume
  const [ni, nj, nk] = geometry.dims
  const hu = new Int16Array(volume.hu.length)
  const at = (index: number, count: number, axis: number) =>
    reversed[axis] ? count - 1 - index : index
  for (let k = 0; k < nk; k++) {
    for (let j = 0; j < nj; j++) {
      for (let i = 0; i < ni; i++) {
        hu[i + ni * (j + nj * k)] =
          volume.hu[at(i, ni, 0) + ni * (at(j, nj, 1) + nj * at(k, nk, 2))]
      }
    }
  }
  const sign = (axis: number) => (reversed[axis] ? -1 : 1)
  const flip = (v: Vec3, axis: number) => v.map((c) => sign(axis) * c) as Vec3
  return {
    ...volume,
    geometry: {
      ...geometry,
      originLps: pixelToLps(geometry, [
        reversed[0] ? ni - 1 : 0,
        reversed[1] ? nj - 1 : 0,
        reversed[2] ? nk - 1 : 0,
      ]),
      rowDirection: flip(geometry.rowDirection, 0),
      columnDirection: flip(geometry.columnDirection, 1),
      sliceNormal: flip(geometry.sliceNormal, 2),
    },
    hu,
  }
}
