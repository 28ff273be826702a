// Bad input in a folder must give one clear issue per bad file or series, while everything else
// in the folder still imports and no half-built series comes back.
import {
  copyFileSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  truncateSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { writeCtSeries } from '../../../electron/core/dicom/write/ct-series'
import { readDicomFolder, type DicomFolderImport } from '../../../electron/core/import/dicom-folder'
import type { ImportIssue } from '../../../electron/core/model/types'
import {
  convertSeries,
  patchAscii,
  runTool,
  syntheticVolume,
  tempFolder,
  VENDOR_DIR,
  writeSyntheticSeries,
} from './fixtures'

const temp = tempFolder('bad-input')
afterAll(temp.remove)
const root = join(temp.dir, 'export')
const paths: Record<string, string> = {}
let good: Awaited<ReturnType<typeof writeSyntheticSeries>>
let result: DicomFolderImport

let writes = 0

/** A series of `dims` in root/<name>, with SOP Instance UIDs that do not collide with other writes. */
async function series(name: string, seriesUid: string, dims: [number, number, number], extra = {}) {
  const volume = { ...syntheticVolume({ dims, seriesUid }), ...extra }
  writes++
  volume.sopInstanceUids = Array.from(
    { length: dims[2] },
    (_, k) => `${seriesUid}.${writes}.${k + 1}`,
  )
  return writeCtSeries(join(root, name), volume)
}

beforeAll(async () => {
  good = await writeSyntheticSeries(join(root, 'good'), {
    dims: [16, 12, 6],
    seriesUid: '2.25.8001',
  })

  const truncated = await series('truncated', '2.25.8002', [16, 12, 6])
  paths.truncated = truncated.files[2]
  truncateSync(paths.truncated, statSync(paths.truncated).size - 100)

  paths.headerCut = join(root, 'header-cut')
  writeFileSync(paths.headerCut, readFileSync(good.written.files[0]).subarray(0, 400))

  paths.notDicom = join(root, 'notes.txt')
  writeFileSync(paths.notDicom, 'Export of 2024-02-01, 3 studies.\n')
  // A CD export's viewer program: many files that are not DICOM, in one folder.
  paths.viewer = join(root, 'VIEWER')
  mkdirSync(paths.viewer)
  for (const name of ['autorun.inf', 'viewer.exe', 'viewer.dll', 'help.html', 'logo.png']) {
    writeFileSync(join(paths.viewer, name), `not an image: ${name}\n`)
  }

  const noPixels = await series('no-pixels', '2.25.8003', [16, 12, 1])
  paths.noPixels = noPixels.files[0]
  runTool('dcmodify', ['-nb', '-ea', '(7fe0,0010)', paths.noPixels])

  const part2 = await series('part2-source', '2.25.8004', [16, 12, 4])
  const part2Files = convertSeries(part2.files, join(root, 'part2'), 'gdcmconv', ['--j2k'])
  part2.files.forEach((file) => unlinkSync(file))
  paths.unsupported = part2Files[1]
  patchAscii(paths.unsupported, '1.2.840.10008.1.2.4.90', '1.2.840.10008.1.2.4.92')

  const jpegLs = await series('jpegls-source', '2.25.8005', [16, 12, 4])
  const jpegLsFiles = convertSeries(jpegLs.files, join(root, 'jpegls'), 'dcmcjpls', [])
  jpegLs.files.forEach((file) => unlinkSync(file))
  paths.undecodable = jpegLsFiles[2]
  const bytes = readFileSync(paths.undecodable)
  const sof = bytes.indexOf(Buffer.from([0xff, 0xf7])) // JPEG-LS start of frame
  bytes.fill(0xff, sof + 2, sof + 13) // frame header: nonsense length, precision and size
  writeFileSync(paths.undecodable, bytes)

  // Two of six slices missing: too many to read the rest as one volume (missing-slices.test.ts
  // has the single lost slice, which is imported with an empty place).
  const gapped = await series('gap', '2.25.8006', [16, 12, 6])
  unlinkSync(gapped.files[1])
  unlinkSync(gapped.files[3])
  paths.gap = join(root, 'gap')

  const duplicated = await series('duplicate', '2.25.8007', [16, 12, 4])
  paths.duplicateCopy = join(root, 'duplicate', 'copy')
  copyFileSync(duplicated.files[1], paths.duplicateCopy)
  runTool('dcmodify', ['-nb', '-m', 'SOPInstanceUID=2.25.8007.99', paths.duplicateCopy])
  paths.duplicate = join(root, 'duplicate')

  await series('mixed/axial', '2.25.8008', [16, 12, 3])
  await series('mixed/sagittal', '2.25.8008', [16, 12, 2], {
    geometry: {
      ...syntheticVolume({ dims: [16, 12, 2], seriesUid: '' }).geometry,
      rowDirection: [0, 1, 0],
      columnDirection: [0, 0, -1],
      sliceNormal: [-1, 0, 0],
    },
  })
  paths.mixed = join(root, 'mixed')

  await series('matrix/a', '2.25.8009', [16, 12, 3])
  await series('matrix/b', '2.25.8009', [20, 12, 2], {
    geometry: {
      ...syntheticVolume({ dims: [20, 12, 2], seriesUid: '' }).geometry,
      originLps: [-20.5, -15.25, -50],
    },
  })
  paths.matrix = join(root, 'matrix')

  paths.mr = join(root, 'mr-slice')
  copyFileSync(good.written.files[0], paths.mr)
  runTool('dcmodify', [
    '-nb',
    '-m',
    'Modality=MR',
    '-m',
    'SOPClassUID=1.2.840.10008.5.1.4.1.1.4',
    '-m',
    'SeriesInstanceUID=2.25.8010',
    '-m',
    'SOPInstanceUID=2.25.8010.1',
    paths.mr,
  ])

  paths.brokenLink = join(root, 'broken-link')
  symlinkSync(join(root, 'moved-away'), paths.brokenLink)
  mkdirSync(join(root, 'empty-folder'))

  result = await readDicomFolder(root)
})

function issuesFor(file: string): ImportIssue[] {
  return result.issues.filter((issue) => issue.file === file)
}

function expectOneIssue(
  file: string,
  code: string,
  severity: ImportIssue['severity'],
  ...words: RegExp[]
): void {
  const issues = issuesFor(file)
  expect(issues.map((issue) => issue.code)).toEqual([code])
  const [issue] = issues
  expect(issue.severity).toBe(severity)
  for (const word of words) expect(issue.message).toMatch(word)
  expect(issue.hint.length).toBeGreaterThan(20)
}

describe('readDicomFolder on a folder with bad input', () => {
  it('still imports the good series, exactly, and nothing half-built', () => {
    expect(result.series.map((s) => s.seriesInstanceUid)).toEqual(['2.25.8001'])
    expect([...result.volumes.keys()]).toEqual(['2.25.8001'])
    expect(Array.from(result.volumes.get('2.25.8001')!)).toEqual(Array.from(good.volume.hu))
    expect(result.studies.map((s) => s.seriesUids)).toEqual([['2.25.8001']])
  })

  it('reports a file truncated inside its pixel data, and leaves its series out whole', () => {
    expectOneIssue(
      paths.truncated,
      'truncated',
      'error',
      /pixel data holds \d+ bytes/,
      /series 1 "synthetic 2\.25\.8002"/,
      /6 slices was not imported/,
    )
  })

  it('reports a file truncated inside its header', () => {
    expectOneIssue(paths.headerCut, 'truncated', 'error', /ends early/)
  })

  it('skips a non-DICOM file with a warning', () => {
    expectOneIssue(paths.notDicom, 'not-dicom', 'warning', /not a DICOM file/)
  })

  it('skips a folder of non-DICOM files with one warning naming a few of them', () => {
    expectOneIssue(
      paths.viewer,
      'not-dicom',
      'warning',
      /^Skipped 5 files of this folder that are not DICOM \(autorun\.inf, help\.html, logo\.png and 2 more\): not a DICOM file/,
    )
    expect(result.issues.filter((issue) => issue.file.startsWith(paths.viewer + '/'))).toEqual([])
  })

  it('reports a CT file without pixel data', () => {
    expectOneIssue(paths.noPixels, 'no-pixel-data', 'error', /CT Image Storage/, /no pixel data/)
  })

  it('names an unsupported transfer syntax by UID and name, and leaves its series out', () => {
    expectOneIssue(
      paths.unsupported,
      'unsupported-transfer-syntax',
      'error',
      /1\.2\.840\.10008\.1\.2\.4\.92/,
      /JPEG 2000 Part 2/,
      /4 slices was not imported/,
    )
    expect(result.volumes.has('2.25.8004')).toBe(false)
  })

  it('reports a slice that fails to decode, and leaves its series out', () => {
    expectOneIssue(
      paths.undecodable,
      'decode-failed',
      'error',
      /CharLS/,
      /4 slices was not imported/,
    )
    expect(result.volumes.has('2.25.8005')).toBe(false)
  })

  it('rejects a series with too many missing slices, naming the slices around the first gap', () => {
    expectOneIssue(
      paths.gap,
      'slice-gap',
      'error',
      /2 slice\(s\) are missing, 1 of them between IM0006\.dcm and IM0004\.dcm/,
      /5\.00 mm apart where the series steps 2\.50 mm\): too many/,
    )
  })

  it('rejects a series with two different slices at one position', () => {
    expectOneIssue(paths.duplicate, 'duplicate-position', 'error', /same position/, /copy/)
  })

  it('rejects series mixing orientations or matrix sizes', () => {
    expectOneIssue(paths.mixed, 'mixed-orientation', 'error', /different orientations/)
    expectOneIssue(paths.matrix, 'mixed-matrix-size', 'error', /16×12/, /20×12/)
  })

  it('skips a non-CT series with one note', () => {
    expectOneIssue(paths.mr, 'non-ct-series', 'note', /MR/, /1 image/)
  })

  it('reports a broken link', () => {
    expectOneIssue(paths.brokenLink, 'unreadable-file', 'error', /does not exist/)
  })

  it('says nothing else: one issue for each of the 13 problems', () => {
    expect(result.issues).toHaveLength(13)
    expect(result.srFiles).toEqual([])
  })
})

