/**
 * How one study was scanned: date, table position, scan range, slice spacing, pixel spacing,
 * matrix, contrast phase, noise and breathing. The scanner frame is the body frame translated by
 * the table shift: scannerLps = bodyMm + tableShiftMm.
 */
import type { Vec3, VolumeGeometry } from '../geometry/frames'
import type { CtPixelStorage } from '../dicom/write/ct-series'
import { trunkAt, type BodyModel } from './anatomy/body-model'
import type { Rng } from './prng'
import type { ContrastPhase } from './raster/tissues'

export type ScanRegion = 'chest' | 'chest-abdomen' | 'abdomen-pelvis' | 'chest-abdomen-pelvis'

/** Template body z (mm) of the top and bottom of each scan region. */
const REGION_Z: Record<ScanRegion, [number, number]> = {
  chest: [48, -300],
  'chest-abdomen': [48, -440],
  'abdomen-pelvis': [-140, -625],
  'chest-abdomen-pelvis': [48, -625],
}

export const BODY_PART_EXAMINED: Record<ScanRegion, string> = {
  chest: 'CHEST',
  'chest-abdomen': 'CHESTABDOMEN',
  'abdomen-pelvis': 'ABDOMENPELVIS',
  'chest-abdomen-pelvis': 'CHESTABDPELVIS',
}

export interface Scanner {
  manufacturer: string
  model: string
  kernel: string
  storage: CtPixelStorage
}

const SCANNERS: Scanner[] = [
  {
    manufacturer: 'LesionTrack Synthetic',
    model: 'SynthScan 64',
    kernel: 'B30f',
    storage: 'unsigned12',
  },
  {
    manufacturer: 'LesionTrack Synthetic',
    model: 'SynthScan HD',
    kernel: 'STANDARD',
    storage: 'signed16',
  },
]

export interface Acquisition {
  /** 0-based order of the study within its patient. */
  studyIndex: number
  /** YYYY-MM-DD and HHMMSS. */
  studyDate: string
  studyTime: string
  region: ScanRegion
  matrix: number
  pixelSpacingMm: number
  sliceSpacingMm: number
  sliceThicknessMm: number
  sliceCount: number
  /** scannerLps = bodyMm + tableShiftMm. */
  tableShiftMm: Vec3
  /** Scanner LPS of the center of voxel (0, 0, 0): the most inferior slice, top-left pixel. */
  originLps: Vec3
  /** Extra displacement of lung lesions in this study (depth of inspiration), body frame mm. */
  breathingShiftMm: Vec3
  phase: ContrastPhase
  noiseSdHu: number
  kvp: number
  scanner: Scanner
  patientPosition: 'HFS' | 'FFS'
}

/** Caller-forced sizes (for tests and benchmarks); anything left out is drawn at random. */
export interface AcquisitionOverrides {
  matrix?: number
  sliceSpacingMm?: number
  sliceCount?: number
  region?: ScanRegion
}

/** The study's voxel grid in scanner LPS (axial, k = 0 the most inferior slice). */
export function geometryOf(acquisition: Acquisition): VolumeGeometry {
  const { matrix, pixelSpacingMm: s, sliceSpacingMm, sliceCount, originLps } = acquisition
  return {
    dims: [matrix, matrix, sliceCount],
    spacingMm: [s, s, sliceSpacingMm],
    originLps,
    rowDirection: [1, 0, 0],
    columnDirection: [0, 1, 0],
    sliceNormal: [0, 0, 1],
  }
}

/** The pixel grid of every slice in body-frame millimetres (column 0, row 0 and the spacing). */
export interface SliceGrid {
  width: number
  height: number
  x0Mm: number
  y0Mm: number
  spacingMm: number
}

/** Where the study's pixel columns and rows lie in the body frame. */
export function sliceGrid(acquisition: Acquisition): SliceGrid {
  return {
    width: acquisition.matrix,
    height: acquisition.matrix,
    x0Mm: acquisition.originLps[0] - acquisition.tableShiftMm[0],
    y0Mm: acquisition.originLps[1] - acquisition.tableShiftMm[1],
    spacingMm: acquisition.pixelSpacingMm,
  }
}

/** Body-frame z extent (mm) of slice k: its center ± half the slice thickness. */
export function sliceSlab(acquisition: Acquisition, k: number): [number, number] {
  const z = sliceBodyZ(acquisition, k)
  return [z - acquisition.sliceThicknessMm / 2, z + acquisition.sliceThicknessMm / 2]
}

/** Body-frame z (mm) of the center of slice k. */
export function sliceBodyZ(acquisition: Acquisition, k: number): number {
  return acquisition.originLps[2] + k * acquisition.sliceSpacingMm - acquisition.tableShiftMm[2]
}

function addDays(isoDate: string, days: number): string {
  const date = new Date(`${isoDate}T00:00:00Z`)
  date.setUTCDate(date.getUTCDate() + days)
  return date.toISOString().slice(0, 10)
}

/** Study dates of one patient: a baseline between 2012 and 2022, then follow-ups 6–18 weeks apart. */
export function studyDates(count: number, rng: Rng): string[] {
  const dates = [addDays('2012-01-02', rng.int(0, 11 * 365))]
  for (let n = 1; n < count; n++) dates.push(addDays(dates[n - 1], rng.int(42, 126)))
  return dates
}

