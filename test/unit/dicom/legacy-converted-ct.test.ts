// A Legacy Converted Enhanced CT file (a classic series converted to one multi-frame file) must be
// valid under dciodvfy, import to the very same series, HU and geometry as the classic series, even
// without the CT-specific macros, and SR references to its frames must land on their slices.
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { pixelToLps } from '../../../electron/core/geometry/frames'
import { readImageHeader } from '../../../electron/core/dicom/read-header'
import { LEGACY_CONVERTED_ENHANCED_CT_IMAGE_STORAGE } from '../../../electron/core/dicom/sop-class'
import { encodePart10, type Dataset } from '../../../electron/core/dicom/write/encoder'
import { enhancedCtDataset } from '../../../electron/core/dicom/write/enhanced-ct'
import {
  writeMeasurementReport,
  type SrBookmark,
} from '../../../electron/core/dicom/write/measurement-report'
import { readDicomFolder } from '../../../electron/core/import/dicom-folder'
import { importFolder } from '../../../electron/core/import/import-folder'
import type { PixelXY, Series } from '../../../electron/core/model/types'
import { dciodvfyNew, isDicomPart10 } from './enhanced-fixtures'
import { runTool, tempFolder } from './fixtures'
import {
  expectSameAsClassic,
  MULTI_FRAME_SPECS,
  writeMultiFrameCases,
  type MultiFrameCase,
} from './multi-frame-cases'

const temp = tempFolder('legacy-converted-ct')
afterAll(temp.remove)

let cases: Map<string, MultiFrameCase>

beforeAll(async () => {
  cases = await writeMultiFrameCases(temp.dir, (classic) => ({
    convertedFrom: classic.sopInstanceUids,
  }))
})

/** A series record without what names the files, instances, classes and frames it came from. */
function recordOf({
  sopInstanceUids: _sopInstanceUids,
  sopClassUids: _sopClassUids,
  sourceFiles: _sourceFiles,
  frameNumbers: _frameNumbers,
  ...record
}: Series) {
  return record
}

describe('writeEnhancedCt with convertedFrom', () => {
  it('writes Legacy Converted Enhanced CT files that dciodvfy -new and dcmftest accept', () => {
    for (const { enhancedFile } of cases.values()) {
      const verdict = dciodvfyNew(enhancedFile)
      expect(verdict.output).toContain('LegacyConvertedEnhancedCTImage')
      expect(verdict.errors, verdict.output).toEqual([])
      expect(verdict.warnings, verdict.output).toEqual([])
      expect(isDicomPart10(enhancedFile)).toBe(true)
      expect(readImageHeader(enhancedFile).sopClassUid).toBe(
        LEGACY_CONVERTED_ENHANCED_CT_IMAGE_STORAGE,
      )
    }
  })

  it('names in each frame the classic slice it was converted from', () => {
    const source = cases.get('signed16 axial')!
    const dump = runTool('dcdump', [source.enhancedFile])
    const sources = [...dump.matchAll(/Referenced SOP Instance UID.*<([\d.]+)>/g)].map((m) => m[1])
    const classic = source.classic.series[0]
    expect(sources).toEqual(
      source.written.frameNumbers
        .map((frame, k) => [frame, classic.sopInstanceUids[k]] as const)
        .sort(([a], [b]) => a - b)
        .map(([, uid]) => uid),
    )
  })
})

