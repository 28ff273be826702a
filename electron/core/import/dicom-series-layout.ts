/**
 * Puts the slices of one CT series in order along the slice normal and derives the volume
 * geometry in patient LPS, rejecting series that cannot be one regular volume (duplicates, mixed
 * orientation, matrix or pixel spacing, uneven steps, large gaps). A few slices missing from an
 * otherwise regular stack leave empty places in the volume (see fillableGaps), so that every slice
 * read stays at its true position.
 */
import { basename, dirname, sep } from 'node:path'
import { cross, dot, type Vec3, type VolumeGeometry } from '../geometry/frames'
import { importIssue } from '../model/import-issue'
import type { ImportIssue } from '../model/types'
import type { ImageHeader } from '../dicom/image-header'
import { capitalize, HINTS, seriesLabel, sliceLabel } from './dicom-issues'
import { onePass } from './acquisition-passes'
import { withoutCopies, withoutLossyCopies } from './slice-copies'
import { PADDING_HU } from '../dicom/pixels/modality-lut'

/**
 * A series laid out as one volume — its slices in k order, slice n at k = sliceIndices[n] (k runs
 * over geometry.dims[2] places; a place no slice fills is missing from the export) — or the one
 * issue saying why it cannot be.
 */
export type SeriesLayout =
  | {
      ok: true
      slices: ImageHeader[]
      sliceIndices: number[]
      geometry: VolumeGeometry
      warnings: ImportIssue[]
    }
  | { ok: false; rejection: ImportIssue; warnings: ImportIssue[] }

/** ImageOrientationPatient components may differ by this much and still be one orientation. */
const ORIENTATION_TOLERANCE = 1e-3
/** Two slices closer than this along the normal are at the same position (mm). */
const SAME_POSITION_MM = 0.01
/** A step this many times the typical step means slices are missing. */
const GAP_FACTOR = 1.5
/** Slices may lie off their place in the even stack by this share of its step, */
const SPACING_TOLERANCE = 0.05
/**
 * … plus this much (mm) for the text of ImagePositionPatient: a scanner that writes positions to
 * 0.1 mm puts slices 0.625 mm apart at steps of 0.6 and 0.7 mm, each within 0.05 mm of its place.
 */
const POSITION_ROUNDING_MM = 0.06
/**
 * At most this share of a series' slices may be missing for the rest to be imported with empty
 * places (at least one slice may always be); more looks like several stacks, not a lost file.
 */
const MAX_MISSING_SHARE = 0.1

