/**
 * Imports the DeepLesion layout (DL_info.csv + Images_png/<patient>_<study>_<series>/<slice>.png)
 * into the same patients, studies, series, volumes and bookmarks as a DICOM import.
 */
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { pixelToLps, type VolumeGeometry } from '../geometry/frames'
import type { ImportResult } from '../import/result'
import type { Bookmark, ImportIssue, Patient, PixelXY, Series, Study } from '../model/types'
import { readDlInfo, seriesFolderName, sliceFileName, type DlInfoRow } from './dl-info'
import { readPngSliceInto, SliceReadError } from './png-slice'

export const DL_INFO_FILE = 'DL_info.csv'
export const IMAGES_FOLDER = 'Images_png'

/** True when `dir` looks like a DeepLesion layout. */
export function isDeepLesionFolder(dir: string): boolean {
  return existsSync(join(dir, DL_INFO_FILE)) && existsSync(join(dir, IMAGES_FOLDER))
}

/**
 * DeepLesion has no ImagePositionPatient, so a series gets an axis-aligned frame in mm: x along
 * columns, y along rows (LPS for a standard axial slice) and slices running towards the feet
 * (DeepLesion's slice index grows with its normalized z, which body-part regression makes grow
 * caudally). In-plane the origin is the image centre — CT reconstructs around the scanner's
 * axis, so studies of different fields of view stay comparable (from the image corner, 0.59 and
 * 0.70 mm pixels would put the same point 28 mm apart); along the body it is arbitrary per
 * series: positions there are comparable only after alignment.
 */
export function deepLesionGeometry(
  row: DlInfoRow,
  firstSlice: number,
  sliceCount: number,
): VolumeGeometry {
  const [columnSpacing, rowSpacing, sliceSpacing] = row.spacingMm
  return {
    dims: [row.imageSize[0], row.imageSize[1], sliceCount],
    spacingMm: [columnSpacing, rowSpacing, sliceSpacing],
    originLps: [
      (-(row.imageSize[0] - 1) / 2) * columnSpacing,
      (-(row.imageSize[1] - 1) / 2) * rowSpacing,
      -(firstSlice - 1) * sliceSpacing,
    ],
    rowDirection: [1, 0, 0],
    columnDirection: [0, 1, 0],
    sliceNormal: [0, 0, -1],
  }
}

/** DL_info points are 1-based pixel centres (MATLAB convention); bookmarks use 0-based centres. */
function toPixel(coords: number[], first: number): PixelXY {
  return [coords[first] - 1, coords[first + 1] - 1]
}

const distance = (a: PixelXY, b: PixelXY) => Math.hypot(a[0] - b[0], a[1] - b[1])

interface SeriesRows {
  folder: string
  rows: DlInfoRow[]
}

function groupBySeries(rows: DlInfoRow[]): SeriesRows[] {
  const groups = new Map<string, DlInfoRow[]>()
  for (const row of rows) {
    const folder = seriesFolderName(row)
    groups.set(folder, [...(groups.get(folder) ?? []), row])
  }
  return [...groups].map(([folder, group]) => ({ folder, rows: group }))
}

/** Slice indices the series' rows need: the union of their Slice_range, as DeepLesion ships them. */
function neededSlices(rows: DlInfoRow[]): Set<number> {
  const slices = new Set<number>()
  for (const row of rows) {
    for (let s = row.sliceRange[0]; s <= row.sliceRange[1]; s++) slices.add(s)
  }
  return slices
}

interface LoadedSeries {
  series: Series
  hu: Int16Array
  bookmarks: Bookmark[]
}

