// Guards the DICOM + SR import path end to end: synthetic studies written as real DICOM files are
// imported back, and every bookmark lands on the slice, pixels and millimetres the truth says.
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { lpsToPixel } from '../../../electron/core/geometry/frames'
import { importFolder } from '../../../electron/core/import/import-folder'
import type { ImportResult } from '../../../electron/core/import/result'
import { synthesize } from '../../../electron/core/synth/synthesize'
import type { Truth } from '../../../electron/core/synth/truth'
import { runTool } from '../dicom/fixtures'

let dir: string
let truth: Truth
let imported: ImportResult

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'import-folder-'))
  await synthesize({
    patients: 2,
    seed: 11,
    out: dir,
    format: 'dicom',
    studies: 2,
    matrix: 96,
    sliceMm: 5,
  })
  truth = JSON.parse(readFileSync(join(dir, 'truth.json'), 'utf8'))
  imported = await importFolder(dir)
})

describe('importFolder on synthetic DICOM CT + SR', () => {
  it('finds the patients, studies, series and bookmarks the truth lists, with no errors', () => {
    expect(imported.issues.filter((i) => i.severity === 'error')).toEqual([])
    expect({
      patients: imported.patients.length,
      studies: imported.studies.length,
      series: imported.series.length,
      bookmarks: imported.bookmarks.length,
    }).toEqual(truth.totals)
  })

  it('puts every bookmark on its true slice, in the true pixels, with the true lengths and type', () => {
    const truthBookmarks = truth.patients.flatMap((p) => p.bookmarks)
    for (const expected of truthBookmarks) {
      const got = imported.bookmarks.find((b) => b.bookmarkId === expected.trackingUid)
      expect(got, expected.trackingUid).toBeDefined()
      if (!got) continue
      expect(got.seriesInstanceUid).toBe(expected.seriesInstanceUid)
      expect(got.sopInstanceUid).toBe(expected.sopInstanceUid)
      expect(got.sliceIndex).toBe(expected.sliceIndex)
      expect(got.label).toBe(expected.trackingIdentifier)
      expect(got.lesionType).toBe(expected.type)
      expect(got.longAxisMm).toBeCloseTo(expected.longAxisMm, 1)
      expect(got.shortAxisMm).toBeCloseTo(expected.shortAxisMm, 1)
      for (let e = 0; e < 2; e++) {
        expect(got.longAxisPx[e][0]).toBeCloseTo(expected.longAxisPx[e][0], 1)
        expect(got.longAxisPx[e][1]).toBeCloseTo(expected.longAxisPx[e][1], 1)
      }
    }
  })

  it('places each bookmark centre in patient LPS on its key slice', () => {
    for (const b of imported.bookmarks) {
      const series = imported.series.find((s) => s.seriesInstanceUid === b.seriesInstanceUid)!
      const pixel = lpsToPixel(series.geometry, b.centerLps)
      expect(pixel[2]).toBeCloseTo(b.sliceIndex, 6)
      expect(pixel[0]).toBeCloseTo((b.longAxisPx[0][0] + b.longAxisPx[1][0]) / 2, 6)
    }
  })
})

