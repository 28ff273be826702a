// A synthetic CT series converted by dcmtk and GDCM into each transfer syntax a PACS sends must
// import to the very voxels, geometry and slice order that were written.
import { cpSync, mkdirSync, renameSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PADDING_HU } from '../../../electron/core/dicom/pixels/modality-lut'
import { readImageHeader } from '../../../electron/core/dicom/read-header'
import {
  readDicomFolder,
  type DicomImportProgress,
} from '../../../electron/core/import/dicom-folder'
import type { CtVolumeToWrite, WrittenCtSeries } from '../../../electron/core/dicom/write/ct-series'
import { convertSeries, runTool, tempFolder, writeSyntheticSeries } from './fixtures'

const temp = tempFolder('folder-import')
afterAll(temp.remove)

let signed: { volume: CtVolumeToWrite; written: WrittenCtSeries }
let unsigned: { volume: CtVolumeToWrite; written: WrittenCtSeries }

beforeAll(async () => {
  signed = await writeSyntheticSeries(join(temp.dir, 'source-signed'), {
    dims: [40, 32, 9],
    seriesUid: '2.25.7101',
  })
  unsigned = await writeSyntheticSeries(join(temp.dir, 'source-unsigned'), {
    dims: [40, 32, 9],
    seriesUid: '2.25.7102',
    storage: 'unsigned12',
  })
})

/** [tool, arguments, transfer syntax the output must have] */
const CONVERSIONS: [string, string[], string][] = [
  ['dcmconv', ['+ti'], '1.2.840.10008.1.2'],
  ['dcmconv', ['+tb'], '1.2.840.10008.1.2.2'],
  ['dcmconv', ['+td'], '1.2.840.10008.1.2.1.99'],
  ['dcmcrle', [], '1.2.840.10008.1.2.5'],
  ['dcmcjpeg', ['+el'], '1.2.840.10008.1.2.4.57'],
  ['dcmcjpeg', ['+e1'], '1.2.840.10008.1.2.4.70'],
  ['dcmcjpls', ['+el'], '1.2.840.10008.1.2.4.80'],
  ['gdcmconv', ['--j2k'], '1.2.840.10008.1.2.4.90'],
]

function expectSameSeries(
  result: Awaited<ReturnType<typeof readDicomFolder>>,
  source: { volume: CtVolumeToWrite; written: WrittenCtSeries },
): void {
  expect(result.issues.filter((issue) => issue.severity === 'error')).toEqual([])
  expect(result.series).toHaveLength(1)
  const [series] = result.series
  const hu = result.volumes.get(series.seriesInstanceUid)!
  expect(hu).toBeInstanceOf(Int16Array)
  let mismatches = 0
  for (let n = 0; n < hu.length; n++) if (hu[n] !== source.volume.hu[n]) mismatches++
  expect({ voxels: hu.length, mismatches }).toEqual({
    voxels: source.volume.hu.length,
    mismatches: 0,
  })
  const { geometry } = series
  expect(geometry.dims).toEqual(source.volume.geometry.dims)
  for (const key of [
    'spacingMm',
    'originLps',
    'rowDirection',
    'columnDirection',
    'sliceNormal',
  ] as const) {
    geometry[key].forEach((value, axis) =>
      expect(value).toBeCloseTo(source.volume.geometry[key][axis], 4),
    )
  }
  expect(series.sopInstanceUids).toEqual(source.written.sopInstanceUids)
}

describe('readDicomFolder on converted synthetic series', () => {
  for (const [tool, args, syntax] of CONVERSIONS) {
    for (const storage of ['signed', 'unsigned'] as const) {
      it(`imports identical voxels after \`${tool} ${args.join(' ')}\` (${syntax}, ${storage})`, async () => {
        const source = storage === 'signed' ? signed : unsigned
        const dir = join(temp.dir, `${tool}${args.join('')}-${storage}`)
        const files = convertSeries(source.written.files, dir, tool, args)
        expect(new Set(files.map((file) => readImageHeader(file).transferSyntaxUid))).toEqual(
          new Set([syntax]),
        )
        runTool('dcmftest', files)
        const result = await readDicomFolder(dir)
        expectSameSeries(result, source)
        // Files are named by InstanceNumber, most superior first: k order is not file-name order.
        expect([...files].sort()).not.toEqual(files)
        expect(result.series[0].sourceFiles).toEqual(files)
      })
    }
  }
})

describe('readDicomFolder on stored-value details', () => {
  it('turns PixelPaddingValue voxels into air and leaves every other voxel alone', async () => {
    const dir = join(temp.dir, 'padding')
    const files = convertSeries(unsigned.written.files, dir, 'dcmconv', [])
    for (const file of files) runTool('dcmodify', ['-nb', '-i', '(0028,0120)=5', file])
    const result = await readDicomFolder(dir)
    expect(result.issues).toEqual([])
    const hu = result.volumes.get('2.25.7102')!
    let padded = 0
    for (let n = 0; n < hu.length; n++) {
      const stored = unsigned.volume.hu[n] + 1024
      expect(hu[n]).toBe(stored === 5 ? PADDING_HU : unsigned.volume.hu[n])
      if (stored === 5) padded++
    }
    expect(padded).toBeGreaterThan(0)
  })

  it('decodes 12-bit lossy JPEG (dcmcjpeg +ee) close to the original, with a lossy warning', async () => {
    const dir = join(temp.dir, 'jpeg-extended')
    const files = convertSeries(unsigned.written.files, dir, 'dcmcjpeg', ['+ee'])
    expect(readImageHeader(files[0]).transferSyntaxUid).toBe('1.2.840.10008.1.2.4.51')
    const result = await readDicomFolder(dir)
    expect(result.issues.map((issue) => [issue.code, issue.severity])).toEqual([
      ['lossy-compression', 'warning'],
    ])
    expect(result.issues[0].message).toMatch(/JPEG Extended \(Process 2 & 4\)/)
    const hu = result.volumes.get('2.25.7102')!
    let sum = 0
    for (let n = 0; n < hu.length; n++) sum += Math.abs(hu[n] - unsigned.volume.hu[n])
    // dcmcjpeg's default quality (90) quantises DCT coefficients: about 1 HU on average here
    // (measured 1.2); 5 HU is far below what changes a reading, and far above rounding noise.
    expect(sum / hu.length).toBeLessThan(5)
    expect(sum).toBeGreaterThan(0)
  })
})

