/**
 * Puts the slices of one CT series in order along the slice normal and derives the volume
 * geometry in patient LPS, rejecting series that cannot be one regular volume (gaps, duplicates,
 * mixed orientation, matrix or pixel spacing).
 */
import { basename, dirname, sep } from 'node:path'
import { cross, dot, type Vec3, type VolumeGeometry } from '../geometry/frames'
import { importIssue } from '../model/import-issue'
import type { ImportIssue } from '../model/types'
import type { ImageHeader } from '../dicom/image-header'
import { capitalize, HINTS, seriesLabel, sliceLabel } from './dicom-issues'
import { withoutCopies, withoutLossyCopies } from './slice-copies'

/** A series laid out as one volume (slices in k order), or the one issue saying why it cannot be. */
export type SeriesLayout =
  | { ok: true; slices: ImageHeader[]; geometry: VolumeGeometry; warnings: ImportIssue[] }
  | { ok: false; rejection: ImportIssue; warnings: ImportIssue[] }

/** ImageOrientationPatient components may differ by this much and still be one orientation. */
const ORIENTATION_TOLERANCE = 1e-3
/** Two slices closer than this along the normal are at the same position (mm). */
const SAME_POSITION_MM = 0.01
/** A step this many times the typical step means slices are missing. */
const GAP_FACTOR = 1.5
/** Steps may differ from the typical step by this fraction (plus 0.02 mm of rounding). */
const SPACING_TOLERANCE = 0.05

function normalize(v: Vec3): Vec3 {
  const length = Math.hypot(v[0], v[1], v[2])
  return [v[0] / length, v[1] / length, v[2] / length]
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = sorted.length >> 1
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}

/** The deepest folder holding every slice: where the user finds the series on disk. */
function seriesFolder(slices: ImageHeader[]): string {
  let common = dirname(slices[0].path)
  for (const slice of slices) {
    while (!(dirname(slice.path) + sep).startsWith(common + sep) && dirname(common) !== common) {
      common = dirname(common)
    }
  }
  return common
}

function reject(
  slices: ImageHeader[],
  code: string,
  problem: string,
  warnings: ImportIssue[],
): SeriesLayout {
  const message = `${capitalize(seriesLabel(slices[0]))} was not imported: ${problem}.`
  return {
    ok: false,
    rejection: importIssue(seriesFolder(slices), code, message, HINTS.reexportSeries),
    warnings,
  }
}

function fileNames(headers: ImageHeader[]): string {
  return headers.map((h) => sliceLabel(h, basename(h.path))).join(', ')
}

function sameOrientation(a: [Vec3, Vec3], b: [Vec3, Vec3]): boolean {
  for (let axis = 0; axis < 2; axis++) {
    for (let c = 0; c < 3; c++)
      if (Math.abs(a[axis][c] - b[axis][c]) > ORIENTATION_TOLERANCE) return false
  }
  return true
}

type Problem = [code: string, problem: string]

/** Why the slices cannot share one voxel grid (missing geometry, mixed matrix, orientation or pixel spacing). */
function inconsistency(slices: ImageHeader[]): Problem | null {
  const first = slices[0]
  const incomplete = slices.find(
    (h) => !h.imagePositionLps || !h.imageOrientation || !h.pixelSpacingMm,
  )
  if (incomplete) {
    return [
      'missing-geometry',
      `${sliceLabel(incomplete)} lacks ImagePositionPatient, ImageOrientationPatient or PixelSpacing, so its place in the patient is unknown`,
    ]
  }
  const matrices = new Set(slices.map((h) => `${h.columns}×${h.rows}`))
  if (matrices.size > 1) {
    return [
      'mixed-matrix-size',
      `its slices have different matrix sizes (${[...matrices].join(', ')})`,
    ]
  }
  const tilted = slices.find((h) => !sameOrientation(h.imageOrientation!, first.imageOrientation!))
  if (tilted) {
    return [
      'mixed-orientation',
      `its slices have different orientations (${sliceLabel(first)} and ${sliceLabel(tilted)}); it mixes several reconstructions or a localizer`,
    ]
  }
  const [spacingI, spacingJ] = first.pixelSpacingMm!
  const otherSpacing = slices.find(
    (h) =>
      Math.abs(h.pixelSpacingMm![0] - spacingI) > 1e-4 ||
      Math.abs(h.pixelSpacingMm![1] - spacingJ) > 1e-4,
  )
  if (otherSpacing) {
    return [
      'mixed-pixel-spacing',
      `its slices have different pixel spacings (${sliceLabel(first)} and ${sliceLabel(otherSpacing)})`,
    ]
  }
  return null
}

