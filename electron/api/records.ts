/**
 * The records the API hands to the renderer: the domain types of the core, trimmed of what only
 * the main process needs (source file paths), plus the summaries the renderer lists.
 */
import type { VolumeGeometry } from '../core/geometry/frames'
import type { Bookmark, ImportIssue, Patient, Series, Study } from '../core/model/types'

export type { Bookmark, ImportIssue, Patient, Study } from '../core/model/types'
export type { VolumeGeometry } from '../core/geometry/frames'

/**
 * A series as the renderer (and the export) sees it: geometry, labels and what a reference to a
 * slice names besides its instance (SOP class, frame number); no file paths.
 */
export type SeriesRecord = Omit<Series, 'sourceFiles' | 'sopInstanceUids'> & {
  /**
   * Slice indices k with no image in the source (slices missing from a DICOM export, or not in a
   * DeepLesion folder): their voxels are empty. Absent in records stored by older versions.
   */
  missingSlices?: number[]
}

/** Where the data on screen came from. */
export type SessionSource =
  | { kind: 'none' }
  | { kind: 'demo'; folder: string }
  /** Folders of this computer read as one export, in the order they were opened and added. */
  | { kind: 'folders'; folders: string[] }

export interface RecordCounts {
  patients: number
  studies: number
  series: number
  bookmarks: number
}

/** The outcome of opening the demo or a folder: what is now loaded and what went wrong per file. */
export interface LoadReport {
  /** The session after the load; unchanged when the load yielded no usable patient. */
  source: SessionSource
  patients: Patient[]
  /** Counts of what this load read (not of the whole session). */
  counts: RecordCounts
  /** One entry per file that could not be used, in the order the import met them. */
  issues: ImportIssue[]
  /** False when nothing usable was found, so the previous session stayed on screen. */
  replacedSession: boolean
  /** After addFolder: what the added folder brought beyond the session before it. */
  added?: RecordCounts
}

/** Everything the renderer needs to show one patient, voxels excepted. */
export interface PatientRecords {
  patient: Patient
  studies: Study[]
  series: SeriesRecord[]
  bookmarks: Bookmark[]
}

/** The voxels of one series: Hounsfield units, i fastest, then j, then k. */
export interface VolumeVoxels {
  seriesInstanceUid: string
  geometry: VolumeGeometry
  hu: Int16Array
}

/**
 * Trims a core series to the record the renderer receives. Everything but what SeriesRecord omits
 * is kept, so a field added to Series reaches the renderer and the export without a change here.
 */
export function toSeriesRecord({
  sourceFiles,
  sopInstanceUids: _sopInstanceUids,
  ...record
}: Series): SeriesRecord {
  const missingSlices = sourceFiles.flatMap((file, k) => (file === '' ? [k] : []))
  return { ...record, missingSlices }
}