function loadSeries(dir: string, group: SeriesRows): LoadedSeries {
  const first = group.rows[0]
  const slices = neededSlices(group.rows)
  const firstSlice = Math.min(...slices)
  const lastSlice = Math.max(...slices)
  const geometry = deepLesionGeometry(first, firstSlice, lastSlice - firstSlice + 1)
  const [width, height, depth] = geometry.dims
  const hu = new Int16Array(width * height * depth).fill(-1024)
  const sourceFiles: string[] = new Array(depth).fill('')
  for (const slice of [...slices].sort((a, b) => a - b)) {
    const k = slice - firstSlice
    const path = join(dir, IMAGES_FOLDER, group.folder, sliceFileName(slice))
    try {
      readPngSliceInto(path, hu, k * width * height, width, height)
    } catch (error) {
      if (error instanceof SliceReadError) throw new SeriesError(path, error.message, group)
      throw error
    }
    sourceFiles[k] = path
  }
  const studyUid = `deeplesion:${group.folder.slice(0, 9)}`
  const seriesUid = `deeplesion:${group.folder}`
  const series: Series = {
    seriesInstanceUid: seriesUid,
    studyInstanceUid: studyUid,
    modality: 'CT',
    description: `DeepLesion ${group.folder}`,
    seriesNumber: first.seriesId,
    geometry,
    sopInstanceUids: new Array(depth).fill(''),
    sourceFiles,
  }
  const bookmarks = group.rows.map((row, n): Bookmark => {
    const c = row.measurementCoordinates
    const longAxisPx: [PixelXY, PixelXY] = [toPixel(c, 0), toPixel(c, 2)]
    const shortAxisPx: [PixelXY, PixelXY] = [toPixel(c, 4), toPixel(c, 6)]
    const k = row.keySliceIndex - firstSlice
    const mid: [number, number, number] = [
      (longAxisPx[0][0] + longAxisPx[1][0]) / 2,
      (longAxisPx[0][1] + longAxisPx[1][1]) / 2,
      k,
    ]
    return {
      bookmarkId: `${seriesUid}:${k}:${n}`,
      patientId: group.folder.slice(0, 6),
      studyInstanceUid: studyUid,
      seriesInstanceUid: seriesUid,
      sliceIndex: k,
      sopInstanceUid: '',
      longAxisPx,
      shortAxisPx,
      longAxisMm: distance(...longAxisPx) * row.spacingMm[0],
      shortAxisMm: distance(...shortAxisPx) * row.spacingMm[0],
      centerLps: pixelToLps(geometry, mid),
      lesionType: row.lesionType,
      label: row.fileName,
      source: 'deeplesion',
      sourceFile: `${join(dir, DL_INFO_FILE)}:${row.line}`,
    }
  })
  return { series, hu, bookmarks }
}

class SeriesError extends Error {
  constructor(
    readonly file: string,
    readonly problem: string,
    readonly group: SeriesRows,
  ) {
    super(problem)
  }
}

function seriesIssue(error: SeriesError): ImportIssue {
  const count = error.group.rows.length
  return {
    file: error.file,
    code: 'deeplesion-bad-slice',
    message: `${error.problem}; series ${error.group.folder} and its ${count} bookmark(s) were not imported`,
    hint: `Restore ${IMAGES_FOLDER}/${error.group.folder} from the DeepLesion archive and import again.`,
    severity: 'error',
  }
}

/**
 * Reads a DeepLesion layout. A series with a missing or corrupt slice is left out whole (one issue
 * names the file), so no bookmark ever points at an image that is not there.
 */
export function readDeepLesionFolder(dir: string): ImportResult {
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
  for (const group of groupBySeries(table.rows)) {
    let loaded: LoadedSeries
    try {
      loaded = loadSeries(dir, group)
    } catch (error) {
      if (!(error instanceof SeriesError)) throw error
      result.issues.push(seriesIssue(error))
      continue
    }
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
    const studyUid = loaded.series.studyInstanceUid
    let study = studies.get(studyUid)
    if (!study) {
      study = {
        studyInstanceUid: studyUid,
        patientId,
        studyDate: '',
        studyIndex: first.studyIndex,
        description: `DeepLesion study ${first.studyIndex}`,
        accessionNumber: '',
        seriesUids: [],
      }
      studies.set(studyUid, study)
      patient.studyUids.push(studyUid)
    }
    study.seriesUids.push(loaded.series.seriesInstanceUid)
    result.series.push(loaded.series)
    result.volumes.set(loaded.series.seriesInstanceUid, loaded.hu)
    result.bookmarks.push(...loaded.bookmarks)
  }
  result.patients = [...patients.values()]
  result.studies = [...studies.values()].sort(
    (a, b) => a.patientId.localeCompare(b.patientId) || a.studyIndex - b.studyIndex,
  )
  return result
}
