// Synthetic patients written with `lesiontrack synth --enhanced` (one Enhanced CT file per series,
// SR bookmarks referencing frames) must import with every bookmark on the slice the truth names,
// the same volumes as the classic layout, and a clear issue for a reference without its frame.
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { main } from '../../../electron/cli/main'
import { attachBookmarks } from '../../../electron/core/import/attach-bookmarks'
import { importFolder } from '../../../electron/core/import/import-folder'
import type { ImportResult } from '../../../electron/core/import/result'
import { readMeasurementReport } from '../../../electron/core/sr/read-measurement-report'
import type { Truth } from '../../../electron/core/synth/truth'
import { dciodvfyNew } from '../dicom/enhanced-fixtures'
import { tempFolder } from '../dicom/fixtures'
import { onImages } from '../sr/image-axes'

const temp = tempFolder('enhanced-bookmarks')
afterAll(temp.remove)

const SIZE = ['--seed', '21', '--studies', '2', '--matrix', '64', '--slices', '30']
const enhancedDir = join(temp.dir, 'enhanced')
const classicDir = join(temp.dir, 'classic')
let truth: Truth
let enhanced: ImportResult

/** Runs the lesiontrack command line in-process; returns its exit code and standard output. */
async function lesiontrack(...argv: string[]): Promise<{ code: number; out: string }> {
  const out = vi.spyOn(process.stdout, 'write').mockImplementation(() => true)
  const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true)
  try {
    const code = await main(argv)
    return { code, out: out.mock.calls.join('') }
  } finally {
    out.mockRestore()
    err.mockRestore()
  }
}

beforeAll(async () => {
  expect((await lesiontrack('synth', '--out', enhancedDir, '--enhanced', ...SIZE)).code).toBe(0)
  expect((await lesiontrack('synth', '--out', classicDir, ...SIZE)).code).toBe(0)
  truth = JSON.parse(readFileSync(join(enhancedDir, 'truth.json'), 'utf8')) as Truth
  enhanced = await importFolder(enhancedDir)
})

describe('synth --enhanced, imported', () => {
  it('writes one valid Enhanced CT file per series', () => {
    for (const study of truth.patients[0].studies) {
      const file = join(enhancedDir, study.seriesFolder, 'EN0001.dcm')
      expect(dciodvfyNew(file).errors).toEqual([])
    }
    expect(enhanced.series.map((s) => new Set(s.sourceFiles).size)).toEqual([1, 1])
  })

  it('gives inspect --json the bookmark count of the truth, without issues', async () => {
    const { code, out } = await lesiontrack('inspect', enhancedDir, '--json')
    const summary = JSON.parse(out) as { bookmarks: number; errors: unknown[]; warnings: unknown[] }
    expect(truth.totals.bookmarks).toBeGreaterThan(0)
    expect(summary).toMatchObject({
      bookmarks: truth.totals.bookmarks,
      errors: [],
      warnings: [],
    })
    expect(code).toBe(0)
  })

  it('puts every bookmark on the slice and at the place the truth names', () => {
    const truthBookmarks = truth.patients[0].bookmarks
    expect(enhanced.bookmarks).toHaveLength(truthBookmarks.length)
    for (const bookmark of enhanced.bookmarks) {
      const expected = truthBookmarks.find((b) => b.trackingUid === bookmark.bookmarkId)!
      expect(bookmark.sliceIndex).toBe(expected.sliceIndex)
      expect(bookmark.sopInstanceUid).toBe(expected.sopInstanceUid)
      bookmark.centerLps.forEach((value, axis) =>
        expect(value).toBeCloseTo(expected.centerScannerLps[axis], 1),
      )
      const series = enhanced.series.find(
        (s) => s.seriesInstanceUid === bookmark.seriesInstanceUid,
      )!
      expect(series.frameNumbers![bookmark.sliceIndex]).toBe(expected.instanceNumber)
    }
  })

  it('reads the same volumes as the classic layout of the same seed', async () => {
    const classic = await importFolder(classicDir)
    expect(classic.series).toHaveLength(enhanced.series.length)
    for (const series of classic.series) {
      const other = enhanced.series.find((s) => s.seriesInstanceUid === series.seriesInstanceUid)!
      expect(other.geometry).toEqual(series.geometry)
      const hu = classic.volumes.get(series.seriesInstanceUid)!
      expect(enhanced.volumes.get(series.seriesInstanceUid)!.every((v, n) => v === hu[n])).toBe(
        true,
      )
    }
    expect(classic.bookmarks.map((b) => [b.bookmarkId, b.sliceIndex])).toEqual(
      enhanced.bookmarks.map((b) => [b.bookmarkId, b.sliceIndex]),
    )
  })
})

describe('SR references to Enhanced CT frames', () => {
  function reportOfFirstStudy() {
    const study = truth.patients[0].studies.find((s) =>
      truth.patients[0].bookmarks.some((b) => b.studyInstanceUid === s.studyInstanceUid),
    )!
    return readMeasurementReport(join(enhancedDir, dirname(study.seriesFolder), 'SR0001.dcm'))
  }

  it('reads ReferencedFrameNumber from the SR', () => {
    const report = reportOfFirstStudy()
    expect(report.measurements.length).toBeGreaterThan(0)
    for (const m of report.measurements.map(onImages)) {
      const expected = truth.patients[0].bookmarks.find((b) => b.trackingUid === m.trackingUid)!
      expect(m.longAxis.referencedFrameNumber).toBe(expected.instanceNumber)
      expect(m.shortAxis!.referencedFrameNumber).toBe(expected.instanceNumber)
    }
  })

  it('skips a bookmark whose reference names no frame, or a frame the image lacks, with an issue', () => {
    const report = reportOfFirstStudy()
    const first = onImages(report.measurements[0])
    const withoutFrame = {
      ...first,
      longAxis: { ...first.longAxis, referencedFrameNumber: null },
      shortAxis: { ...first.shortAxis, referencedFrameNumber: null },
    }
    const pastTheEnd = {
      ...first,
      longAxis: { ...first.longAxis, referencedFrameNumber: 31 },
      shortAxis: { ...first.shortAxis, referencedFrameNumber: 31 },
    }
    const result = attachBookmarks(
      [{ ...report, measurements: [withoutFrame, pastTheEnd] }],
      enhanced.series,
      enhanced.studies,
    )
    expect(result.bookmarks).toEqual([])
    expect(result.issues.map((issue) => [issue.code, issue.severity, issue.file])).toEqual([
      ['sr-no-frame-number', 'error', report.file],
      ['sr-missing-frame', 'error', report.file],
    ])
    expect(result.issues[1].message).toContain(
      `${first.longAxis.referencedSopInstanceUid} frame 31`,
    )
  })
})
