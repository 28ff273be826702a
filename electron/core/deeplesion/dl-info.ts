/**
 * Parser for DeepLesion's DL_info.csv: one row per bookmarked lesion, with RECIST end points,
 * spacing and slice range. Every malformed row becomes an issue naming its line; good rows survive.
 */
import { readFileSync } from 'node:fs'
import type { ImportIssue, LesionType } from '../model/types'
import { splitCsvLine } from './csv'

/** The 18 columns of the real DL_info.csv, in order. */
export const DL_INFO_COLUMNS = [
  'File_name',
  'Patient_index',
  'Study_index',
  'Series_ID',
  'Key_slice_index',
  'Measurement_coordinates',
  'Bounding_boxes',
  'Lesion_diameters_Pixel_',
  'Normalized_lesion_location',
  'Coarse_lesion_type',
  'Possibly_noisy',
  'Slice_range',
  'Spacing_mm_px_',
  'Image_size',
  'DICOM_windows',
  'Patient_gender',
  'Patient_age',
  'Train_Val_Test',
] as const

/** One DL_info row with its numbers parsed; pixel values are as written (1-based, see below). */
export interface DlInfoRow {
  /** 1-based line number in the CSV, for messages. */
  line: number
  fileName: string
  patientIndex: number
  studyIndex: number
  seriesId: number
  keySliceIndex: number
  /** x11,y11,x12,y12 (long axis) then x21,y21,x22,y22 (short axis), DeepLesion pixel convention. */
  measurementCoordinates: number[]
  boundingBox: number[]
  diametersPx: [number, number]
  normalizedLocation: [number, number, number]
  lesionType: LesionType
  possiblyNoisy: boolean
  sliceRange: [number, number]
  /** Column spacing, row spacing, slice spacing in mm. */
  spacingMm: [number, number, number]
  imageSize: [number, number]
  dicomWindow: [number, number]
  gender: string
  age: number
  split: number
}

export interface DlInfoTable {
  rows: DlInfoRow[]
  issues: ImportIssue[]
}

/** `000089_01_01` — the Images_png folder of a row's series. */
export function seriesFolderName(
  row: Pick<DlInfoRow, 'patientIndex' | 'studyIndex' | 'seriesId'>,
): string {
  const pad = (n: number, width: number) => String(n).padStart(width, '0')
  return `${pad(row.patientIndex, 6)}_${pad(row.studyIndex, 2)}_${pad(row.seriesId, 2)}`
}

/** `037.png` — the file of a slice within its series folder. */
export function sliceFileName(sliceIndex: number): string {
  return `${String(sliceIndex).padStart(3, '0')}.png`
}

const LIST_LENGTHS: Partial<Record<(typeof DL_INFO_COLUMNS)[number], number>> = {
  Measurement_coordinates: 8,
  Bounding_boxes: 4,
  Lesion_diameters_Pixel_: 2,
  Normalized_lesion_location: 3,
  Slice_range: 2,
  Spacing_mm_px_: 3,
  Image_size: 2,
  DICOM_windows: 2,
}

class RowError extends Error {}

function numberList(column: string, text: string, expected: number): number[] {
  const values = text.split(',').map((part) => Number(part.trim()))
  if (values.length !== expected || values.some((v) => !Number.isFinite(v))) {
    throw new RowError(`${column} should hold ${expected} numbers, got '${text}'`)
  }
  return values
}

function integer(column: string, text: string): number {
  const value = Number(text)
  if (text.trim() === '' || !Number.isInteger(value)) {
    throw new RowError(`${column} should be a whole number, got '${text}'`)
  }
  return value
}