/** HHMMSS during working hours. */
function timeOfDay(rng: Rng): string {
  const two = (n: number) => String(n).padStart(2, '0')
  return `${two(rng.int(7, 17))}${two(rng.int(0, 59))}${two(rng.int(0, 59))}`
}

function sliceSpacing(rng: Rng): number {
  // DeepLesion/DLS: 5 mm for 62 % of lesions, 1 mm for 35 %, 2–3 mm for the rest.
  return rng.weighted([
    [5, 0.62],
    [1, 0.35],
    [2, 0.015],
    [3, 0.015],
  ])
}

/**
 * Draws how study `studyIndex` was acquired. Overrides fix sizes for tests and benchmarks; the
 * draws for everything else do not depend on them.
 */
export function sampleAcquisition(
  body: BodyModel,
  studyIndex: number,
  studyDate: string,
  overrides: AcquisitionOverrides,
  rng: Rng,
): Acquisition {
  // One labelled stream per decision, so forcing one size leaves every other draw unchanged.
  const draw = (what: string) => rng.fork(what)
  const sliceSpacingMm = overrides.sliceSpacingMm ?? sliceSpacing(draw('slice spacing'))
  // Thin-slice (1 mm) reconstructions here cover one or two regions rather than the whole trunk,
  // as targeted thin reconstructions often do; it also keeps a study below ~500 slices.
  const region =
    overrides.region ??
    draw('region').weighted<ScanRegion>(
      sliceSpacingMm < 2
        ? [
            ['chest', 0.45],
            ['abdomen-pelvis', 0.35],
            ['chest-abdomen', 0.2],
          ]
        : [
            ['chest-abdomen-pelvis', 0.55],
            ['chest-abdomen', 0.15],
            ['chest', 0.15],
            ['abdomen-pelvis', 0.15],
          ],
    )
  const rangeRng = draw('scan range')
  const [zTop, zBottom] = REGION_Z[region].map((z) => z * body.scale[2] + rangeRng.normal(0, 8))
  const sliceCount =
    overrides.sliceCount ?? Math.max(1, Math.round((zTop - zBottom) / sliceSpacingMm) + 1)
  const zCenter = (zTop + zBottom) / 2
  const bodyZLow = zCenter - ((sliceCount - 1) * sliceSpacingMm) / 2
  // Most scanners reconstruct 512×512; a few thick-slice studies come at 768×768.
  const largeMatrix = sliceSpacingMm >= 5 && draw('matrix').chance(0.08)
  const matrix = overrides.matrix ?? (largeMatrix ? 768 : 512)
  const bodyWidth =
    2 *
    Math.max(
      trunkAt(body, -500 * body.scale[2]).skin[0],
      trunkAt(body, -160 * body.scale[2]).skin[0],
    )
  const field = draw('field of view')
  const fieldOfViewMm = Math.min(502, Math.round(bodyWidth + field.uniform(5, 140)))
  const pixelSpacingMm = fieldOfViewMm / matrix
  // Patient placement on the table varies from visit to visit, mostly in table height (y): the
  // same lesion of DLS valid.json, measured from the image centre, moves in-plane by a median of
  // 18 mm (p90 37; x 7 / 16, y 15 / 35) between studies, breathing and the reader included.
  const table = draw('table')
  const tableShiftMm: Vec3 = [table.normal(0, 7), table.normal(0, 15), table.uniform(-350, 250)]
  const reconstructionCenter = [
    tableShiftMm[0] + field.normal(0, 4),
    tableShiftMm[1] + 14 + field.normal(0, 4),
  ]
  const halfField = ((matrix - 1) * pixelSpacingMm) / 2
  const breathing = draw('breathing')
  const breathingZ = Math.max(-18, Math.min(18, breathing.normal(0, 7)))
  const noise = draw('noise')
  const scanner = draw('scanner')
  return {
    studyIndex,
    studyDate,
    studyTime: timeOfDay(draw('time')),
    region,
    matrix,
    pixelSpacingMm,
    sliceSpacingMm,
    sliceThicknessMm: sliceSpacingMm,
    sliceCount,
    tableShiftMm,
    // Rounded to 1 µm so the DICOM decimal strings hold exactly the geometry used here.
    originLps: [
      reconstructionCenter[0] - halfField,
      reconstructionCenter[1] - halfField,
      bodyZLow + tableShiftMm[2],
    ].map((v) => Math.round(v * 1000) / 1000) as Vec3,
    breathingShiftMm: [breathing.normal(0, 1), breathing.normal(0, 2.5), breathingZ],
    phase: scanner.chance(0.85) ? 'portal-venous' : 'non-contrast',
    noiseSdHu:
      sliceSpacingMm >= 5
        ? noise.uniform(9, 13)
        : sliceSpacingMm >= 2
          ? noise.uniform(14, 19)
          : noise.uniform(20, 27),
    kvp: scanner.chance(0.8) ? 120 : 100,
    scanner: scanner.pick(SCANNERS),
    patientPosition: scanner.chance(0.5) ? 'FFS' : 'HFS',
  }
}
