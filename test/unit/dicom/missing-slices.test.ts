// A file lost from an export leaves a hole in its series. The rest must still be imported with
// every slice at its true position (the place of the lost one empty, said in a warning), not
// rejected whole nor closed up — closing the gap would move every later slice by one step.
import { unlinkSync } from 'node:fs'
import { basename, join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { toSeriesRecord } from '../../../electron/api/records'
import { alignImportedStudies } from '../../../electron/core/align/from-import'
import { PADDING_HU } from '../../../electron/core/dicom/pixels/modality-lut'
import { readDicomFolder, type DicomFolderImport } from '../../../electron/core/import/dicom-folder'
import { runTool, tempFolder, writeSyntheticSeries } from './fixtures'

const temp = tempFolder('missing-slices')
afterAll(temp.remove)
const root = join(temp.dir, 'export')
const DIMS: [number, number, number] = [16, 12, 12]
const LOST = 4
let written: Awaited<ReturnType<typeof writeSyntheticSeries>>
let result: DicomFolderImport
let deferred: DicomFolderImport

beforeAll(async () => {
  written = await writeSyntheticSeries(join(root, 'lost-one'), {
    dims: DIMS,
    seriesUid: '2.25.9301',
  })
  unlinkSync(written.written.files[LOST])
  // A series whose hole is not a whole number of steps (the slices above it moved 1.2 mm up):
  // nowhere to put what is missing.
  const uneven = await writeSyntheticSeries(join(root, 'uneven-gap'), {
    dims: [16, 12, 8],
    seriesUid: '2.25.9302',
    studyUid: '2.25.9312',
  })
  unlinkSync(uneven.written.files[3])
  for (let k = 4; k < 8; k++) {
    const z = -100 + 2.5 * k + 1.2
    runTool('dcmodify', ['-nb', '-m', `(0020,0032)=-20.5\\-15.25\\${z}`, uneven.written.files[k]])
  }
  result = await readDicomFolder(root)
  deferred = await readDicomFolder(root, { deferPixels: true })
})

describe('a series with one slice missing from the export', () => {
  it('keeps its full depth and spacing, every present slice at its true k', () => {
    const series = result.series.find((s) => s.seriesInstanceUid === '2.25.9301')
    expect(series?.geometry.dims).toEqual(DIMS)
    expect(series?.geometry.spacingMm[2]).toBeCloseTo(2.5, 6)
    expect(series?.geometry.originLps).toEqual([-20.5, -15.25, -100])
    const sizeOfSlice = DIMS[0] * DIMS[1]
    const hu = result.volumes.get('2.25.9301') as Int16Array
    for (let k = 0; k < DIMS[2]; k++) {
      const got = hu.subarray(k * sizeOfSlice, (k + 1) * sizeOfSlice)
      const expected =
        k === LOST
          ? new Int16Array(sizeOfSlice).fill(PADDING_HU)
          : written.volume.hu.subarray(k * sizeOfSlice, (k + 1) * sizeOfSlice)
      expect(Array.from(got), `slice ${k}`).toEqual(Array.from(expected))
    }
  })

  it('has no SOP instance or file at the empty place, so nothing can reference it', () => {
    const series = result.series.find((s) => s.seriesInstanceUid === '2.25.9301')
    expect(series?.sopInstanceUids[LOST]).toBe('')
    expect(series?.sourceFiles[LOST]).toBe('')
    expect(series?.sopClassUids?.[LOST]).toBe('')
    // The renderer is told which places are empty (it is not sent the file paths).
    expect(series && toSeriesRecord(series).missingSlices).toEqual([LOST])
    for (let k = 0; k < DIMS[2]; k++) {
      if (k === LOST) continue
      expect(series?.sopInstanceUids[k]).toBe(written.written.sopInstanceUids[k])
      expect(series?.sourceFiles[k]).toBe(written.written.files[k])
    }
  })

  it('is said in one warning naming the slices around the hole', () => {
    const warnings = result.issues.filter((i) => i.code === 'missing-slices')
    const files = written.written.files
    expect(warnings.map((w) => [w.severity, w.file])).toEqual([['warning', files[LOST - 1]]])
    const around = `${basename(files[LOST - 1])} and ${basename(files[LOST + 1])}`
    expect(warnings[0].message).toContain(
      `1 slice(s) of its 2.50 mm steps are missing (1 between ${around}). The other 11 slices`,
    )
  })

  it('reads the same volume when the pixels are read later (batch import)', async () => {
    const read = await deferred.readVolume?.('2.25.9301')
    expect(read?.ok).toBe(true)
    if (read?.ok)
      expect(Array.from(read.hu)).toEqual(Array.from(result.volumes.get('2.25.9301') as Int16Array))
  })

  it('is not used to align its study from the images', () => {
    const alignments = alignImportedStudies(result)
    const study = [...alignments.values()]
      .flatMap((a) => a.studies)
      .find((s) => s.studyId === '2.25.7001')
    expect(study?.translationMm).toBeUndefined()
    expect(study?.refusal).toMatch(/no complete DICOM CT series \(slices are missing/)
  })
})

describe('a series whose hole is not a whole number of steps', () => {
  it('is rejected with one issue saying why', () => {
    expect(result.series.map((s) => s.seriesInstanceUid)).toEqual(['2.25.9301'])
    const rejected = result.issues.filter((i) => i.code === 'slice-gap')
    expect(rejected.length).toBe(1)
    expect(rejected[0].message).toMatch(/not a whole number of the series' 2\.50 mm steps/)
  })
})
