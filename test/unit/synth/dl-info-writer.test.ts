import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { readDlInfo, type DlInfoRow } from '../../../electron/core/deeplesion/dl-info'
import {
  DL_INFO_HEADER,
  formatDlInfoRow,
  formatG,
} from '../../../electron/core/deeplesion/write/dl-info-writer'
import { mergedSliceRanges, rangeOf } from '../../../electron/core/deeplesion/write/slice-ranges'
import type { PixelXY } from '../../../electron/core/model/types'

const REAL_SAMPLE = new URL(
  '../../fixtures/real/deeplesion/DL_info_partial_e83fd96.csv',
  import.meta.url,
).pathname
const realLines = readFileSync(REAL_SAMPLE, 'utf8').split(/\r?\n/)
const realRows = readDlInfo(REAL_SAMPLE).rows

/** Feeds a real row back through the writer, with its points turned into 0-based centers. */
function rewrite(row: DlInfoRow): string {
  const c = row.measurementCoordinates
  const point = (n: number): PixelXY => [c[n] - 1, c[n + 1] - 1]
  return formatDlInfoRow({
    patientIndex: row.patientIndex,
    studyIndex: row.studyIndex,
    seriesId: row.seriesId,
    keySliceIndex: row.keySliceIndex,
    longAxisPx: [point(0), point(2)],
    shortAxisPx: [point(4), point(6)],
    normalizedLocation: row.normalizedLocation,
    lesionType: row.lesionType,
    sliceRange: row.sliceRange,
    spacingMm: row.spacingMm,
    imageSize: row.imageSize,
    window: row.dicomWindow,
    gender: row.gender,
    age: row.age,
    split: row.split as 1 | 2 | 3,
  })
}

/** The fields of a CSV line, for comparing lists number by number. */
function fields(line: string): string[] {
  return [...line.matchAll(/"([^"]*)"|([^,]+)/g)].map((m) => m[1] ?? m[2])
}

describe('DL_info.csv writer against the real DeepLesion sample', () => {
  it('writes the real header', () => {
    expect(DL_INFO_HEADER).toBe(realLines[0])
  })

  it('formats numbers as %g with six significant digits', () => {
    expect(formatG(0.859375)).toBe('0.859375')
    expect(formatG(0.7421875)).toBe('0.742188')
    expect(formatG(5)).toBe('5')
    expect(formatG(33.84773)).toBe('33.8477')
    expect(formatG(-175)).toBe('-175')
    expect(formatG(-0.00001)).toBe('-0.00001')
  })

  it('reproduces every real row from its parsed values: 1-based points, 5 px box, diameters', () => {
    for (const row of realRows) {
      const written = fields(rewrite(row))
      const real = fields(realLines[row.line - 1])
      expect(written.length).toBe(18)
      written.forEach((field, n) => {
        if (n === 6 || n === 7) {
          // Bounding_boxes and Lesion_diameters_Pixel_ were computed by DeepLesion from unrounded
          // points; from the rounded ones they agree to the last digit or so.
          const ours = field.split(', ').map(Number)
          const theirs = real[n].split(', ').map(Number)
          ours.forEach((v, axis) =>
            expect(Math.abs(v - theirs[axis]), `line ${row.line}`).toBeLessThan(2e-3),
          )
        } else {
          expect(field, `line ${row.line} column ${n}`).toBe(real[n])
        }
      })
    }
  })
})

describe('DeepLesion slice ranges', () => {
  it('match the real Slice_range: ±30 mm (long axis / 2 + 5 mm if large) per key, merged', () => {
    const bySeries = new Map<string, DlInfoRow[]>()
    for (const row of realRows) {
      const key = `${row.patientIndex}_${row.studyIndex}_${row.seriesId}`
      bySeries.set(key, [...(bySeries.get(key) ?? []), row])
    }
    let matching = 0
    for (const rows of bySeries.values()) {
      const keys = rows.map((r) => ({
        index: r.keySliceIndex,
        longAxisMm: r.diametersPx[0] * r.spacingMm[0],
      }))
      const ranges = mergedSliceRanges(keys, 10000, rows[0].spacingMm[2])
      for (const row of rows) {
        const [first, last] = rangeOf(ranges, row.keySliceIndex)
        // The last slice of a real series is unknown here: a real range may end early at it.
        if (first === row.sliceRange[0] && last >= row.sliceRange[1]) matching++
      }
    }
    expect(matching).toBe(realRows.length)
  })

  it('clips at the first and last slice', () => {
    const keys = [2, 40].map((index) => ({ index, longAxisMm: 20 }))
    expect(mergedSliceRanges(keys, 42, 5)).toEqual([
      [1, 8],
      [34, 42],
    ])
  })
})
