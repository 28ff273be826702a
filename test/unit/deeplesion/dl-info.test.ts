import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import {
  parseDlInfo,
  readDlInfo,
  seriesFolderName,
} from '../../../electron/core/deeplesion/dl-info'

const REAL_SAMPLE = new URL(
  '../../fixtures/real/deeplesion/DL_info_partial_e83fd96.csv',
  import.meta.url,
).pathname
const realText = readFileSync(REAL_SAMPLE, 'utf8')

describe('DL_info.csv parser on the real DeepLesion sample', () => {
  const table = readDlInfo(REAL_SAMPLE)

  it('reads every real row without an issue', () => {
    const dataLines = realText
      .split('\n')
      .slice(1)
      .filter((l) => l.trim() !== '')
    expect(table.issues).toEqual([])
    expect(table.rows.length).toBe(dataLines.length)
  })

  it('counts the patients, studies and split the data README states', () => {
    const patients = new Set(table.rows.map((r) => r.patientIndex))
    const studies = new Set(table.rows.map((r) => `${r.patientIndex}/${r.studyIndex}`))
    expect(patients.size).toBe(12)
    expect(studies.size).toBe(60)
    const split = [1, 2, 3].map((s) => table.rows.filter((r) => r.split === s).length)
    expect(split).toEqual([105, 18, 35])
  })

  it('parses quoted number lists, and the long diameter matches the long-axis end points', () => {
    const first = table.rows[0]
    expect(first.fileName).toBe('000089_01_01_037.png')
    expect(seriesFolderName(first)).toBe('000089_01_01')
    expect(first.spacingMm).toEqual([0.859375, 0.859375, 5])
    expect(first.sliceRange).toEqual([31, 43])
    for (const row of table.rows) {
      const [x1, y1, x2, y2] = row.measurementCoordinates
      expect(Math.hypot(x2 - x1, y2 - y1)).toBeCloseTo(row.diametersPx[0], 2)
    }
  })
})

describe('DL_info.csv parser on bad input', () => {
  const header = realText.split('\n')[0]
  const good = realText.split('\n')[1]

  it('reports a malformed row by line number and keeps the good rows', () => {
    const truncated = good.slice(0, good.indexOf('"0.282373'))
    const badNumber = good.replace('"154.273,', '"abc,')
    const text = [header, good, truncated, badNumber, good].join('\n')
    const table = parseDlInfo(text, 'DL_info.csv')
    expect(table.rows.map((r) => r.line)).toEqual([2, 5])
    expect(table.issues.map((i) => i.file)).toEqual(['DL_info.csv:3', 'DL_info.csv:4'])
    expect(table.issues[1].message).toMatch(/Measurement_coordinates should hold 8 numbers/)
    expect(table.issues.every((i) => i.severity === 'error')).toBe(true)
  })

  it('rejects a row whose file name disagrees with its indices', () => {
    const wrong = good.replace('000089_01_01_037.png', '000089_01_01_038.png')
    const table = parseDlInfo([header, wrong].join('\n'), 'x.csv')
    expect(table.rows).toEqual([])
    expect(table.issues[0].message).toMatch(/disagrees with its indices/)
  })

  it('rejects a file that is not DL_info at all', () => {
    const table = parseDlInfo('name,age\nbob,3\n', 'people.csv')
    expect(table.rows).toEqual([])
    expect(table.issues).toHaveLength(1)
    expect(table.issues[0].code).toBe('deeplesion-bad-header')
  })
})
