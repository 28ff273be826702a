// Measurements repeated across reports must become one bookmark, from the earliest report (the
// reading they came from), whatever order the files were read in; a report that repeats itself
// says so in its own words.
import { describe, expect, it } from 'vitest'
import { withoutRepeatedMeasurements } from '../../../electron/core/import/repeated-measurements'
import type { MeasurementReport } from '../../../electron/core/sr/measurement-report'
import { samplePatient } from '../app/records'

const [template] = samplePatient().bookmarks

function report(file: string, contentDateTime: string): MeasurementReport {
  const base = { sopInstanceUid: `${file}.uid`, patientId: 'P', studyInstanceUid: 'S' }
  return { ...base, kind: 'sr', file, contentDateTime, measurements: [], issues: [] }
}

function bookmark(id: string, file: string, shiftPx = 0) {
  const move = ([x, y]: [number, number]): [number, number] => [x + shiftPx, y]
  return {
    ...template,
    bookmarkId: id,
    sourceFile: file,
    longAxisPx: template.longAxisPx.map(move) as typeof template.longAxisPx,
  }
}

describe('withoutRepeatedMeasurements', () => {
  it('keeps the measurement of the earliest report, whatever the reading order', () => {
    const reports = [report('tracks.dcm', '20261127101500'), report('reading.dcm', '20190511')]
    const result = withoutRepeatedMeasurements(
      [
        bookmark('t1', 'tracks.dcm'),
        bookmark('r1', 'reading.dcm'),
        bookmark('r2', 'reading.dcm', 5),
      ],
      reports,
    )
    expect(result.bookmarks.map((b) => b.bookmarkId)).toEqual(['r1', 'r2'])
    expect(result.issues).toEqual([
      expect.objectContaining({ file: 'tracks.dcm', code: 'repeated-measurement' }),
    ])
    expect(result.issues[0].message).toMatch(
      /^1 measurement\(s\) of this report repeat those of reading\.dcm/,
    )
  })

  it('ranks an undated report after dated ones, and says when a report repeats itself', () => {
    const reports = [report('undated.dcm', ''), report('dated.dcm', '20200101')]
    const across = withoutRepeatedMeasurements(
      [bookmark('u1', 'undated.dcm'), bookmark('d1', 'dated.dcm')],
      reports,
    )
    expect(across.bookmarks.map((b) => b.bookmarkId)).toEqual(['d1'])
    const within = withoutRepeatedMeasurements(
      [bookmark('d1', 'dated.dcm'), bookmark('d2', 'dated.dcm')],
      reports,
    )
    expect(within.bookmarks.map((b) => b.bookmarkId)).toEqual(['d1'])
    expect(within.issues[0].message).toMatch(/repeat another of its own/)
  })
})