/** Why slices at these sorted positions (mm along the normal) are not one evenly spaced stack. */
function spacingProblem(ordered: ImageHeader[], positionsMm: number[]): Problem | null {
  const stepsMm = positionsMm.slice(1).map((p, k) => p - positionsMm[k])
  const pair = (k: number) => fileNames(ordered.slice(k, k + 2))
  const duplicate = stepsMm.findIndex((step) => step < SAME_POSITION_MM)
  if (duplicate >= 0) {
    return [
      'duplicate-position',
      `two different slices lie at the same position ${positionsMm[duplicate].toFixed(2)} mm along the normal (${pair(duplicate)})`,
    ]
  }
  if (stepsMm.length === 0) return null
  const typicalMm = median(stepsMm)
  const gap = stepsMm.findIndex((step) => step > GAP_FACTOR * typicalMm)
  if (gap >= 0) {
    const missing = Math.round(stepsMm[gap] / typicalMm) - 1
    return [
      'slice-gap',
      `about ${missing} slice(s) are missing between ${pair(gap)} (${stepsMm[gap].toFixed(2)} mm apart where the series steps ${typicalMm.toFixed(2)} mm)`,
    ]
  }
  const uneven = stepsMm.findIndex(
    (step) => Math.abs(step - typicalMm) > SPACING_TOLERANCE * typicalMm + 0.02,
  )
  if (uneven >= 0) {
    return [
      'non-uniform-spacing',
      `its slice spacing is not uniform (${stepsMm[uneven].toFixed(2)} mm between ${pair(uneven)}, ${typicalMm.toFixed(2)} mm elsewhere)`,
    ]
  }
  return null
}

/**
 * A warning when the slice origins drift sideways along the stack (gantry tilt): the volume is
 * stored as orthogonal, so positions far from the first slice are off by up to the drift.
 */
function tiltWarning(
  ordered: ImageHeader[],
  sliceNormal: Vec3,
  pixelSpacingMm: number,
): ImportIssue | null {
  const origin = ordered[0].imagePositionLps!
  const last = ordered[ordered.length - 1].imagePositionLps!
  const travel: Vec3 = [last[0] - origin[0], last[1] - origin[1], last[2] - origin[2]]
  const alongNormal = dot(travel, sliceNormal)
  const driftMm = Math.hypot(
    travel[0] - alongNormal * sliceNormal[0],
    travel[1] - alongNormal * sliceNormal[1],
    travel[2] - alongNormal * sliceNormal[2],
  )
  if (driftMm <= 0.5 * pixelSpacingMm) return null
  return importIssue(
    ordered[0].path,
    'gantry-tilt',
    `${capitalize(seriesLabel(ordered[0]))}: slice origins drift ${driftMm.toFixed(1)} mm sideways over the series (gantry tilt); it was imported as an orthogonal volume, so positions far from the first slice may be off by up to that much.`,
    'If positions matter, reconstruct the series without tilt on the scanner or workstation and import it again.',
    'warning',
  )
}

/**
 * Orders the slices of one series by position along the slice normal (row × column direction) —
 * not by file name or InstanceNumber — and builds its VolumeGeometry: origin at the first slice,
 * k spacing the mean distance between consecutive slice positions (for a single slice:
 * SpacingBetweenSlices, else SliceThickness). Rejects the series, with one issue, when it is not
 * one regular volume.
 */
export function layoutSeries(headers: ImageHeader[]): SeriesLayout {
  const warnings: ImportIssue[] = []
  const slices = withoutLossyCopies(withoutCopies(headers, warnings), warnings)
  const inconsistent = inconsistency(slices)
  if (inconsistent) return reject(slices, ...inconsistent, warnings)

  const first = slices[0]
  const rowDirection = normalize(first.imageOrientation![0])
  const columnDirection = normalize(first.imageOrientation![1])
  const sliceNormal = normalize(cross(rowDirection, columnDirection))
  const along = new Map(slices.map((h) => [h, dot(h.imagePositionLps!, sliceNormal)]))
  const ordered = [...slices].sort((a, b) => along.get(a)! - along.get(b)!)
  const positionsMm = ordered.map((h) => along.get(h)!)
  const uneven = spacingProblem(ordered, positionsMm)
  if (uneven) return reject(slices, ...uneven, warnings)

  const [spacingI, spacingJ] = first.pixelSpacingMm!
  const spacingK =
    ordered.length > 1
      ? (positionsMm[positionsMm.length - 1] - positionsMm[0]) / (ordered.length - 1)
      : (first.spacingBetweenSlicesMm ?? first.sliceThicknessMm ?? 1)
  const tilt =
    ordered.length > 1 ? tiltWarning(ordered, sliceNormal, Math.min(spacingI, spacingJ)) : null
  if (tilt) warnings.push(tilt)
  const geometry: VolumeGeometry = {
    dims: [first.columns, first.rows, ordered.length],
    spacingMm: [spacingI, spacingJ, spacingK],
    originLps: [...ordered[0].imagePositionLps!] as Vec3,
    rowDirection,
    columnDirection,
    sliceNormal,
  }
  return { ok: true, slices: ordered, geometry, warnings }
}