describe('readDicomFolder on a vendor file cut at any length', () => {
  const syntaxes = [
    '1.2.840.10008.1.2.1',
    '1.2.840.10008.1.2',
    '1.2.840.10008.1.2.2',
    '1.2.840.10008.1.2.1.99',
    '1.2.840.10008.1.2.4.80',
  ]
  it('gives exactly one issue for the file and never fails the import', async () => {
    const outcomes = new Map<string, number>()
    for (const uid of syntaxes) {
      const name = readdirSync(VENDOR_DIR).find((file) => file.endsWith(`_${uid}.dcm`))!
      const bytes = readFileSync(join(VENDOR_DIR, name))
      // Every 97 bytes through the meta header and the data set, then a few cuts in the pixels.
      const cuts = [
        ...Array.from({ length: 80 }, (_, n) => n * 97),
        bytes.length >> 1,
        bytes.length - 200,
      ]
      for (const cut of cuts) {
        const dir = join(temp.dir, 'cuts', `${uid}-${cut}`)
        mkdirSync(dir, { recursive: true })
        writeFileSync(join(dir, 'slice'), bytes.subarray(0, cut))
        const cutResult = await readDicomFolder(dir)
        expect(cutResult.series).toEqual([])
        expect(cutResult.issues.map((issue) => issue.file)).toEqual([join(dir, 'slice')])
        outcomes.set(cutResult.issues[0].code, (outcomes.get(cutResult.issues[0].code) ?? 0) + 1)
      }
    }
    const allowed = ['not-dicom', 'truncated', 'corrupt', 'no-pixel-data']
    expect([...outcomes.keys()].filter((code) => !allowed.includes(code))).toEqual([])
    expect(outcomes.get('truncated')).toBeGreaterThan(300)
  })
})