describe('readDicomFolder on Legacy Converted Enhanced CT', () => {
  for (const name of Object.keys(MULTI_FRAME_SPECS)) {
    it(`imports the frames as the classic series, without any issue (${name})`, async () => {
      const source = cases.get(name)!
      const result = await readDicomFolder(source.enhancedFile)
      expect(result.issues).toEqual([])
      expectSameAsClassic(result, source)
      expect(recordOf(result.series[0])).toEqual(recordOf(source.classic.series[0]))
      expect(new Set(result.series[0].sourceFiles)).toEqual(new Set([source.enhancedFile]))
    })
  }

  it('does not need the CT Image Frame Type the IOD asks for', async () => {
    const source = cases.get('signed16 axial')!
    const dir = join(temp.dir, 'no-frame-type')
    mkdirSync(dir)
    const uid = '2.25.81031'
    const dataset = enhancedCtDataset(source.volume, uid, {
      convertedFrom: source.classic.series[0].sopInstanceUids,
    })
    const shared = (dataset.find((element) => element.tag === 0x52009229)!.value as Dataset[])[0]
    shared.splice(
      shared.findIndex((element) => element.tag === 0x00189329),
      1,
    )
    const file = join(dir, 'EN0001.dcm')
    writeFileSync(file, encodePart10(dataset, LEGACY_CONVERTED_ENHANCED_CT_IMAGE_STORAGE, uid))
    expect(dciodvfyNew(file).errors.join('\n')).toContain('CTImageFrameTypeSequence')
    const written = { ...source.written, sopInstanceUid: uid }
    expectSameAsClassic(await readDicomFolder(dir), { ...source, written })
  })
})

describe('SR references to Legacy Converted Enhanced CT frames', () => {
  const SLICES = [0, 3, 8]
  const LONG_AXIS_PX: [PixelXY, PixelXY] = [
    [4, 6],
    [20, 6],
  ]
  const SHORT_AXIS_PX: [PixelXY, PixelXY] = [
    [12, 2],
    [12, 10],
  ]

  it('puts each bookmark on the slice of its ReferencedFrameNumber', async () => {
    const source = cases.get('signed16 axial')!
    const { volume, written } = source
    const [sx, sy] = volume.geometry.spacingMm
    const dir = join(temp.dir, 'with-sr')
    mkdirSync(dir)
    runTool('cp', [source.enhancedFile, join(dir, 'EN0001.dcm')])
    const bookmarks: SrBookmark[] = SLICES.map((k, n) => ({
      trackingIdentifier: `Lesion ${n + 1}`,
      trackingUid: `2.25.8204${n}`,
      longAxisMm: (LONG_AXIS_PX[1][0] - LONG_AXIS_PX[0][0]) * sx,
      shortAxisMm: (SHORT_AXIS_PX[1][1] - SHORT_AXIS_PX[0][1]) * sy,
      longAxisPx: LONG_AXIS_PX,
      shortAxisPx: SHORT_AXIS_PX,
      referencedSopClassUid: LEGACY_CONVERTED_ENHANCED_CT_IMAGE_STORAGE,
      referencedSopInstanceUid: written.sopInstanceUid,
      referencedFrameNumber: written.frameNumbers[k],
    }))
    await writeMeasurementReport(join(dir, 'SR0001.dcm'), {
      patient: volume.patient!,
      studyInstanceUid: volume.studyInstanceUid,
      studyDate: volume.studyDate!,
      studyTime: volume.studyTime!,
      studyId: '1',
      studyDescription: '',
      accessionNumber: '',
      seriesInstanceUid: '2.25.8205',
      seriesNumber: 900,
      sopInstanceUid: '2.25.8206',
      manufacturer: 'LesionTrack',
      observerName: 'SYNTHETIC^READER',
      referencedSeriesInstanceUid: volume.seriesInstanceUid,
      bookmarks,
    })
    const result = await importFolder(dir)
    expect(result.issues).toEqual([])
    expect(result.bookmarks.map((b) => [b.bookmarkId, b.sliceIndex])).toEqual(
      SLICES.map((k, n) => [bookmarks[n].trackingUid, k]),
    )
    for (const [n, k] of SLICES.entries()) {
      const bookmark = result.bookmarks[n]
      expect(bookmark.sopInstanceUid).toBe(written.sopInstanceUid)
      expect(result.series[0].frameNumbers![bookmark.sliceIndex]).toBe(written.frameNumbers[k])
      // The long axis's midpoint, in patient LPS (mm), on slice k of the written volume.
      const centerLps = pixelToLps(volume.geometry, [12, 6, k])
      bookmark.centerLps.forEach((value, axis) => expect(value).toBeCloseTo(centerLps[axis], 4))
    }
  })
})
