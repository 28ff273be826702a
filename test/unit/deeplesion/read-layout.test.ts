import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { encode } from 'fast-png'
import { describe, expect, it } from 'vitest'
import { DL_INFO_COLUMNS } from '../../../electron/core/deeplesion/dl-info'
import {
  isDeepLesionFolder,
  readDeepLesionFolder,
} from '../../../electron/core/deeplesion/read-layout'
import { lpsToPixel } from '../../../electron/core/geometry/frames'
import type { DicomImportProgress } from '../../../electron/core/import/dicom-folder'

const SIZE = 32

/** A slice whose value encodes (series, slice, pixel) so a mix-up of any of them is visible. */
function sliceHu(seriesTag: number, slice: number, x: number, y: number): number {
  return seriesTag * 100 + slice * 10 + ((x + 2 * y) % 7) - 1000
}

function writeSlice(dir: string, folder: string, seriesTag: number, slice: number) {
  const data = new Uint16Array(SIZE * SIZE)
  for (let y = 0; y < SIZE; y++) {
    for (let x = 0; x < SIZE; x++) data[y * SIZE + x] = sliceHu(seriesTag, slice, x, y) + 32768
  }
  const png = encode({ width: SIZE, height: SIZE, data, depth: 16, channels: 1 })
  mkdirSync(join(dir, 'Images_png', folder), { recursive: true })
  writeFileSync(join(dir, 'Images_png', folder, `${String(slice).padStart(3, '0')}.png`), png)
}

function row(
  folder: string,
  key: number,
  range: [number, number],
  coords: number[],
  type: number,
  spacing = [0.8, 0.8, 5],
) {
  const [p, s, r] = folder.split('_').map(Number)
  const long = Math.hypot(coords[2] - coords[0], coords[3] - coords[1])
  const short = Math.hypot(coords[6] - coords[4], coords[7] - coords[5])
  const list = (values: number[]) => `"${values.join(', ')}"`
  return [
    `${folder}_${String(key).padStart(3, '0')}.png`,
    p,
    s,
    r,
    key,
    list(coords),
    list([1, 1, 9, 9]),
    list([long, short]),
    list([0.5, 0.5, 0.5]),
    type,
    0,
    list(range),
    list(spacing),
    list([SIZE, SIZE]),
    list([-175, 275]),
    'F',
    60,
    2,
  ].join(',')
}

function makeLayout(): string {
  const dir = mkdtempSync(join(tmpdir(), 'dl-layout-'))
  const rows = [
    row('000007_01_01', 3, [2, 4], [11, 11, 21, 11, 16, 8, 16, 14], 4),
    row('000007_02_01', 5, [4, 6], [10, 20, 10, 30, 7, 25, 13, 25], 4),
    row('000007_02_01', 6, [5, 7], [1, 1, 4, 5, 2, 3, 3, 2], 5),
    row('000008_01_02', 2, [1, 3], [5, 5, 9, 5, 7, 4, 7, 6], 1),
  ]
  writeFileSync(join(dir, 'DL_info.csv'), [DL_INFO_COLUMNS.join(','), ...rows].join('\n') + '\n')
  for (const s of [2, 3, 4]) writeSlice(dir, '000007_01_01', 1, s)
  for (const s of [4, 5, 6, 7]) writeSlice(dir, '000007_02_01', 2, s)
  for (const s of [1, 2, 3]) writeSlice(dir, '000008_01_02', 3, s)
  return dir
}