function normalize(v: Vec3): Vec3 {
  const length = Math.hypot(v[0], v[1], v[2])
  return [v[0] / length, v[1] / length, v[2] / length]
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

/** Names slices n and n + 1 of a stack, for messages about the space between them. */
function between(ordered: ImageHeader[], n: number): string {
  return `${fileNames([ordered[n]])} and ${fileNames([ordered[n + 1]])}`
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

/** Where each slice of a stack goes (k), how deep the stack is, and the gaps left empty. */
interface Stack {
  sliceIndices: number[]
  depth: number
  /** Index n of each slice after which slices are missing, and how many. */
  gaps: { after: number; missing: number }[]
  /** Slices missing in all. */
  missing: number
  typicalMm: number
}

function withinTolerance(stepMm: number, expectedMm: number, typicalMm: number, steps: number) {
  return (
    Math.abs(stepMm - expectedMm) <= steps * SPACING_TOLERANCE * typicalMm + POSITION_ROUNDING_MM
  )
}

/**
 * The slice (index n) farthest from its place k = sliceIndices[n] in the even stack through the
 * first and last slice, and how far (mm). Checking places rather than steps tolerates positions
 * written with few decimals, whose steps alternate, and still finds a stack that drifts.
 */
function farthestFromPlace(positionsMm: number[], sliceIndices: number[], depth: number) {
  const stepMm = (positionsMm[positionsMm.length - 1] - positionsMm[0]) / (depth - 1)
  let farthest = { n: 0, offMm: 0, stepMm }
  for (let n = 1; n < positionsMm.length; n++) {
    const offMm = Math.abs(positionsMm[n] - positionsMm[0] - sliceIndices[n] * stepMm)
    if (offMm > farthest.offMm) farthest = { n, offMm, stepMm }
  }
  return farthest
}

/**
 * Lays slices at these sorted positions (mm along the normal) on an evenly spaced stack, or says
 * why they are not one: two at one position, an uneven step, or gaps that are not whole steps or
 * leave more than MAX_MISSING_SHARE of the stack empty.
 */
function stackOf(ordered: ImageHeader[], positionsMm: number[]): Stack | Problem {
  const stepsMm = positionsMm.slice(1).map((p, k) => p - positionsMm[k])
  const pair = (k: number) => fileNames(ordered.slice(k, k + 2))
  const duplicate = stepsMm.findIndex((step) => step < SAME_POSITION_MM)
  if (duplicate >= 0) {
    return [
      'duplicate-position',
      `two different slices lie at the same position ${positionsMm[duplicate].toFixed(2)} mm along the normal (${pair(duplicate)})`,
    ]
  }
  // The series' step: the mean of the steps near the smallest, so that gaps do not inflate it
  // and positions written with few decimals (steps of 0.6 and 0.7 mm for 0.625) average out.
  const smallestMm = Math.min(...stepsMm)
  const evenSteps = stepsMm.filter((step) => step <= GAP_FACTOR * smallestMm)
  const typicalMm =
    evenSteps.length > 0 ? evenSteps.reduce((sum, step) => sum + step, 0) / evenSteps.length : 0
  const sliceIndices = [0]
  const gaps: Stack['gaps'] = []
  for (let n = 0; n < stepsMm.length; n++) {
    const step = stepsMm[n]
    const places = step > GAP_FACTOR * typicalMm ? Math.round(step / typicalMm) : 1
    if (places > 1 && !withinTolerance(step, places * typicalMm, typicalMm, places)) {
      return [
        'slice-gap',
        `the slices ${between(ordered, n)} are ${step.toFixed(2)} mm apart, not a whole number of the series' ${typicalMm.toFixed(2)} mm steps, so the slices missing between them cannot be placed`,
      ]
    }
    if (places > 1) gaps.push({ after: n, missing: places - 1 })
    sliceIndices.push(sliceIndices[n] + places)
  }
  const missing = gaps.reduce((sum, gap) => sum + gap.missing, 0)
  if (missing > Math.max(1, Math.floor(MAX_MISSING_SHARE * ordered.length))) {
    const first = gaps[0]
    return [
      'slice-gap',
      `${missing} slice(s) are missing, ${first.missing} of them between ${between(ordered, first.after)} (${stepsMm[first.after].toFixed(2)} mm apart where the series steps ${typicalMm.toFixed(2)} mm): too many to read the rest as one volume`,
    ]
  }
  const depth = sliceIndices[sliceIndices.length - 1] + 1
  if (depth > 1) {
    const { n, offMm, stepMm } = farthestFromPlace(positionsMm, sliceIndices, depth)
    if (offMm > SPACING_TOLERANCE * stepMm + POSITION_ROUNDING_MM) {
      return [
        'non-uniform-spacing',
        `its slice spacing is not uniform: ${fileNames([ordered[n]])} lies ${offMm.toFixed(2)} mm from where the series' even ${stepMm.toFixed(2)} mm steps put it`,
      ]
    }
  }
  return { sliceIndices, depth, gaps, missing, typicalMm }
}

/** The warning for a stack imported with empty places where slices are missing. */
function gapWarning(ordered: ImageHeader[], stack: Stack): ImportIssue {
  const where = stack.gaps
    .map((gap) => `${gap.missing} between ${between(ordered, gap.after)}`)
    .join('; ')
  return importIssue(
    ordered[stack.gaps[0].after].path,
    'missing-slices',
    `${capitalize(seriesLabel(ordered[0]))}: ${stack.missing} slice(s) of its ${stack.typicalMm.toFixed(2)} mm steps are missing (${where}). The other ${ordered.length} slices were imported at their true positions; the missing places are left empty (air, ${PADDING_HU} HU), so nothing there can be seen or measured, and the series is not used to align its study.`,
    'To see those slices, export the complete series from PACS again and import it again.',
    'warning',
  )
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
 * SpacingBetweenSlices, else SliceThickness), missing slices counted as places. Rejects the
 * series, with one issue, when it is not one regular volume.
 */
export function layoutSeries(headers: ImageHeader[]): SeriesLayout {
  const warnings: ImportIssue[] = []
  const slices = onePass(withoutLossyCopies(withoutCopies(headers, warnings), warnings), warnings)
  const inconsistent = inconsistency(slices)
  if (inconsistent) return reject(slices, ...inconsistent, warnings)

  const first = slices[0]
  const rowDirection = normalize(first.imageOrientation![0])
  const columnDirection = normalize(first.imageOrientation![1])
  const sliceNormal = normalize(cross(rowDirection, columnDirection))
  const along = new Map(slices.map((h) => [h, dot(h.imagePositionLps!, sliceNormal)]))
  const ordered = [...slices].sort((a, b) => along.get(a)! - along.get(b)!)
  const positionsMm = ordered.map((h) => along.get(h)!)
  const stack = stackOf(ordered, positionsMm)
  if (Array.isArray(stack)) return reject(slices, ...stack, warnings)
  if (stack.gaps.length > 0) warnings.push(gapWarning(ordered, stack))

  const [spacingI, spacingJ] = first.pixelSpacingMm!
  const spacingK =
    stack.depth > 1
      ? (positionsMm[positionsMm.length - 1] - positionsMm[0]) / (stack.depth - 1)
      : (first.spacingBetweenSlicesMm ?? first.sliceThicknessMm ?? 1)
  const tilt =
    ordered.length > 1 ? tiltWarning(ordered, sliceNormal, Math.min(spacingI, spacingJ)) : null
  if (tilt) warnings.push(tilt)
  const geometry: VolumeGeometry = {
    dims: [first.columns, first.rows, stack.depth],
    spacingMm: [spacingI, spacingJ, spacingK],
    originLps: [...ordered[0].imagePositionLps!] as Vec3,
    rowDirection,
    columnDirection,
    sliceNormal,
  }
  return { ok: true, slices: ordered, sliceIndices: stack.sliceIndices, geometry, warnings }
}