describe('importFolder on SR problems', () => {
  const srOf = (study: Truth['patients'][0]['studies'][0]) =>
    join(dir, study.seriesFolder, '..', 'SR0001.dcm')

  function copySeries(seriesUid: string, into: string) {
    const series = imported.series.find((s) => s.seriesInstanceUid === seriesUid)!
    series.sourceFiles.forEach((file, k) =>
      copyFileSync(file, join(into, `${seriesUid.slice(-6)}-${k}.dcm`)),
    )
  }

  it('skips the bookmarks of a report whose images are absent, naming the report, and keeps the rest', async () => {
    const copy = mkdtempSync(join(tmpdir(), 'import-sr-'))
    const [first, second] = truth.patients[0].studies
    copySeries(first.seriesInstanceUid, copy)
    copyFileSync(srOf(first), join(copy, 'report-first.dcm'))
    copyFileSync(srOf(second), join(copy, 'report-second.dcm'))
    const result = await importFolder(copy)
    const marks = (study: typeof first) =>
      truth.patients[0].bookmarks.filter((b) => b.studyInstanceUid === study.studyInstanceUid)
    const missing = result.issues.filter((i) => i.code === 'sr-missing-image')
    expect(missing).toHaveLength(marks(second).length)
    expect(missing.every((i) => i.file === join(copy, 'report-second.dcm'))).toBe(true)
    expect(missing.every((i) => i.message.includes('not among the imported CT slices'))).toBe(true)
    expect(result.bookmarks.map((b) => b.bookmarkId).sort()).toEqual(
      marks(first)
        .map((b) => b.trackingUid)
        .sort(),
    )
    expect(result.series).toHaveLength(1)
    rmSync(copy, { recursive: true })
  })

  it('names the broken series, not a missing image, for bookmarks drawn on a series left out', async () => {
    const copy = mkdtempSync(join(tmpdir(), 'import-broken-'))
    const [first, second] = truth.patients[0].studies
    copySeries(first.seriesInstanceUid, copy)
    copySeries(second.seriesInstanceUid, copy)
    copyFileSync(srOf(second), join(copy, 'report-second.dcm'))
    // One slice of the second study cut off in transfer: its series is left out whole.
    const cut = join(copy, `${second.seriesInstanceUid.slice(-6)}-3.dcm`)
    const bytes = readFileSync(cut)
    writeFileSync(cut, bytes.subarray(0, bytes.length - 1000))
    const result = await importFolder(copy)
    const marks = truth.patients[0].bookmarks.filter(
      (b) => b.studyInstanceUid === second.studyInstanceUid,
    )
    const skipped = result.issues.filter((i) => i.file === join(copy, 'report-second.dcm'))
    expect(skipped.map((i) => [i.code, i.severity])).toEqual(
      marks.map(() => ['sr-series-not-imported', 'error']),
    )
    expect(skipped[0].message).toMatch(
      new RegExp(
        `a slice of series \\d+ .*\\(${second.seriesInstanceUid}\\), which was not imported`,
      ),
    )
    expect(result.series.map((x) => x.seriesInstanceUid)).toEqual([first.seriesInstanceUid])
    rmSync(copy, { recursive: true })
  })

  it('reads the folder a DICOMDIR path names, as a CD export is opened from its index', async () => {
    const cd = mkdtempSync(join(tmpdir(), 'import-cd-'))
    const study = truth.patients[0].studies[0]
    const series = imported.series.find((x) => x.seriesInstanceUid === study.seriesInstanceUid)!
    // ISO 9660 names, as dcmmkdir (and a CD) wants them.
    mkdirSync(join(cd, 'DICOM'))
    series.sourceFiles.forEach((file, k) =>
      copyFileSync(file, join(cd, 'DICOM', `IM${String(k).padStart(6, '0')}`)),
    )
    runTool('dcmmkdir', ['+r', '+id', cd, '+D', join(cd, 'DICOMDIR'), 'DICOM'])
    const result = await importFolder(join(cd, 'DICOMDIR'))
    expect(result.issues).toEqual([])
    expect(result.series.map((x) => x.seriesInstanceUid)).toEqual([series.seriesInstanceUid])
    rmSync(cd, { recursive: true })
  })

  it('reports a truncated report by file name and still imports the images', async () => {
    const copy = mkdtempSync(join(tmpdir(), 'import-sr-'))
    const study = truth.patients[0].studies[0]
    copySeries(study.seriesInstanceUid, copy)
    const sr = readFileSync(srOf(study))
    writeFileSync(join(copy, 'report.dcm'), sr.subarray(0, Math.floor(sr.length * 0.6)))
    const result = await importFolder(copy)
    expect(result.series).toHaveLength(1)
    const srIssues = result.issues.filter((i) => i.file === join(copy, 'report.dcm'))
    expect(srIssues).toHaveLength(1)
    expect(srIssues[0].severity).toBe('error')
    expect(result.bookmarks).toHaveLength(0)
    rmSync(copy, { recursive: true })
  })
})

describe('importFolder on the layouts lesiontrack synth writes', () => {
  it('prefers DICOM when the DeepLesion layout sits beside it, and reads no generator files', async () => {
    const both = mkdtempSync(join(tmpdir(), 'import-both-'))
    await synthesize({
      patients: 1,
      seed: 4,
      out: both,
      format: 'both',
      studies: 2,
      matrix: 64,
      sliceMm: 5,
    })
    const result = await importFolder(both)
    expect(result.issues).toEqual([])
    expect(result.series.every((s) => s.seriesInstanceUid.startsWith('2.25.'))).toBe(true)
    expect(result.bookmarks.every((b) => b.source === 'dicom-sr')).toBe(true)
    rmSync(join(both, 'SYN4-001'), { recursive: true })
    const layoutOnly = await importFolder(both)
    expect(layoutOnly.issues).toEqual([])
    expect(layoutOnly.bookmarks.length).toBe(result.bookmarks.length)
    expect(layoutOnly.bookmarks.every((b) => b.source === 'deeplesion')).toBe(true)
    rmSync(both, { recursive: true })
  })

  it('reads a DICOM-only synthetic folder without a word about its truth.json', async () => {
    expect(imported.issues).toEqual([])
  })
})
