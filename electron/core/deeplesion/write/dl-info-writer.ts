/**
 * Formats DL_info.csv rows exactly as the real file does: numbers as C's %g (six significant
 * digits), lists of numbers as one quoted field joined by ', ', coordinates as 1-based pixel
 * centers (DeepLesion's MATLAB convention, one more than LesionTrack's 0-based centers).
 */
import type { PixelXY } from '../../model/types'
import { DL_INFO_COLUMNS, seriesFolderName, sliceFileName } from '../dl-info'

/** What one DL_info row says about one bookmark; pixel points are 0-based pixel centers. */
export interface DlInfoRowInput {
  patientIndex: number
  studyIndex: number
  seriesId: number
  keySliceIndex: number
  longAxisPx: [PixelXY, PixelXY]
  shortAxisPx: [PixelXY, PixelXY]
  normalizedLocation: [number, number, number]
  lesionType: number
  sliceRange: [number, number]
  /** Column spacing, row spacing, slice spacing (mm). */
  spacingMm: [number, number, number]
  imageSize: [number, number]
  /** Lowest and highest HU of the display window. */
  window: [number, number]
  gender: string
  age: number
  split: 1 | 2 | 3
}

/** Pixels added around the RECIST end points to make DeepLesion's bounding box. */
const BOX_MARGIN_PX = 5

/** A number as printf('%g'): six significant digits, no trailing zeros. */
export function formatG(value: number): string {
  const text = String(Number(value.toPrecision(6)))
  return text === '-0' ? '0' : text
}

const list = (values: number[]) => `"${values.map(formatG).join(', ')}"`

/** DL_info's File_name of a key slice, e.g. 000089_01_01_037.png. */
export function dlInfoFileName(
  row: Pick<DlInfoRowInput, 'patientIndex' | 'studyIndex' | 'seriesId' | 'keySliceIndex'>,
): string {
  return `${seriesFolderName(row)}_${sliceFileName(row.keySliceIndex)}`
}

export const DL_INFO_HEADER = DL_INFO_COLUMNS.join(',')

/** One DL_info.csv line (without the line break). */
export function formatDlInfoRow(row: DlInfoRowInput): string {
  const points = [...row.longAxisPx, ...row.shortAxisPx].map(([x, y]): PixelXY => [x + 1, y + 1])
  const xs = points.map((p) => p[0])
  const ys = points.map((p) => p[1])
  const length = ([a, b]: [PixelXY, PixelXY]) => Math.hypot(b[0] - a[0], b[1] - a[1])
  return [
    dlInfoFileName(row),
    String(row.patientIndex),
    String(row.studyIndex),
    String(row.seriesId),
    String(row.keySliceIndex),
    list(points.flat()),
    list([
      Math.min(...xs) - BOX_MARGIN_PX,
      Math.min(...ys) - BOX_MARGIN_PX,
      Math.max(...xs) + BOX_MARGIN_PX,
      Math.max(...ys) + BOX_MARGIN_PX,
    ]),
    list([length(row.longAxisPx), length(row.shortAxisPx)]),
    list(row.normalizedLocation),
    String(row.lesionType),
    '0',
    list(row.sliceRange),
    list(row.spacingMm),
    list(row.imageSize),
    list(row.window),
    row.gender,
    String(row.age),
    String(row.split),
  ].join(',')
}
