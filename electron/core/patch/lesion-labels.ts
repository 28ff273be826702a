/**
 * The labels that travel with a bookmark's patch: its study order and, where the folder says so,
 * the true identity of the physical lesion (synthetic truth.json) and its normalized body position
 * (DL_info.csv's Normalized_lesion_location).
 */
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { readDlInfo, type DlInfoRow } from '../deeplesion/dl-info'
import { DL_INFO_FILE } from '../deeplesion/layout-series'
import type { Vec3 } from '../geometry/frames'
import type { ImportResult } from '../import/result'
import type { Bookmark, PixelXY } from '../model/types'
import { TRUTH_FILE, type Truth, type TruthBookmark } from '../synth/truth'
import { groupBy } from '../model/group-by'

export interface LabelledBookmark {
  bookmark: Bookmark
  /** 1-based order of the bookmark's study within its patient. */
  studyIndex: number
  /** The physical lesion, the same in every study (only known for synthetic data). */
  lesionId?: string
  /**
   * Body position normalized per axis as DeepLesion's Normalized_lesion_location: x and y across
   * the body outline at the lesion's level, z along the body (0 at the neck).
   */
  normalizedLocation?: Vec3
}

/** Two RECIST long axes are the same drawing when both end points agree to this (pixels). */
const SAME_POINT_PX = 0.6

function sameAxis(a: [PixelXY, PixelXY], b: [PixelXY, PixelXY]): boolean {
  return a.every(
    (point, n) =>
      Math.abs(point[0] - b[n][0]) <= SAME_POINT_PX &&
      Math.abs(point[1] - b[n][1]) <= SAME_POINT_PX,
  )
}

/** DL_info long axis as 0-based pixel centres (the file is 1-based). */
function dlLongAxis(row: DlInfoRow): [PixelXY, PixelXY] {
  const c = row.measurementCoordinates
  return [
    [c[0] - 1, c[1] - 1],
    [c[2] - 1, c[3] - 1],
  ]
}

/** Finds the truth or DL_info entry drawn on key-slice file `fileName` with this long axis. */
function byDrawing<T>(
  index: Map<string, T[]>,
  fileName: string,
  longAxisPx: [PixelXY, PixelXY],
  axisOf: (entry: T) => [PixelXY, PixelXY],
): T | undefined {
  return index.get(fileName)?.find((entry) => sameAxis(axisOf(entry), longAxisPx))
}

/** Labels of an import, plus how many bookmarks a truth file did not account for. */
export interface LabelledImport {
  lesions: LabelledBookmark[]
  /** Bookmarks without a truth entry, when the folder has a truth file (0 otherwise). */
  unmatched: number
  hasTruth: boolean
}

/**
 * Labels every bookmark of `result`, imported from `dir`. Truth entries are found by tracking UID
 * (DICOM SR), by key-slice image and long axis (presentation state), or by key-slice file and long
 * axis (DeepLesion layout); body positions by key-slice
 * file and long axis in DL_info.csv, when the folder has one.
 */
export function labelBookmarks(
  result: Pick<ImportResult, 'studies' | 'bookmarks'>,
  dir: string,
): LabelledImport {
  const truthPath = join(dir, TRUTH_FILE)
  const dlInfoPath = join(dir, DL_INFO_FILE)
  const truth = existsSync(truthPath)
    ? (JSON.parse(readFileSync(truthPath, 'utf8')) as Truth)
    : undefined
  const truthBookmarks = truth?.patients.flatMap((p) => p.bookmarks) ?? []
  const truthByUid = new Map(truthBookmarks.map((b) => [b.trackingUid, b]))
  const truthByFile = groupBy(truthBookmarks, (b) => b.deepLesion.fileName)
  const dlRows = existsSync(dlInfoPath) ? readDlInfo(dlInfoPath).rows : []
  const dlByFile = groupBy(dlRows, (row) => row.fileName)
  const studyIndex = new Map(result.studies.map((s) => [s.studyInstanceUid, s.studyIndex]))

  // A presentation state has no tracking UIDs: its lines are found by image and long axis.
  const truthByImage = groupBy(truthBookmarks, (b) => b.sopInstanceUid)
  const truthOf = (bookmark: Bookmark): TruthBookmark | undefined => {
    if (bookmark.source === 'deeplesion')
      return byDrawing(truthByFile, bookmark.label, bookmark.longAxisPx, (b) => b.longAxisPx)
    if (bookmark.source === 'dicom-gsps')
      return byDrawing(
        truthByImage,
        bookmark.sopInstanceUid,
        bookmark.longAxisPx,
        (b) => b.longAxisPx,
      )
    return truthByUid.get(bookmark.bookmarkId)
  }
  let unmatched = 0
  const lesions = result.bookmarks.map((bookmark): LabelledBookmark => {
    const truthEntry = truthOf(bookmark)
    if (truth && !truthEntry) unmatched++
    // A DICOM bookmark finds its DL_info row through the truth file's DeepLesion file name.
    const fileName =
      bookmark.source === 'deeplesion' ? bookmark.label : truthEntry?.deepLesion.fileName
    const dlRow =
      fileName === undefined
        ? undefined
        : byDrawing(dlByFile, fileName, truthEntry?.longAxisPx ?? bookmark.longAxisPx, dlLongAxis)
    return {
      bookmark,
      studyIndex: studyIndex.get(bookmark.studyInstanceUid) ?? 0,
      ...(truthEntry && { lesionId: truthEntry.lesionId }),
      ...(dlRow && { normalizedLocation: dlRow.normalizedLocation }),
    }
  })
  return { lesions, unmatched, hasTruth: truth !== undefined }
}
