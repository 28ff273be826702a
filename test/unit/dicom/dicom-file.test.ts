// readDicomFile gives whole data sets, sequences included (what the SR reader builds on), for
// Part 10 files and for raw implicit-VR data sets without preamble; other bytes are refused.
import { renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { DicomReadError, readDicomFile } from '../../../electron/core/dicom/dicom-file'
import { readImageHeader } from '../../../electron/core/dicom/read-header'
import { TAG } from '../../../electron/core/dicom/tags'
import { readDicomFolder } from '../../../electron/core/import/dicom-folder'
import { runTool, tempFolder, VENDOR_DIR, writeSyntheticSeries } from './fixtures'

const temp = tempFolder('dicom-file')
afterAll(temp.remove)
const vendor = join(VENDOR_DIR, 'LittleEndianExplicitTransferSyntax_1.2.840.10008.1.2.1.dcm')

describe('readDicomFile', () => {
  it('reads the sequences of a DICOMDIR written by dcmmkdir', async () => {
    const { written } = await writeSyntheticSeries(join(temp.dir, 'set', 'SERIES'), {
      dims: [8, 6, 2],
      seriesUid: '2.25.9501',
    })
    // DICOM file-set names: upper case, at most 8 characters, no extension.
    written.files.forEach((file, n) => renameSync(file, join(temp.dir, 'set', 'SERIES', `IM${n}`)))
    runTool('dcmmkdir', [
      '--recurse',
      '--output-file',
      join(temp.dir, 'set', 'DICOMDIR'),
      '--input-directory',
      join(temp.dir, 'set'),
      'SERIES',
    ])

    const { dataSet, transferSyntaxUid } = await readDicomFile(join(temp.dir, 'set', 'DICOMDIR'))
    expect(transferSyntaxUid).toBe('1.2.840.10008.1.2.1')
    const records = dataSet.elements.x00041220.items!.map((item) => item.dataSet!)
    expect(records.map((record) => record.string('x00041430'))).toEqual([
      'PATIENT',
      'STUDY',
      'SERIES',
      'IMAGE',
      'IMAGE',
    ])
    expect(
      records
        .filter((r) => r.string('x00041430') === 'IMAGE')
        .map((r) => r.string('x00041500'))
        .sort(),
    ).toEqual(['SERIES\\IM0', 'SERIES\\IM1'])
  })

  it('reads a raw implicit VR data set without preamble or meta header, as old exports have', async () => {
    const raw = join(temp.dir, 'raw-dataset')
    runTool('dcmconv', ['+ti', '-F', vendor, raw])
    const file = await readDicomFile(raw)
    expect(file.transferSyntaxUid).toBe('1.2.840.10008.1.2')
    expect(file.dataSet.string(TAG.PatientName)).toBe('MISTER^CT')
    const header = readImageHeader(raw)
    expect([header.rows, header.columns, header.rescale.intercept]).toEqual([512, 512, -1024])
    const imported = await readDicomFolder(raw)
    expect(imported.issues).toEqual([])
    expect(imported.series[0].geometry.dims).toEqual([512, 512, 1])
  })

  it('refuses bytes that are not DICOM, saying so', async () => {
    const text = join(temp.dir, 'readme')
    writeFileSync(text, 'x'.repeat(400))
    const error = await readDicomFile(text).catch((thrown: unknown) => thrown)
    expect(error).toBeInstanceOf(DicomReadError)
    expect((error as DicomReadError).code).toBe('not-dicom')
  })
})
