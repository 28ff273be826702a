// An Enhanced CT file (one multi-frame file per series) written from the same volume as a classic
// series must import to the very same HU and geometry, native or compressed, and a frame the file
// cannot place must reject the series with one issue naming the file, the frame and what is missing.
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { frameHeadersOf } from '../../../electron/core/dicom/frame-headers'
import { readImageHeader } from '../../../electron/core/dicom/read-header'
import { ENHANCED_CT_IMAGE_STORAGE } from '../../../electron/core/dicom/sop-class'
import { encodePart10, type Dataset } from '../../../electron/core/dicom/write/encoder'
import { enhancedCtDataset, writeEnhancedCt } from '../../../electron/core/dicom/write/enhanced-ct'
import { readDicomFolder } from '../../../electron/core/import/dicom-folder'
import { addExtendedOffsetTable, dciodvfyNew, isDicomPart10 } from './enhanced-fixtures'
import { runTool, tempFolder } from './fixtures'
import {
  errorsOf,
  expectSameAsClassic,
  MULTI_FRAME_SPECS,
  writeMultiFrameCases,
  type MultiFrameCase,
} from './multi-frame-cases'

const temp = tempFolder('enhanced-ct')
afterAll(temp.remove)

let cases: Map<string, MultiFrameCase>

beforeAll(async () => {
  cases = await writeMultiFrameCases(temp.dir)
})

describe('writeEnhancedCt', () => {
  it('writes files that dciodvfy -new and dcmftest accept', () => {
    for (const { enhancedFile } of cases.values()) {
      const verdict = dciodvfyNew(enhancedFile)
      expect(verdict.output).toContain('EnhancedCTImage')
      expect(verdict.errors, verdict.output).toEqual([])
      expect(verdict.warnings, verdict.output).toEqual([])
      expect(isDicomPart10(enhancedFile)).toBe(true)
      expect(readImageHeader(enhancedFile).sopClassUid).toBe(ENHANCED_CT_IMAGE_STORAGE)
    }
  })
})

describe('readDicomFolder on Enhanced CT', () => {
  for (const name of Object.keys(MULTI_FRAME_SPECS)) {
    it(`imports native frames like the classic series (${name})`, async () => {
      const source = cases.get(name)!
      expectSameAsClassic(await readDicomFolder(source.enhancedFile), source)
    })
  }

  /** [label, tool, arguments, transfer syntax of the output] */
  const CONVERSIONS: [string, string, string[], string][] = [
    ['RLE, offset table', 'dcmcrle', [], '1.2.840.10008.1.2.5'],
    ['RLE, empty offset table', 'dcmcrle', ['-ot'], '1.2.840.10008.1.2.5'],
    ['JPEG-LS, 1 KiB fragments, offset table', 'dcmcjpls', ['+fs', '1'], '1.2.840.10008.1.2.4.80'],
    [
      'JPEG-LS, 1 KiB fragments, empty offset table',
      'dcmcjpls',
      ['+fs', '1', '-ot'],
      '1.2.840.10008.1.2.4.80',
    ],
    ['JPEG 2000', 'gdcmconv', ['--j2k'], '1.2.840.10008.1.2.4.90'],
  ]
  for (const [label, tool, args, syntax] of CONVERSIONS) {
    it(`imports encapsulated frames like the classic series (${label})`, async () => {
      const source = cases.get('signed16 axial')!
      const dir = join(temp.dir, `${tool}${args.join('')}`)
      mkdirSync(dir)
      const file = join(dir, 'EN0001')
      runTool(tool, [...args, source.enhancedFile, file])
      expect(readImageHeader(file).transferSyntaxUid).toBe(syntax)
      expectSameAsClassic(await readDicomFolder(dir), source)
    })
  }

  it('finds frames through an Extended Offset Table', async () => {
    const source = cases.get('signed16 axial')!
    const dir = join(temp.dir, 'extended-offset-table')
    mkdirSync(dir)
    const file = join(dir, 'EN0001')
    runTool('dcmcrle', ['-ot', source.enhancedFile, file])
    const offsets = addExtendedOffsetTable(file)
    const header = readImageHeader(file)
    expect(header.pixelData!.extendedOffsetTable).not.toBeNull()
    const frames = frameHeadersOf(header)
    // Each frame's one fragment starts 8 bytes (its item header) after the offset the table gives.
    const firstFragment = frames[0].frame!.fragments![0].offset - 8
    expect(frames.map((frame) => frame.frame!.fragments![0].offset - 8 - firstFragment)).toEqual(
      offsets,
    )
    expectSameAsClassic(await readDicomFolder(dir), source)
  })

  it('reports an Extended Offset Table entry where no fragment starts', async () => {
    const source = cases.get('signed16 axial')!
    const dir = join(temp.dir, 'bad-extended-offset-table')
    mkdirSync(dir)
    const file = join(dir, 'EN0001')
    runTool('dcmcrle', ['-ot', source.enhancedFile, file])
    const offsets = addExtendedOffsetTable(file, (trueOffsets) =>
      trueOffsets.map((offset, n) => (n === 1 ? offset + 2 : offset)),
    )
    const result = await readDicomFolder(dir)
    expect(result.series).toEqual([])
    expect(result.issues).toHaveLength(1)
    expect(result.issues[0]).toMatchObject({ file, code: 'corrupt', severity: 'error' })
    expect(result.issues[0].message).toContain(
      `Extended Offset Table (7FE0,0001) says frame 2 starts at byte ${offsets[1] + 2}`,
    )
  })

  it('honours a RescaleIntercept that differs from frame to frame', async () => {
    const source = cases.get('signed16 axial')!
    const interceptsHu = Array.from({ length: 9 }, (_, k) => -1024 - 100 * (k % 4))
    const dir = join(temp.dir, 'per-frame-rescale')
    mkdirSync(dir)
    const file = join(dir, 'EN0001.dcm')
    const written = await writeEnhancedCt(file, source.volume, { interceptsHu })
    expect(dciodvfyNew(file).errors).toEqual([])
    const frames = frameHeadersOf(readImageHeader(file))
    expect(new Set(frames.map((frame) => frame.rescale.intercept)).size).toBe(4)
    expectSameAsClassic(await readDicomFolder(dir), { ...source, written })
  })

  it('ignores a second copy of the same file with one warning', async () => {
    const source = cases.get('signed16 axial')!
    const dir = join(temp.dir, 'copied')
    mkdirSync(dir)
    runTool('cp', [source.enhancedFile, join(dir, 'A.dcm')])
    runTool('cp', [source.enhancedFile, join(dir, 'B.dcm')])
    const result = await readDicomFolder(dir)
    expect(result.issues.map((issue) => [issue.code, issue.file])).toEqual([
      ['duplicate-file', join(dir, 'B.dcm')],
    ])
    expectSameAsClassic(result, source)
  })
})

