// A folder may hold a slice both as exported and as a lossy-compressed copy (a new SOP instance
// at the same place). The import must use the original, exactly, not reject the series as two
// slices at one position nor mix lossy pixels in.
import { copyFileSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readImageHeader } from '../../../electron/core/dicom/read-header'
import { readDicomFolder } from '../../../electron/core/import/dicom-folder'
import { convertSeries, tempFolder, VENDOR_DIR, writeSyntheticSeries } from './fixtures'

const temp = tempFolder('lossy-copies')
afterAll(temp.remove)
const SERIES = '2.25.9201'
const REFERENCE = 'LittleEndianExplicitTransferSyntax_1.2.840.10008.1.2.1.dcm'
let original: Awaited<ReturnType<typeof writeSyntheticSeries>>
let copies: string[]

beforeAll(async () => {
  original = await writeSyntheticSeries(join(temp.dir, 'export', 'original'), {
    dims: [16, 12, 6],
    seriesUid: SERIES,
    storage: 'unsigned12',
  })
  copies = convertSeries(original.written.files, join(temp.dir, 'export', 'web'), 'dcmcjpeg', [
    '+ee',
  ])
})

describe('readDicomFolder on slices beside their lossy copies', () => {
  it('has copies that are new SOP instances marked lossy, at the originals’ places', () => {
    const copy = readImageHeader(copies[0])
    const source = readImageHeader(original.written.files[0])
    expect(copy.sopInstanceUid).not.toBe(source.sopInstanceUid)
    expect(copy.lossyCompressed).toBe(true)
    expect(copy.imagePositionLps).toEqual(source.imagePositionLps)
  })

  it('imports the series once, from the lossless originals, with one note', async () => {
    const result = await readDicomFolder(join(temp.dir, 'export'))
    expect(result.series.map((s) => s.geometry.dims)).toEqual([[16, 12, 6]])
    expect(result.volumes.get(SERIES)).toEqual(original.volume.hu)
    expect(result.issues.map((i) => [i.code, i.severity])).toEqual([['lossy-copy', 'note']])
    expect(result.issues[0].message).toMatch(/^6 file\(s\) of series .* lossy-compressed copies/)
  })

  it('imports the real vendor folder (one slice in 13 encodings) as its one lossless slice', async () => {
    const result = await readDicomFolder(VENDOR_DIR)
    expect(result.series.map((s) => s.geometry.dims)).toEqual([[512, 512, 1]])
    const codes = result.issues.map((i) => `${i.code} ${i.severity}`)
    // Nine lossless files are one SOP instance (eight second copies, said in one note); four
    // are lossy derivatives.
    expect(codes.sort()).toEqual(['duplicate-file note', 'lossy-copy note'])
    expect(result.issues.find((i) => i.code === 'duplicate-file')?.message).toMatch(
      /^8 files of series .* are second copies of images already read \(this one of .*, and 7 more\)/,
    )
    expect(result.issues.find((i) => i.code === 'lossy-copy')?.message).toMatch(/^4 file\(s\)/)
    // The HU are those of the explicit little endian file alone, exactly.
    const alone = join(temp.dir, 'reference')
    mkdirSync(alone)
    copyFileSync(join(VENDOR_DIR, REFERENCE), join(alone, REFERENCE))
    const reference = await readDicomFolder(alone)
    const [uid] = reference.volumes.keys()
    expect(result.volumes.get(uid)).toEqual(reference.volumes.get(uid))
  })
})