describe('DeepLesion layout import', () => {
  it('recognises the layout', () => {
    expect(isDeepLesionFolder(makeLayout())).toBe(true)
    expect(isDeepLesionFolder(tmpdir())).toBe(false)
  })

  it('builds patients, studies, series and bookmarks with HU = PNG value − 32768', () => {
    const result = readDeepLesionFolder(makeLayout())
    expect(result.issues).toEqual([])
    expect(result.patients.map((p) => p.patientId)).toEqual(['000007', '000008'])
    expect(result.studies.map((s) => [s.patientId, s.studyIndex])).toEqual([
      ['000007', 1],
      ['000007', 2],
      ['000008', 1],
    ])
    expect(result.bookmarks).toHaveLength(4)
    const series = result.series.find((s) => s.seriesInstanceUid.endsWith('000007_02_01'))!
    expect(series.geometry.dims).toEqual([SIZE, SIZE, 4])
    const hu = result.volumes.get(series.seriesInstanceUid)!
    const k = 2 // file 006.png is the third slice of the 4–7 range
    expect(hu[k * SIZE * SIZE + 9 * SIZE + 4]).toBe(sliceHu(2, 6, 4, 9))
  })

  it('places a bookmark on its key slice, 1-based DL_info pixels → 0-based centres, lengths in mm', () => {
    const result = readDeepLesionFolder(makeLayout())
    const bookmark = result.bookmarks.find((b) => b.label === '000007_02_01_005.png')!
    const series = result.series.find((s) => s.seriesInstanceUid === bookmark.seriesInstanceUid)!
    expect(bookmark.sliceIndex).toBe(1)
    expect(bookmark.longAxisPx).toEqual([
      [9, 19],
      [9, 29],
    ])
    expect(bookmark.longAxisMm).toBeCloseTo(10 * 0.8, 6)
    expect(bookmark.shortAxisMm).toBeCloseTo(6 * 0.8, 6)
    const back = lpsToPixel(series.geometry, bookmark.centerLps)
    expect(back[0]).toBeCloseTo(9, 6)
    expect(back[1]).toBeCloseTo(24, 6)
    expect(back[2]).toBeCloseTo(1, 6)
    expect(bookmark.lesionType).toBe(4)
  })

  it('measures in-plane positions from the image centre, so fields of view do not shift them', () => {
    // One point 4 mm right of and 2 mm below the scanner's axis, at 0.8 and at 0.5 mm pixels
    // (DL_info pixels are 1-based; the centre of a 32-pixel row is 0-based 15.5).
    const dir = mkdtempSync(join(tmpdir(), 'dl-fov-'))
    const rows = [
      row('000009_01_01', 2, [1, 3], [19.5, 19, 23.5, 19, 21.5, 18, 21.5, 20], 4),
      row(
        '000009_02_01',
        2,
        [1, 3],
        [21.5, 20.5, 27.5, 20.5, 24.5, 19, 24.5, 22],
        4,
        [0.5, 0.5, 5],
      ),
    ]
    writeFileSync(join(dir, 'DL_info.csv'), [DL_INFO_COLUMNS.join(','), ...rows].join('\n') + '\n')
    for (const folder of ['000009_01_01', '000009_02_01'])
      for (const s of [1, 2, 3]) writeSlice(dir, folder, 1, s)
    const result = readDeepLesionFolder(dir)
    expect(result.issues).toEqual([])
    const [a, b] = result.bookmarks.map((m) => m.centerLps)
    expect(a[0]).toBeCloseTo(4, 9)
    expect(a[1]).toBeCloseTo(2, 9)
    expect(b[0]).toBeCloseTo(4, 9)
    expect(b[1]).toBeCloseTo(2, 9)
  })

  it('leaves out a series with a corrupt PNG whole, names the file, and keeps the rest', () => {
    const dir = makeLayout()
    const bad = join(dir, 'Images_png', '000007_02_01', '007.png')
    writeFileSync(bad, readFileSync(bad).subarray(0, 40))
    const result = readDeepLesionFolder(dir)
    expect(result.issues).toHaveLength(1)
    expect(result.issues[0].file).toBe(bad)
    expect(result.issues[0].message).toMatch(/not a readable PNG.*000007_02_01 and its 2 bookmark/)
    expect(result.series.map((s) => s.seriesInstanceUid)).not.toContain('deeplesion:000007_02_01')
    expect(result.bookmarks).toHaveLength(2)
    expect(result.bookmarks.every((b) => !b.seriesInstanceUid.endsWith('000007_02_01'))).toBe(true)
  })

  it('reports a missing slice file by path', () => {
    const dir = makeLayout()
    writeFileSync(join(dir, 'Images_png', '000008_01_02', '003.png'), 'not a png at all')
    const result = readDeepLesionFolder(dir)
    expect(result.issues.map((i) => i.file)).toEqual([
      join(dir, 'Images_png', '000008_01_02', '003.png'),
    ])
    expect(result.patients.map((p) => p.patientId)).toEqual(['000007'])
  })

  it('says once which series have no folder (a partial DeepLesion download) and imports the rest', () => {
    const dir = makeLayout()
    rmSync(join(dir, 'Images_png', '000008_01_02'), { recursive: true })
    const result = readDeepLesionFolder(dir)
    expect(result.issues.map((i) => [i.code, i.severity])).toEqual([
      ['deeplesion-series-absent', 'warning'],
    ])
    expect(result.issues[0].message).toMatch(
      /^1 of the 3 series in DL_info\.csv \(1 bookmark\(s\)\) have no folder in Images_png \(000008_01_02\)/,
    )
    expect(result.series).toHaveLength(2)
    expect(result.bookmarks).toHaveLength(3)
    rmSync(join(dir, 'Images_png'), { recursive: true })
    mkdirSync(join(dir, 'Images_png'))
    const none = readDeepLesionFolder(dir)
    expect(none.issues.map((i) => [i.code, i.severity])).toEqual([
      ['deeplesion-series-absent', 'error'],
    ])
    expect(none.issues[0].message).toMatch(
      /^3 of the 3 series .*000007_01_01, 000007_02_01, 000008_01_02\)/,
    )
  })

  it('with deferred pixels, checks each slice by its header and reads a series when asked', async () => {
    const dir = makeLayout()
    const eager = readDeepLesionFolder(dir)
    const deferred = readDeepLesionFolder(dir, { deferPixels: true })
    expect(deferred.volumes.size).toBe(0)
    expect(deferred.series).toEqual(eager.series)
    expect(deferred.bookmarks).toEqual(eager.bookmarks)
    for (const series of eager.series) {
      expect(await deferred.readVolume!(series.seriesInstanceUid)).toEqual({
        ok: true,
        hu: eager.volumes.get(series.seriesInstanceUid),
      })
    }
    // A slice of another size fails its header check: the series is left out at import.
    writeFileSync(
      join(dir, 'Images_png', '000008_01_02', '002.png'),
      encode({ width: 8, height: 8, data: new Uint16Array(64), depth: 16, channels: 1 }),
    )
    // A slice whose image data is cut off passes the header check and fails when read.
    const cut = join(dir, 'Images_png', '000007_01_01', '003.png')
    writeFileSync(cut, readFileSync(cut).subarray(0, 60))
    const checked = readDeepLesionFolder(dir, { deferPixels: true })
    expect(checked.issues.map((i) => [i.file, i.code])).toEqual([
      [join(dir, 'Images_png', '000008_01_02', '002.png'), 'deeplesion-bad-slice'],
    ])
    expect(checked.issues[0].message).toMatch(/it is 8×8; DL_info says 32×32/)
    const read = await checked.readVolume!('deeplesion:000007_01_01')
    expect(read.ok).toBe(false)
    expect(!read.ok && read.issue.file).toBe(cut)
    expect(!read.ok && read.issue.message).toMatch(/not a readable PNG/)
  })

  it('reports its progress in slices: checked with deferred pixels, decoded without', () => {
    const dir = makeLayout()
    for (const [deferPixels, phase] of [
      [true, 'headers'],
      [false, 'pixels'],
    ] as const) {
      const seen: DicomImportProgress[] = []
      readDeepLesionFolder(dir, { deferPixels, onProgress: (p) => seen.push(p) })
      // Three series of 3, 4 and 3 slices.
      expect(seen).toEqual([
        { phase, done: 0, total: 10 },
        { phase, done: 3, total: 10 },
        { phase, done: 7, total: 10 },
        { phase, done: 10, total: 10 },
      ])
    }
  })
})
