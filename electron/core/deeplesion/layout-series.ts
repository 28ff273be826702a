/**
 * One series of the DeepLesion layout (a folder of Images_png with its DL_info rows): its frame,
 * its records and bookmarks, and its PNG slices read — or only checked, for imports that read the
 * pixels when a series is shown.
 */
import { join } from 'node:path'
import { pixelToLps, type VolumeGeometry } from '../geometry/frames'
import { groupBy } from '../model/group-by'
import type { Bookmark, ImportIssue, PixelXY, Series } from '../model/types'
import { seriesFolderName, sliceFileName, type DlInfoRow } from './dl-info'
import { checkPngSliceHeader, readPngSliceInto, SliceReadError } from './png-slice'

export const DL_INFO_FILE = 'DL_info.csv'
export const IMAGES_FOLDER = 'Images_png'

/**
 * DeepLesion has no ImagePositionPatient, so a series gets an axis-aligned frame in mm: x along
 * columns, y along rows (LPS for a standard axial slice) and slices running towards the feet
 * (DeepLesion's slice index grows with its normalized z, which body-part regression makes grow
 * caudally). In-plane the origin is the image centre — CT reconstructs around the scanner's
 * axis, so studies of different fields of view stay comparable (from the image corner, 0.59 and
 * 0.70 mm pixels would put the same point 28 mm apart); along the body it is arbitrary per
 * series: positions there are comparable only after alignment.
 */
function deepLesionGeometry(
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

/** The DL_info rows of one series folder of Images_png. */
export interface SeriesRows {
  folder: string
  rows: DlInfoRow[]
}

/** DL_info rows grouped by their series folder, in order of first appearance. */
export function groupBySeries(rows: DlInfoRow[]): SeriesRows[] {
  return [...groupBy(rows, seriesFolderName)].map(([folder, group]) => ({ folder, rows: group }))
}

/** Slice indices the series' rows need: the union of their Slice_range, as DeepLesion ships them. */
function neededSlices(rows: DlInfoRow[]): Set<number> {
  const slices = new Set<number>()
  for (const row of rows) {
    for (let s = row.sliceRange[0]; s <= row.sliceRange[1]; s++) slices.add(s)
  }
  return slices
}

/**
 * A series of the layout before its pixels are read: its records, and the PNG of each slice k
 * ('' where the rows' slice ranges leave a gap).
 */
export interface LayoutSeries {
  group: SeriesRows
  series: Series
  bookmarks: Bookmark[]
  slicePaths: string[]
}

/** The records of one series folder from its DL_info rows (no file is read). */
export function describeSeries(dir: string, group: SeriesRows): LayoutSeries {
  const first = group.rows[0]
  const slices = neededSlices(group.rows)
  const firstSlice = Math.min(...slices)
  const lastSlice = Math.max(...slices)
  const geometry = deepLesionGeometry(first, firstSlice, lastSlice - firstSlice + 1)
  const depth = geometry.dims[2]
  const slicePaths: string[] = new Array(depth).fill('')
  for (const slice of slices) {
    slicePaths[slice - firstSlice] = join(dir, IMAGES_FOLDER, group.folder, sliceFileName(slice))
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
    sourceFiles: [...slicePaths],
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
  return { group, series, bookmarks, slicePaths }
}

/** Runs `step` on every slice file of the series, turning a slice's problem into a SeriesError. */
function eachSlice(described: LayoutSeries, step: (path: string, k: number) => void): void {
  described.slicePaths.forEach((path, k) => {
    if (!path) return
    try {
      step(path, k)
    } catch (error) {
      if (error instanceof SliceReadError)
        throw new SeriesError(path, error.message, described.group)
      throw error
    }
  })
}

/** The series' HU (air where no slice was shipped); throws a SeriesError naming a bad slice. */
export function readSeriesPixels(described: LayoutSeries): Int16Array {
  const [width, height, depth] = described.series.geometry.dims
  const hu = new Int16Array(width * height * depth).fill(-1024)
  eachSlice(described, (path, k) => readPngSliceInto(path, hu, k * width * height, width, height))
  return hu
}

/**
 * Checks that every slice file is there and says it is a 16-bit greyscale PNG of the series' size
 * (its header only), for imports that read the pixels later; throws a SeriesError like
 * readSeriesPixels.
 */
export function checkSeriesFiles(described: LayoutSeries): void {
  const [width, height] = described.series.geometry.dims
  eachSlice(described, (path) => checkPngSliceHeader(path, width, height))
}

/** A slice that leaves its whole series out: the file, what is wrong, and the series. */
export class SeriesError extends Error {
  constructor(
    readonly file: string,
    readonly problem: string,
    readonly group: SeriesRows,
  ) {
    super(problem)
  }
}

/** The issue of a series left out for one bad slice. */
export function seriesIssue(error: SeriesError): ImportIssue {
  const count = error.group.rows.length
  return {
    file: error.file,
    code: 'deeplesion-bad-slice',
    message: `${error.problem}; series ${error.group.folder} and its ${count} bookmark(s) were not imported`,
    hint: `Restore ${IMAGES_FOLDER}/${error.group.folder} from the DeepLesion archive and import again.`,
    severity: 'error',
  }
}
