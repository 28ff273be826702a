/**
 * Small in-memory CT volumes for the patch and embedding tests, defined by a function of the
 * patient LPS position so the same anatomy can be stored with any spacing, orientation or slice order.
 */
import { pixelToLps, type Vec3, type VolumeGeometry } from '../../../electron/core/geometry/frames'
import type { Bookmark, PixelXY } from '../../../electron/core/model/types'

/** HU at a patient LPS point (mm). */
export type HuField = (pointLps: Vec3) => number

/** Rasterizes `field` at every voxel centre of `geometry` (rounded to whole HU, as CT stores it). */
export function rasterize(geometry: VolumeGeometry, field: HuField): Int16Array {
  const [ni, nj, nk] = geometry.dims
  const hu = new Int16Array(ni * nj * nk)
  let n = 0
  for (let k = 0; k < nk; k++) {
    for (let j = 0; j < nj; j++) {
      for (let i = 0; i < ni; i++) hu[n++] = Math.round(field(pixelToLps(geometry, [i, j, k])))
    }
  }
  return hu
}

/** An axial geometry of `dims` voxels centred on the LPS origin, DICOM slice order (feet to head). */
export function axialGeometry(dims: Vec3, spacingMm: Vec3): VolumeGeometry {
  return {
    dims,
    spacingMm,
    originLps: [
      (-(dims[0] - 1) / 2) * spacingMm[0],
      (-(dims[1] - 1) / 2) * spacingMm[1],
      (-(dims[2] - 1) / 2) * spacingMm[2],
    ],
    rowDirection: [1, 0, 0],
    columnDirection: [0, 1, 0],
    sliceNormal: [0, 0, 1],
  }
}

/**
 * A bookmark whose long axis is centred on `pixelIjk` (key slice k), horizontal, `longAxisMm` long.
 * Only the fields the patch extractor and the embedder read are meaningful.
 */
export function bookmarkAt(
  geometry: VolumeGeometry,
  pixelIjk: Vec3,
  longAxisMm: number,
  shortAxisMm: number,
  bookmarkId = 'test-bookmark',
): Bookmark {
  const halfPx = longAxisMm / geometry.spacingMm[0] / 2
  const halfShortPx = shortAxisMm / geometry.spacingMm[1] / 2
  const [i, j, k] = pixelIjk
  const longAxisPx: [PixelXY, PixelXY] = [
    [i - halfPx, j],
    [i + halfPx, j],
  ]
  const shortAxisPx: [PixelXY, PixelXY] = [
    [i, j - halfShortPx],
    [i, j + halfShortPx],
  ]
  return {
    bookmarkId,
    patientId: 'P1',
    studyInstanceUid: 'S1',
    seriesInstanceUid: 'R1',
    sliceIndex: k,
    sopInstanceUid: '',
    longAxisPx,
    shortAxisPx,
    longAxisMm,
    shortAxisMm,
    centerLps: pixelToLps(geometry, pixelIjk),
    lesionType: 4,
    label: bookmarkId,
    source: 'dicom-sr',
    sourceFile: 'memory',
  }
}

/** A body (ellipse of soft tissue in air) with a bright spherical lesion: a field for smoke tests. */
export function bodyWithLesion(lesionCenterLps: Vec3, radiusMm: number): HuField {
  return ([x, y, z]) => {
    const d = Math.hypot(x - lesionCenterLps[0], y - lesionCenterLps[1], z - lesionCenterLps[2])
    if (d < radiusMm) return 120
    return (x / 140) ** 2 + (y / 100) ** 2 < 1 ? 30 + 10 * Math.sin(x / 7) * Math.cos(y / 9) : -1000
  }
}
