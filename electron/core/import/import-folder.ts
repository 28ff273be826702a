/**
 * The one entry point for importing a folder: a DICOM export (CT series + SR measurement reports)
 * or the DeepLesion layout, returned as complete records plus one issue per unusable file.
 */
import { readdirSync, statSync } from 'node:fs'
import { join, sep } from 'node:path'
import {
  DL_INFO_FILE,
  IMAGES_FOLDER,
  isDeepLesionFolder,
  readDeepLesionFolder,
} from '../deeplesion/read-layout'
import type { ImportIssue } from '../model/types'
import { readMeasurementReport } from '../sr/read-measurement-report'
import { TRUTH_FILE } from '../synth/truth'
import { attachBookmarks } from './attach-bookmarks'
import { readDicomFolder, type DicomFolderOptions } from './dicom-folder'
import type { ImportResult } from './result'

export type ImportOptions = Omit<DicomFolderOptions, 'skipFile'>

function emptyResult(issues: ImportIssue[]): ImportResult {
  return { patients: [], studies: [], series: [], bookmarks: [], volumes: new Map(), issues }
}

function folderProblem(dir: string): ImportIssue | undefined {
  try {
    if (statSync(dir).isDirectory()) return undefined
    return {
      file: dir,
      code: 'not-a-folder',
      message: 'this is a file, not a folder',
      hint: 'Choose the folder that holds the exported studies.',
      severity: 'error',
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    return {
      file: dir,
      code: code === 'ENOENT' ? 'folder-missing' : 'folder-unreadable',
      message:
        code === 'ENOENT' ? 'the folder does not exist' : `the folder cannot be read (${code})`,
      hint:
        code === 'ENOENT'
          ? 'Check the path.'
          : 'Check that your user may read this folder, or copy it somewhere readable.',
      severity: 'error',
    }
  }
}

/**
 * Whether `dir` holds the DeepLesion layout, and whether anything else (a DICOM export of the same
 * studies, as `lesiontrack synth --format both` writes) sits beside it; DICOM is then preferred
 * because it carries real positions, dates and UIDs.
 */
function deepLesionLayout(dir: string): 'none' | 'only' | 'beside-dicom' {
  if (!isDeepLesionFolder(dir)) return 'none'
  const layoutEntries = new Set([DL_INFO_FILE, IMAGES_FOLDER, TRUTH_FILE])
  const others = readdirSync(dir).filter((name) => !layoutEntries.has(name))
  return others.length > 0 ? 'beside-dicom' : 'only'
}

/**
 * Imports everything usable under `dir`. Bookmarks are kept only when the slice they were drawn on
 * was imported, so every returned bookmark can be shown on its image.
 */
export async function importFolder(
  dir: string,
  options: ImportOptions = {},
): Promise<ImportResult> {
  const problem = folderProblem(dir)
  if (problem) return emptyResult([problem])
  const layout = deepLesionLayout(dir)
  if (layout === 'only') return readDeepLesionFolder(dir)

  // The generator's ground truth (and, beside DICOM, the same images in the DeepLesion layout)
  // are not part of a PACS export: leave them out rather than report them as non-DICOM files.
  const skipped = [join(dir, TRUTH_FILE), join(dir, DL_INFO_FILE)]
  const imagesFolder = join(dir, IMAGES_FOLDER) + sep
  const dicom = await readDicomFolder(dir, {
    ...options,
    skipFile: (file) =>
      skipped.includes(file) || (layout === 'beside-dicom' && file.startsWith(imagesFolder)),
  })
  const reports = dicom.srFiles.map(readMeasurementReport)
  const attached = attachBookmarks(reports, dicom.series, dicom.studies)
  const studyIndex = new Map(dicom.studies.map((s) => [s.studyInstanceUid, s.studyIndex]))
  // Reader order within a study: 'Lesion 2' before 'Lesion 10'.
  const bookmarks = attached.bookmarks.sort(
    (a, b) =>
      a.patientId.localeCompare(b.patientId) ||
      (studyIndex.get(a.studyInstanceUid) ?? 0) - (studyIndex.get(b.studyInstanceUid) ?? 0) ||
      a.label.localeCompare(b.label, 'en', { numeric: true }) ||
      a.bookmarkId.localeCompare(b.bookmarkId),
  )
  return {
    patients: dicom.patients,
    studies: dicom.studies,
    series: dicom.series,
    bookmarks,
    volumes: dicom.volumes,
    issues: [...dicom.issues, ...reports.flatMap((r) => r.issues), ...attached.issues],
    ...(dicom.readVolume && { readVolume: dicom.readVolume }),
  }
}
