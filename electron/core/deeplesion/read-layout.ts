/**
 * Imports the DeepLesion layout (DL_info.csv + Images_png/<patient>_<study>_<series>/<slice>.png)
 * into the same patients, studies, series, volumes and bookmarks as a DICOM import.
 */
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import type { DeferredVolume, DicomImportProgress } from '../import/dicom-folder'
import type { ImportResult } from '../import/result'
import { importIssue } from '../model/import-issue'
import type { ImportIssue, Patient, Study } from '../model/types'
import { readDlInfo } from './dl-info'
import {
  checkSeriesFiles,
  describeSeries,
  DL_INFO_FILE,
  groupBySeries,
  IMAGES_FOLDER,
  readSeriesPixels,
  SeriesError,
  seriesIssue,
  type LayoutSeries,
  type SeriesRows,
} from './layout-series'

export interface DeepLesionOptions {
  /**
   * Leave the pixels on disk (as ImportOptions.deferPixels): every slice file is checked by its
   * PNG header, and `readVolume` decodes a series when asked.
   */
  deferPixels?: boolean
  /**
   * Called as the series are checked (`headers`, with deferPixels) or decoded (`pixels`), counted
   * in slices: DeepLesion ships hundreds of thousands of them.
   */
  onProgress?: (progress: DicomImportProgress) => void
}

/** True when `dir` looks like a DeepLesion layout. */
export function isDeepLesionFolder(dir: string): boolean {
  return existsSync(join(dir, DL_INFO_FILE)) && existsSync(join(dir, IMAGES_FOLDER))
}

/** How many folder names an issue lists before it says "and N more". */
const NAMED_FOLDERS = 3

/**
 * DeepLesion ships its slices in 56 zip parts, and DL_info.csv lists every lesion of all of them:
 * series whose folder is absent are one issue, not one error each — an error only when no series
 * at all could be imported.
 */
function absentSeriesIssue(dir: string, absent: SeriesRows[], imported: number): ImportIssue {
  const bookmarks = absent.reduce((sum, group) => sum + group.rows.length, 0)
  const named = absent.slice(0, NAMED_FOLDERS).map((group) => group.folder)
  const more = absent.length > NAMED_FOLDERS ? ` and ${absent.length - NAMED_FOLDERS} more` : ''
  return importIssue(
    join(dir, IMAGES_FOLDER),
    'deeplesion-series-absent',
    `${absent.length} of the ${absent.length + imported} series in ${DL_INFO_FILE} (${bookmarks} bookmark(s)) have no folder in ${IMAGES_FOLDER} (${named.join(', ')}${more}); they were left out${imported > 0 ? ', the series present were imported' : ''}`,
    `DeepLesion ships its slices in zip parts (Images_png_01.zip …); unzip the parts holding these patients into ${IMAGES_FOLDER} to import them.`,
    imported > 0 ? 'warning' : 'error',
  )
}

/**
 * Reads a DeepLesion layout. A series with a missing or corrupt slice is left out whole (one issue
 * names the file), so no bookmark ever points at an image that is not there.
 */
export function readDeepLesionFolder(dir: string, options: DeepLesionOptions = {}): ImportResult {
  const table = readDlInfo(join(dir, DL_INFO_FILE))
  const result: ImportResult = {
    patients: [],
    studies: [],
    series: [],
    bookmarks: [],
    volumes: new Map(),
    issues: [...table.issues],
  }
  const studies = new Map<string, Study>()
  const patients = new Map<string, Patient>()
  const absent: SeriesRows[] = []
  const deferred = new Map<string, LayoutSeries>()
  const present: LayoutSeries[] = []
  for (const group of groupBySeries(table.rows)) {
    if (existsSync(join(dir, IMAGES_FOLDER, group.folder))) present.push(describeSeries(dir, group))
    else absent.push(group)
  }
  const phase = options.deferPixels ? 'headers' : 'pixels'
  const sliceCounts = present.map((s) => s.slicePaths.filter(Boolean).length)
  const total = sliceCounts.reduce((sum, count) => sum + count, 0)
  let done = 0
  for (const [n, described] of present.entries()) {
    options.onProgress?.({ phase, done, total })
    done += sliceCounts[n]
    const { series, group } = described
    try {
      if (options.deferPixels) checkSeriesFiles(described)
      else result.volumes.set(series.seriesInstanceUid, readSeriesPixels(described))
    } catch (error) {
      if (!(error instanceof SeriesError)) throw error
      result.issues.push(seriesIssue(error))
      continue
    }
    if (options.deferPixels) deferred.set(series.seriesInstanceUid, described)
    const first = group.rows[0]
    const patientId = group.folder.slice(0, 6)
    const patient = patients.get(patientId) ?? {
      patientId,
      name: '',
      birthDate: '',
      sex: first.gender === 'M' || first.gender === 'F' ? first.gender : '',
      studyUids: [],
    }
    patients.set(patientId, patient)
    let study = studies.get(series.studyInstanceUid)
    if (!study) {
      study = {
        studyInstanceUid: series.studyInstanceUid,
        patientId,
        studyDate: '',
        studyIndex: first.studyIndex,
        description: `DeepLesion study ${first.studyIndex}`,
        accessionNumber: '',
        seriesUids: [],
      }
      studies.set(series.studyInstanceUid, study)
      patient.studyUids.push(series.studyInstanceUid)
    }
    study.seriesUids.push(series.seriesInstanceUid)
    result.series.push(series)
    result.bookmarks.push(...described.bookmarks)
  }
  options.onProgress?.({ phase, done: total, total })
  if (absent.length > 0) result.issues.push(absentSeriesIssue(dir, absent, result.series.length))
  result.patients = [...patients.values()]
  result.studies = [...studies.values()].sort(
    (a, b) => a.patientId.localeCompare(b.patientId) || a.studyIndex - b.studyIndex,
  )
  if (options.deferPixels) {
    result.readVolume = async (seriesUid): Promise<DeferredVolume> => {
      const described = deferred.get(seriesUid)
      if (!described) throw new Error(`series ${seriesUid} is not part of this import`)
      try {
        return { ok: true, hu: readSeriesPixels(described) }
      } catch (error) {
        if (!(error instanceof SeriesError)) throw error
        return { ok: false, issue: seriesIssue(error) }
      }
    }
  }
  return result
}
