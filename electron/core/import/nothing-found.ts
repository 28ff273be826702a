/**
 * Why a folder gave nothing, where no other issue says so: an empty folder, or half of the
 * DeepLesion layout (DL_info.csv without its Images_png folder, or the other way round) — so that
 * opening it names the folder and what to put there instead of importing nothing silently.
 */
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { DL_INFO_FILE, IMAGES_FOLDER } from '../deeplesion/layout-series'
import { importIssue } from '../model/import-issue'
import type { ImportIssue } from '../model/types'

/** The issue of a folder holding one part of the DeepLesion layout without the other, if so. */
export function incompleteDeepLesion(dir: string): ImportIssue | undefined {
  const table = existsSync(join(dir, DL_INFO_FILE))
  const images = existsSync(join(dir, IMAGES_FOLDER))
  if (table === images) return undefined
  return table
    ? importIssue(
        dir,
        'deeplesion-incomplete',
        `this folder holds ${DL_INFO_FILE} but no ${IMAGES_FOLDER} folder beside it, so no DeepLesion slice can be shown or measured`,
        `Put DeepLesion's key-slice PNGs beside ${DL_INFO_FILE} as DeepLesion ships them (${IMAGES_FOLDER}/000001_01_01/103.png), then open the folder again.`,
      )
    : importIssue(
        dir,
        'deeplesion-incomplete',
        `this folder holds an ${IMAGES_FOLDER} folder but no ${DL_INFO_FILE} beside it, so the DeepLesion slices have no spacing and no bookmarks`,
        `Put DeepLesion's ${DL_INFO_FILE} (or the rows of your lesions, with its 18 columns) beside ${IMAGES_FOLDER}, then open the folder again.`,
      )
}

/** The issue of a folder in which nothing at all was found to read or to report. */
export function noDicomFound(dir: string): ImportIssue {
  return importIssue(
    dir,
    'no-dicom',
    'no DICOM file was found in this folder or in any folder below it',
    'Check the path: choose the folder the PACS export or CD was copied to (its DICOM files may have any names).',
  )
}
