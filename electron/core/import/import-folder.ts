/**
 * The one entry point for importing a folder: a DICOM export (CT series + SR measurement reports)
 * or the DeepLesion layout, returned as complete records plus one issue per unusable file.
 */
import { readdirSync, statSync } from 'node:fs'
import { basename, dirname, join, resolve } from 'node:path'
import { DL_INFO_FILE, IMAGES_FOLDER } from '../deeplesion/layout-series'
import { isDeepLesionFolder, readDeepLesionFolder } from '../deeplesion/read-layout'
import type { ImportIssue } from '../model/types'
import { readPresentationState } from '../gsps/read-presentation-state'
import { readMeasurementReport } from '../sr/read-measurement-report'
import { type MeasurementReport } from '../sr/measurement-report'
import { TRUTH_FILE } from '../synth/truth'
import { importIssue } from '../model/import-issue'
import { attachBookmarks } from './attach-bookmarks'
import { liesWithin } from './folder-paths'
import { HINTS } from './dicom-issues'
import { readDicomFolder, type DicomFolderOptions } from './dicom-folder'
import { mixedFramesOfReference } from './frames-of-reference'
import { incompleteDeepLesion, noDicomFound } from './nothing-found'
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
 * The folder a path names: itself, or for a DICOMDIR file — what a CD export's index is called,
 * and what a file picker offers inside such a folder — the folder it indexes.
 */
function folderOf(path: string): string {
  const absolute = resolve(path)
  if (basename(absolute).toUpperCase() !== 'DICOMDIR') return absolute
  try {
    return statSync(absolute).isFile() ? dirname(absolute) : absolute
  } catch {
    return absolute
  }
}

/** The folders to read, absolute, each once: a folder inside another is read with it. */
function outermostFolders(dirs: readonly string[]): string[] {
  const absolute = [...new Set(dirs.map(folderOf))]
  return absolute.filter(
    (dir) => !absolute.some((other) => other !== dir && liesWithin(dir, other)),
  )
}

function deepLesionNotCombined(dir: string): ImportIssue {
  return {
    file: dir,
    code: 'deeplesion-not-combined',
    message:
      'this is a DeepLesion folder (Images_png and DL_info.csv); it is read on its own, not together with other folders',
    hint: 'Open this folder by itself with Open folder.',
    severity: 'error',
  }
}

/**
 * Reports that are copies of one already read (the same report exported in two folders) are
 * left out with a warning, so that their bookmarks are not imported twice.
 */
function withoutReportCopies(reports: MeasurementReport[]): {
  unique: MeasurementReport[]
  copies: ImportIssue[]
} {
  const firstFile = new Map<string, string>()
  const unique: MeasurementReport[] = []
  const copies: ImportIssue[] = []
  for (const report of reports) {
    const first = report.sopInstanceUid ? firstFile.get(report.sopInstanceUid) : undefined
    if (first === undefined) {
      if (report.sopInstanceUid) firstFile.set(report.sopInstanceUid, report.file)
      unique.push(report)
      continue
    }
    copies.push(
      importIssue(
        report.file,
        'duplicate-file',
        `This file is a second copy of ${report.kind === 'gsps' ? 'presentation state' : 'measurement report'} ${report.sopInstanceUid} (also in ${first}); the copy was ignored.`,
        HINTS.nothing,
        'note',
      ),
    )
  }
  return { unique, copies }
}

/**
 * Imports everything usable under `dir`. Bookmarks are kept only when the slice they were drawn on
 * was imported, so every returned bookmark can be shown on its image.
 */
export function importFolder(dir: string, options: ImportOptions = {}): Promise<ImportResult> {
  return importFolders([dir], options)
}

/**
 * Imports several folders as one export, so that a follow-up study exported from PACS on its own
 * joins its patient's earlier studies (and a report in one folder finds its images in another).
 * All or nothing: a missing folder, or a DeepLesion folder among others, imports none of them.
 */
export async function importFolders(
  dirs: readonly string[],
  options: ImportOptions = {},
): Promise<ImportResult> {
  const roots = outermostFolders(dirs)
  const problems = roots.map(folderProblem).filter((problem) => problem !== undefined)
  if (problems.length > 0) return emptyResult(problems)
  const layouts = roots.map(deepLesionLayout)
  if (roots.length === 1 && layouts[0] === 'only') return readDeepLesionFolder(roots[0], options)
  const alone = roots.filter((_, k) => layouts[k] === 'only').map(deepLesionNotCombined)
  if (alone.length > 0) return emptyResult(alone)

  // The generator's ground truth (and, beside DICOM, the same images in the DeepLesion layout)
  // are not part of a PACS export: leave them out rather than report them as non-DICOM files.
  const skipped = new Set(roots.flatMap((dir) => [join(dir, TRUTH_FILE), join(dir, DL_INFO_FILE)]))
  const imageFolders = roots
    .filter((_, k) => layouts[k] === 'beside-dicom')
    .map((dir) => join(dir, IMAGES_FOLDER))
  const dicom = await readDicomFolder(roots, {
    ...options,
    skipFile: (file) => skipped.has(file) || imageFolders.some((f) => liesWithin(file, f)),
  })
  const incomplete = roots.map(incompleteDeepLesion).filter((issue) => issue !== undefined)
  const silent =
    dicom.series.length === 0 &&
    dicom.srFiles.length === 0 &&
    dicom.presentationStateFiles.length === 0 &&
    dicom.issues.length === 0 &&
    incomplete.length === 0
  const reports = withoutReportCopies([
    ...dicom.srFiles.map(readMeasurementReport),
    ...dicom.presentationStateFiles.map(readPresentationState),
  ])
  const attached = attachBookmarks(reports.unique, dicom.series, dicom.studies, dicom.leftOutImages)
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
    issues: [
      ...incomplete,
      ...(silent ? roots.map(noDicomFound) : []),
      ...dicom.issues,
      ...reports.unique.flatMap((r) => r.issues),
      ...reports.copies,
      ...attached.issues,
      ...mixedFramesOfReference(dicom.studies, dicom.series, bookmarks),
    ],
    ...(dicom.readVolume && { readVolume: dicom.readVolume }),
  }
}