describe('Enhanced CT files that cannot be one volume', () => {
  async function writeAltered(name: string, alter: (dataset: Dataset) => void): Promise<string> {
    const source = cases.get('signed16 axial')!
    const dir = join(temp.dir, name)
    mkdirSync(dir)
    const file = join(dir, 'EN0001.dcm')
    const uid = '2.25.81019'
    const dataset = enhancedCtDataset(source.volume, uid)
    alter(dataset)
    writeFileSync(file, encodePart10(dataset, ENHANCED_CT_IMAGE_STORAGE, uid))
    return file
  }

  function perFrameItems(dataset: Dataset): Dataset[] {
    return dataset.find((element) => element.tag === 0x52009230)!.value as Dataset[]
  }

  it('rejects the series with one issue naming the file and the frame without a Plane Position', async () => {
    const file = await writeAltered('no-plane-position', (dataset) => {
      const third = perFrameItems(dataset)[2]
      third.splice(
        third.findIndex((element) => element.tag === 0x00209113),
        1,
      )
    })
    const result = await readDicomFolder(file)
    expect(result.series).toEqual([])
    expect(result.volumes.size).toBe(0)
    expect(result.issues).toHaveLength(1)
    const [issue] = result.issues
    expect(issue).toMatchObject({ file, code: 'missing-geometry', severity: 'error' })
    expect(issue.message).toMatch(/^Frame 3 of 9 has no Plane Position \(0020,9113\)/)
    expect(issue.message).toContain('with 9 slices was not imported')
  })

  it('rejects frames that lie at one position, naming both frames', async () => {
    const file = await writeAltered('same-position', (dataset) => {
      const items = perFrameItems(dataset)
      const position = (item: Dataset) => item.findIndex((element) => element.tag === 0x00209113)
      items[4][position(items[4])] = items[3][position(items[3])]
    })
    const result = await readDicomFolder(file)
    expect(result.series).toEqual([])
    expect(errorsOf(result).map((issue) => issue.code)).toEqual(['duplicate-position'])
    expect(errorsOf(result)[0].message).toMatch(/EN0001\.dcm frame [45], EN0001\.dcm frame [45]/)
  })

  it('names the frame when the file ends inside the pixel data', async () => {
    const source = cases.get('signed16 axial')!
    const dir = join(temp.dir, 'truncated')
    mkdirSync(dir)
    const file = join(dir, 'EN0001.dcm')
    const bytes = encodePart10(
      enhancedCtDataset(source.volume, '2.25.81020'),
      ENHANCED_CT_IMAGE_STORAGE,
      '2.25.81020',
    )
    writeFileSync(file, bytes.subarray(0, bytes.length - 100))
    const result = await readDicomFolder(dir)
    expect(result.series).toEqual([])
    expect(errorsOf(result)).toHaveLength(1)
    expect(errorsOf(result)[0]).toMatchObject({ file, code: 'truncated' })
    // Frame 9 is the last one in the file: slice k = 0 of the head-first stack.
    expect(errorsOf(result)[0].message).toContain('frame 9 of 9')
  })
})