describe('readDicomFolder on a PACS-style export', () => {
  it('reads a DICOMDIR export with patients, studies by date and an SR, skipping the index', async () => {
    const dir = join(temp.dir, 'pacs')
    const later = await writeSyntheticSeries(join(temp.dir, 'later'), {
      dims: [16, 12, 4],
      seriesUid: '2.25.7201',
      studyUid: '2.25.7200',
      studyDate: '2023-03-01',
    })
    const earlier = await writeSyntheticSeries(join(temp.dir, 'earlier'), {
      dims: [16, 12, 5],
      seriesUid: '2.25.7301',
      studyUid: '2.25.7300',
      studyDate: '2021-11-30',
    })
    const other = await writeSyntheticSeries(join(temp.dir, 'other'), {
      dims: [16, 12, 3],
      seriesUid: '2.25.7401',
      studyUid: '2.25.7400',
      patientId: 'LT-0002',
    })
    // DICOM file-set names: upper case, at most 8 characters, no extension.
    const place = (files: string[], study: string) => {
      mkdirSync(join(dir, 'DICOM', study), { recursive: true })
      files.forEach((file, n) =>
        cpSync(file, join(dir, 'DICOM', study, `IM${String(n).padStart(6, '0')}`)),
      )
    }
    place(later.written.files, 'ST000001')
    place(earlier.written.files, 'ST000002')
    place(other.written.files, 'ST000003')
    const srFile = join(dir, 'DICOM', 'ST000001', 'SR000001')
    cpSync(later.written.files[0], srFile)
    runTool('dcmodify', [
      '-nb',
      '-m',
      'SOPClassUID=1.2.840.10008.5.1.4.1.1.88.33',
      '-m',
      'Modality=SR',
      '-m',
      'SOPInstanceUID=2.25.7299',
      '-m',
      'SeriesInstanceUID=2.25.7298',
      '-ea',
      '(7fe0,0010)',
      srFile,
    ])
    runTool('dcmmkdir', [
      '--recurse',
      '--output-file',
      join(dir, 'DICOMDIR'),
      '--input-directory',
      dir,
      'DICOM',
    ])

    const progress: DicomImportProgress[] = []
    const result = await readDicomFolder(dir, { onProgress: (p) => progress.push(p) })
    expect(result.issues).toEqual([])
    expect(result.srFiles).toEqual([srFile])
    expect(result.patients.map((p) => [p.patientId, p.birthDate, p.sex, p.studyUids])).toEqual([
      ['LT-0001', '1960-02-29', 'F', ['2.25.7300', '2.25.7200']],
      ['LT-0002', '1960-02-29', 'F', ['2.25.7400']],
    ])
    const studies = new Map(result.studies.map((s) => [s.studyInstanceUid, s]))
    expect(studies.get('2.25.7300')).toMatchObject({
      studyDate: '2021-11-30',
      studyIndex: 1,
      seriesUids: ['2.25.7301'],
    })
    expect(studies.get('2.25.7200')).toMatchObject({
      studyDate: '2023-03-01',
      studyIndex: 2,
      seriesUids: ['2.25.7201'],
    })
    expect(studies.get('2.25.7400')).toMatchObject({ studyIndex: 1 })
    expect([...result.volumes.keys()].sort()).toEqual(['2.25.7201', '2.25.7301', '2.25.7401'])

    const headers = progress.filter((p) => p.phase === 'headers')
    const pixels = progress.filter((p) => p.phase === 'pixels')
    expect(headers.at(-1)).toEqual({ phase: 'headers', done: 14, total: 14 }) // 12 slices, SR, DICOMDIR
    expect(pixels.at(-1)).toEqual({ phase: 'pixels', done: 12, total: 12 })
    expect(pixels.every((p, n) => n === 0 || p.done >= pixels[n - 1].done)).toBe(true)
  })

  it('orders an oblique feet-first series by position along its normal, whatever the file names', async () => {
    const dir = join(temp.dir, 'oblique')
    const c = Math.cos(0.3)
    const s = Math.sin(0.3)
    const source = await writeSyntheticSeries(join(temp.dir, 'oblique-source'), {
      dims: [24, 20, 7],
      seriesUid: '2.25.7501',
      // Rows tilted about L; the slice normal points to the feet (negative S).
      geometry: { rowDirection: [-1, 0, 0], columnDirection: [0, c, s], sliceNormal: [0, s, -c] },
    })
    mkdirSync(dir)
    // Names that sort in neither k order nor InstanceNumber order.
    const names = ['zeta', 'alpha', 'm.dcm', '0007', 'b_b', 'Q', 'x.y.z']
    source.written.files.forEach((file, k) => renameSync(file, join(dir, names[k])))
    const result = await readDicomFolder(dir)
    expectSameSeries(result, source)
    expect(result.series[0].sourceFiles).toEqual(names.map((name) => join(dir, name)))
  })
})
