// Every CT export carries scouts: projections through the body, marked LOCALIZER in ImageType.
// They must neither reject the axial series they are filed in nor count as a volume.
import { copyFileSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readDicomFolder, type DicomFolderImport } from '../../../electron/core/import/dicom-folder'
import { runTool, tempFolder, VENDOR_DIR, writeSyntheticSeries } from './fixtures'

const temp = tempFolder('localizer')
afterAll(temp.remove)
const root = join(temp.dir, 'export')
const AXIAL_SERIES = '2.25.9101'
const SCOUT_SERIES = '2.25.9102'
const VENDOR_FILE = 'LittleEndianExplicitTransferSyntax_1.2.840.10008.1.2.1.dcm'
let good: Awaited<ReturnType<typeof writeSyntheticSeries>>
let result: DicomFolderImport

/** A copy of `file` turned into a scout of `seriesUid` with its own SOP instance and orientation. */
function scoutFrom(file: string, out: string, seriesUid: string, sopUid: string, iop: string) {
  copyFileSync(file, out)
  runTool('dcmodify', [
    '-nb',
    '-m',
    '(0008,0008)=ORIGINAL\\PRIMARY\\LOCALIZER',
    '-m',
    `(0020,000e)=${seriesUid}`,
    '-m',
    `(0008,0018)=${sopUid}`,
    '-m',
    `(0020,0037)=${iop}`,
    out,
  ])
}

beforeAll(async () => {
  good = await writeSyntheticSeries(join(root, 'axial'), {
    dims: [16, 12, 6],
    seriesUid: AXIAL_SERIES,
  })
  const first = good.written.files[0]
  // One scout filed inside the axial series (as some scanners do), two in a series of their own.
  scoutFrom(
    first,
    join(root, 'axial', 'scout-in-series.dcm'),
    AXIAL_SERIES,
    '2.25.9103',
    '1\\0\\0\\0\\0\\-1',
  )
  mkdirSync(join(root, 'scouts'))
  scoutFrom(first, join(root, 'scouts', 'ap.dcm'), SCOUT_SERIES, '2.25.9104', '1\\0\\0\\0\\0\\-1')
  scoutFrom(first, join(root, 'scouts', 'lat.dcm'), SCOUT_SERIES, '2.25.9105', '0\\1\\0\\0\\0\\-1')
  // The real GE slice relabelled as a scout: the vendor file's own ImageType element is edited.
  mkdirSync(join(root, 'vendor'))
  const vendorScout = join(root, 'vendor', 'scout.dcm')
  copyFileSync(join(VENDOR_DIR, VENDOR_FILE), vendorScout)
  runTool('dcmodify', ['-nb', '-m', '(0008,0008)=ORIGINAL\\PRIMARY\\LOCALIZER', vendorScout])
  result = await readDicomFolder(root)
})

describe('readDicomFolder on an export with localizers', () => {
  it('imports the axial series without its scout, voxel for voxel', () => {
    const series = result.series.find((s) => s.seriesInstanceUid === AXIAL_SERIES)
    expect(series?.geometry.dims).toEqual([16, 12, 6])
    expect(result.volumes.get(AXIAL_SERIES)).toEqual(good.volume.hu)
  })

  it('imports no scout series, the real vendor one included', () => {
    expect(result.series.map((s) => s.seriesInstanceUid)).toEqual([AXIAL_SERIES])
  })

  it('says once per series that its scouts were left out, as a note only', () => {
    const issues = result.issues.map((i) => [i.code, i.severity, i.file.replace(root, '')])
    expect(issues.sort()).toEqual([
      ['localizer', 'note', '/axial/scout-in-series.dcm'],
      ['localizer', 'note', '/scouts/ap.dcm'],
      ['localizer', 'note', '/vendor/scout.dcm'],
    ])
    const messages = result.issues.map((i) => i.message).join('\n')
    expect(messages).toMatch(
      /Left 1 localizer \(scout\) image\(s\) out of .*its 6 slice\(s\) are read/,
    )
    expect(messages).toMatch(/Skipped .*: 2 localizer \(scout\) image\(s\)/)
  })
})
