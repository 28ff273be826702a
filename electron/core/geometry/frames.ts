/**
 * Coordinate frames of a CT volume and the conversions between them.
 * Pixel frame: (i column, j row, k slice) voxel indices; patient frame: DICOM LPS in millimetres.
 */

/** A point or direction with three components; the frame is named by the variable that holds it. */
export type Vec3 = [number, number, number]

/**
 * Where a voxel grid sits in the patient (LPS, mm) frame.
 * Voxel (i, j, k) has its centre at originLps + i·spacingMm[0]·rowDirection
 * + j·spacingMm[1]·columnDirection + k·spacingMm[2]·sliceNormal.
 */
export interface VolumeGeometry {
  /** Voxel counts along i (columns), j (rows), k (slices). */
  dims: [number, number, number]
  /** Voxel size in mm along i, j, k. k is the distance between slice centres along the normal. */
  spacingMm: Vec3
  /** Patient LPS position (mm) of the centre of voxel (0, 0, 0). */
  originLps: Vec3
  /** Unit vector along increasing i (DICOM ImageOrientationPatient, first triplet). */
  rowDirection: Vec3
  /** Unit vector along increasing j (ImageOrientationPatient, second triplet). */
  columnDirection: Vec3
  /**
   * Unit vector along increasing k. For DICOM series it is rowDirection × columnDirection (slices
   * are sorted along it); DeepLesion PNG series keep their file order, which runs the other way.
   */
  sliceNormal: Vec3
}

export function cross(a: Vec3, b: Vec3): Vec3 {
  return [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]]
}

export function dot(a: Vec3, b: Vec3): number {
  return a[0] * b[0] + a[1] * b[1] + a[2] * b[2]
}

/** Patient LPS (mm) of a possibly fractional voxel position (i, j, k). */
export function pixelToLps(geometry: VolumeGeometry, pixelIjk: Vec3): Vec3 {
  const {
    originLps: o,
    spacingMm: s,
    rowDirection: r,
    columnDirection: c,
    sliceNormal: n,
  } = geometry
  const di = pixelIjk[0] * s[0]
  const dj = pixelIjk[1] * s[1]
  const dk = pixelIjk[2] * s[2]
  return [
    o[0] + di * r[0] + dj * c[0] + dk * n[0],
    o[1] + di * r[1] + dj * c[1] + dk * n[1],
    o[2] + di * r[2] + dj * c[2] + dk * n[2],
  ]
}

/** Fractional voxel position (i, j, k) of a patient LPS point (mm); the directions are orthonormal. */
export function lpsToPixel(geometry: VolumeGeometry, pointLps: Vec3): Vec3 {
  const {
    originLps: o,
    spacingMm: s,
    rowDirection: r,
    columnDirection: c,
    sliceNormal: n,
  } = geometry
  const d: Vec3 = [pointLps[0] - o[0], pointLps[1] - o[1], pointLps[2] - o[2]]
  return [dot(d, r) / s[0], dot(d, c) / s[1], dot(d, n) / s[2]]
}
