/**
 * The domain records every stage passes along: patients, studies, series (volumes) and bookmarks.
 * Plain data only (no classes), so they cross worker, IPC and HTTP boundaries unchanged.
 */
import type { Vec3, VolumeGeometry } from '../geometry/frames'

/** DeepLesion coarse lesion types; -1 means not labelled. */
export type LesionType = -1 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8

export const LESION_TYPE_NAMES: Record<LesionType, string> = {
  [-1]: 'unlabelled',
  1: 'bone',
  2: 'abdomen',
  3: 'mediastinum',
  4: 'liver',
  5: 'lung',
  6: 'kidney',
  7: 'soft tissue',
  8: 'pelvis',
}

export interface Patient {
  patientId: string
  name: string
  /** YYYY-MM-DD, or '' when the source does not say. */
  birthDate: string
  sex: 'M' | 'F' | 'O' | ''
  studyUids: string[]
}

export interface Study {
  studyInstanceUid: string
  patientId: string
  /** YYYY-MM-DD, or '' when unknown (DeepLesion has no dates: order by studyIndex instead). */
  studyDate: string
  /** 1-based order of the study within its patient, by date then by source index. */
  studyIndex: number
  description: string
  accessionNumber: string
  seriesUids: string[]
}

/** One image series assembled into a volume. */
export interface Series {
  seriesInstanceUid: string
  studyInstanceUid: string
  modality: string
  description: string
  seriesNumber: number
  geometry: VolumeGeometry
  /** SOP Instance UID of each slice, indexed by k (empty strings where the source has none). */
  sopInstanceUids: string[]
  /**
   * SOP Class UID of the image holding each slice, indexed by k, so that a reference to the slice
   * names the class of the image (CT, Enhanced CT or Legacy Converted). Absent without DICOM input,
   * and in records of versions that did not keep it.
   */
  sopClassUids?: string[]
  /** Where each slice came from (file path), indexed by k. */
  sourceFiles: string[]
  /**
   * FrameOfReferenceUID of the series: the patient coordinate system of its positions, which 3D
   * coordinates in a report (SCOORD3D) name. Absent without DICOM input.
   */
  frameOfReferenceUid?: string
  /**
   * For a series read from multi-frame files (Enhanced CT): the 1-based frame number of slice k
   * within its SOP instance, indexed by k (0 for a single-frame slice). Absent otherwise.
   */
  frameNumbers?: number[]
}

/** A series with its voxels: Hounsfield units, i fastest, then j, then k. */
export interface Volume {
  series: Series
  hu: Int16Array
}

/** A 2D point on a slice, in pixel coordinates (x = column i, y = row j), 0-based voxel centres. */
export type PixelXY = [number, number]

/**
 * A radiologist's RECIST bookmark: long and short axis drawn on one key slice — or the long axis
 * alone, as RECIST 1.1 measures a lesion that is not a lymph node (and as reports of a single
 * length state it): the short axis is then null, not measured.
 */
export interface Bookmark {
  /** Stable id: `${seriesInstanceUid}:${sliceIndex}:${n}` or the SR tracking UID when present. */
  bookmarkId: string
  patientId: string
  studyInstanceUid: string
  seriesInstanceUid: string
  /** Key slice index k in the series volume. */
  sliceIndex: number
  /** Referenced SOP Instance UID of the key slice ('' for DeepLesion PNG input). */
  sopInstanceUid: string
  longAxisPx: [PixelXY, PixelXY]
  shortAxisPx: [PixelXY, PixelXY] | null
  longAxisMm: number
  shortAxisMm: number | null
  /** Midpoint of the long axis in patient LPS (mm). */
  centerLps: Vec3
  lesionType: LesionType
  /** Reader's label or tracking identifier, e.g. 'Lesion 3'. */
  label: string
  /** Where the bookmark was read from; 'reader' when it was measured in LesionTrack itself. */
  source: 'dicom-sr' | 'dicom-gsps' | 'deeplesion' | 'reader'
  /** File the bookmark was read from ('' for a measurement made in LesionTrack). */
  sourceFile: string
}

/**
 * One problem with one input file, phrased so a user can act on it — or a note on something left
 * out as expected (scouts, dose reports, second copies), which needs nothing from anyone.
 */
export interface ImportIssue {
  /** Path of the file or folder concerned. */
  file: string
  /** Machine-readable reason, e.g. 'truncated', 'not-dicom', 'unsupported-transfer-syntax'. */
  code: string
  /** What is wrong, in words. */
  message: string
  /** What to do about it. */
  hint: string
  severity: 'error' | 'warning' | 'note'
}