function parseRow(fields: string[], line: number): DlInfoRow {
  const get = (column: (typeof DL_INFO_COLUMNS)[number]) => fields[DL_INFO_COLUMNS.indexOf(column)]
  const list = (column: keyof typeof LIST_LENGTHS) =>
    numberList(column, get(column), LIST_LENGTHS[column] as number)
  const lesionType = integer('Coarse_lesion_type', get('Coarse_lesion_type'))
  if (lesionType !== -1 && (lesionType < 1 || lesionType > 8)) {
    throw new RowError(`Coarse_lesion_type should be -1 or 1–8, got ${lesionType}`)
  }
  const row: DlInfoRow = {
    line,
    fileName: get('File_name'),
    patientIndex: integer('Patient_index', get('Patient_index')),
    studyIndex: integer('Study_index', get('Study_index')),
    seriesId: integer('Series_ID', get('Series_ID')),
    keySliceIndex: integer('Key_slice_index', get('Key_slice_index')),
    measurementCoordinates: list('Measurement_coordinates'),
    boundingBox: list('Bounding_boxes'),
    diametersPx: list('Lesion_diameters_Pixel_') as [number, number],
    normalizedLocation: list('Normalized_lesion_location') as [number, number, number],
    lesionType: lesionType as LesionType,
    possiblyNoisy: integer('Possibly_noisy', get('Possibly_noisy')) === 1,
    sliceRange: list('Slice_range') as [number, number],
    spacingMm: list('Spacing_mm_px_') as [number, number, number],
    imageSize: list('Image_size') as [number, number],
    dicomWindow: list('DICOM_windows') as [number, number],
    gender: get('Patient_gender'),
    age: Number(get('Patient_age')),
    split: integer('Train_Val_Test', get('Train_Val_Test')),
  }
  const expectedName = `${seriesFolderName(row)}_${sliceFileName(row.keySliceIndex)}`
  if (row.fileName !== expectedName) {
    throw new RowError(
      `File_name '${row.fileName}' disagrees with its indices (expected '${expectedName}')`,
    )
  }
  if (row.keySliceIndex < row.sliceRange[0] || row.keySliceIndex > row.sliceRange[1]) {
    throw new RowError(
      `Key_slice_index ${row.keySliceIndex} lies outside Slice_range ${row.sliceRange.join('–')}`,
    )
  }
  if (row.spacingMm.some((s) => s <= 0)) throw new RowError(`Spacing_mm_px_ must be positive`)
  return row
}

/** Parses DL_info.csv text; `file` names the source in issues. */
export function parseDlInfo(text: string, file: string): DlInfoTable {
  const lines = text.split(/\r?\n/)
  const header = splitCsvLine(lines[0] ?? '')
  const issues: ImportIssue[] = []
  const missing = DL_INFO_COLUMNS.filter((column, i) => header?.[i] !== column)
  if (!header || missing.length > 0) {
    issues.push({
      file,
      code: 'deeplesion-bad-header',
      message: `the header is not DeepLesion's: expected columns ${DL_INFO_COLUMNS.join(', ')}; first mismatch at '${missing[0]}'`,
      hint: 'Use the DL_info.csv distributed with DeepLesion (18 columns, in that order).',
      severity: 'error',
    })
    return { rows: [], issues }
  }
  const rows: DlInfoRow[] = []
  for (let i = 1; i < lines.length; i++) {
    if (lines[i].trim() === '') continue
    const fields = splitCsvLine(lines[i])
    try {
      if (!fields) throw new RowError('a quoted field is not closed')
      if (fields.length !== DL_INFO_COLUMNS.length) {
        throw new RowError(`expected ${DL_INFO_COLUMNS.length} fields, found ${fields.length}`)
      }
      rows.push(parseRow(fields, i + 1))
    } catch (error) {
      if (!(error instanceof RowError)) throw error
      issues.push({
        file: `${file}:${i + 1}`,
        code: 'deeplesion-bad-row',
        message: `line ${i + 1} is malformed: ${error.message}; this lesion is skipped`,
        hint: 'Correct or remove the row; the other rows were imported.',
        severity: 'error',
      })
    }
  }
  return { rows, issues }
}

/** Reads and parses a DL_info.csv file. */
export function readDlInfo(path: string): DlInfoTable {
  return parseDlInfo(readFileSync(path, 'utf8'), path)
}
