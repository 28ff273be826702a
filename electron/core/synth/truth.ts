/**
 * truth.json: what the generator knows and a tracker has to find — the lesion behind every
 * bookmark, each study's true scanner-to-body transform, and totals an importer must reproduce.
 */
import type { Vec3 } from '../geometry/frames'
import type { LesionType, PixelXY } from '../model/types'
import type { CtPixelStorage } from '../dicom/write/ct-series'
import type { ScanRegion } from './acquisition'
import type { ContrastPhase } from './raster/tissues'

export const TRUTH_FILE = 'truth.json'
export const GENERATOR_NAME = 'lesiontrack synth'
/**
 * Bumped whenever the same options would write different files, so that caches of generated data
 * (the app's demo patient) are rebuilt instead of silently showing an older generation.
 */
export const GENERATOR_VERSION = 3

export interface TruthStudy {
  /** 1-based order within the patient (by date). */
  studyIndex: number
  studyInstanceUid: string
  /** YYYY-MM-DD. */
  studyDate: string
  seriesInstanceUid: string
  srSopInstanceUid: string
  /** Folders relative to the output folder ('' where that format was not written). */
  seriesFolder: string
  deepLesionFolder: string
  /** scannerLps = bodyMm + tableShiftMm. */
  tableShiftMm: Vec3
  /** 4×4 row-major affine taking scanner LPS (mm) to the body frame (mm). */
  scannerToBody: number[]
  /** Displacement of lung lesions in this study (breathing), body frame mm. */
  breathingShiftMm: Vec3
  region: ScanRegion
  /** Body-frame z (mm) of the centers of the lowest and highest slices. */
  scanRangeBodyZMm: [number, number]
  sliceCount: number
  sliceSpacingMm: number
  sliceThicknessMm: number
  pixelSpacingMm: number
  /** Columns, rows. */
  matrix: [number, number]
  contrastPhase: ContrastPhase
  noiseSdHu: number
  kvp: number
  manufacturer: string
  model: string
  pixelStorage: CtPixelStorage
  patientPosition: 'HFS' | 'FFS'
}

export interface TruthLesion {
  lesionId: string
  type: Exclude<LesionType, -1>
  typeName: string
  site: string
  /** Center at rest in the body frame (lung lesions move by the study's breathing shift). */
  centerBodyMm: Vec3
  /** Semi-axes (mm) at size factor 1. */
  radiiMm: Vec3
  texture: string
  /** Size factor per study (0 = absent). */
  sizeByStudy: number[]
  movesWithBreathing: boolean
  neighbourOf?: string
}

export interface TruthBookmark {
  trackingUid: string
  trackingIdentifier: string
  studyInstanceUid: string
  seriesInstanceUid: string
  /** The key slice's SOP instance; in a multi-frame CT layout, the series' one multi-frame file. */
  sopInstanceUid: string
  /** Key slice k of the series volume, k = 0 the most inferior slice (ascending along +z). */
  sliceIndex: number
  /** InstanceNumber of the key slice; in a multi-frame CT layout, its frame number. */
  instanceNumber: number
  lesionId: string
  type: Exclude<LesionType, -1>
  longAxisMm: number
  shortAxisMm: number
  /** 0-based pixel centers (x = column, y = row) of the key slice. */
  longAxisPx: [PixelXY, PixelXY]
  shortAxisPx: [PixelXY, PixelXY]
  /** Long-axis midpoint in the body frame and in scanner LPS (mm). */
  centerBodyMm: Vec3
  centerScannerLps: Vec3
  /** DL_info File_name and Key_slice_index of the same bookmark. */
  deepLesion: { fileName: string; keySliceIndex: number }
}

export interface TruthPatient {
  patientId: string
  /** Patient_index in the DeepLesion layout. */
  deepLesionPatientIndex: number
  sex: 'M' | 'F'
  birthDate: string
  studies: TruthStudy[]
  lesions: TruthLesion[]
  bookmarks: TruthBookmark[]
}

export interface Truth {
  generator: { name: typeof GENERATOR_NAME; version: typeof GENERATOR_VERSION; seed: number }
  format: 'dicom' | 'deeplesion' | 'both'
  totals: { patients: number; studies: number; series: number; bookmarks: number }
  patients: TruthPatient[]
}

/** The affine from scanner LPS to the body frame: a translation by −tableShift. */
export function scannerToBodyMatrix(tableShiftMm: Vec3): number[] {
  const [x, y, z] = tableShiftMm
  return [1, 0, 0, -x, 0, 1, 0, -y, 0, 0, 1, -z, 0, 0, 0, 1]
}

/** Totals over the patients; one CT series per study. */
export function totalsOf(patients: TruthPatient[]): Truth['totals'] {
  const studies = patients.reduce((sum, p) => sum + p.studies.length, 0)
  return {
    patients: patients.length,
    studies,
    series: studies,
    bookmarks: patients.reduce((sum, p) => sum + p.bookmarks.length, 0),
  }
}
