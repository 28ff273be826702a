// Patient names and descriptions must show as the PACS wrote them: the header readers give one
// character per byte (Latin-1), so a file declaring UTF-8, another ISO 8859 part or a Chinese set
// must be decoded again; ASCII and Latin-1 files stay as read. Checked on the real GE slice too.
import { copyFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { decodeText, encodingOf } from '../../../electron/core/dicom/character-set'
import { readDicomFolder } from '../../../electron/core/import/dicom-folder'
import { writeCtSeries } from '../../../electron/core/dicom/write/ct-series'
import { runTool, syntheticVolume, tempFolder, VENDOR_DIR } from './fixtures'

/** A string with one character per byte of `bytes`, as the header readers return text. */
function asRead(bytes: Uint8Array | number[]): string {
  return String.fromCharCode(...bytes)
}

describe('decodeText', () => {
  it('decodes UTF-8, ISO 8859 parts and GB18030 by the declared character set', () => {
    expect(decodeText(asRead(Buffer.from('Müller^Jürgen', 'utf8')), 'ISO_IR 192')).toBe(
      'Müller^Jürgen',
    )
    // ISO 8859-7: Θ = 0xC8, ώ = 0xFE, ρ = 0xF1.
    expect(decodeText(asRead([0xc8, 0xfe, 0xf1]), 'ISO_IR 126')).toBe('Θώρ')
    // ISO 8859-2: Ł = 0xA3, ó = 0xF3, ź = 0xBC.
    expect(decodeText(asRead([0xa3, 0xf3, 0xbc]), 'ISO_IR 101')).toBe('Łóź')
    // GB18030 (and GB 2312): 王 = CD F5.
    expect(decodeText(asRead([0xcd, 0xf5]), 'GB18030')).toBe('王')
  })

  it('keeps Latin-1, ASCII and undeclared text as read, and unknown sets untouched', () => {
    const latin1 = asRead([0x4d, 0xfc, 0x6c, 0x6c, 0x65, 0x72])
    expect(decodeText(latin1, 'ISO_IR 100')).toBe('Müller')
    expect(decodeText(latin1, '')).toBe('Müller')
    expect(decodeText('DOE^JOHN', 'ISO_IR 192')).toBe('DOE^JOHN')
    expect(decodeText(latin1, 'ISO_IR 999')).toBe(latin1)
  })

  it('takes the decoder of a code extension after the default set', () => {
    expect(encodingOf('ISO 2022 IR 6\\ISO 2022 IR 87')).toBe('iso-2022-jp')
    expect(encodingOf('\\ISO 2022 IR 149')).toBe('euc-kr')
    expect(encodingOf('ISO_IR 100')).toBeNull()
  })
})

describe('the writers and the import', () => {
  const temp = tempFolder('charset-written')
  afterAll(temp.remove)

  it('keep a name outside Latin-1 through a written series (UTF-8, declared ISO_IR 192)', async () => {
    const volume = syntheticVolume({ dims: [8, 6, 3], seriesUid: '2.25.991' })
    volume.patient = { ...volume.patient, name: 'Wąs^Łukasz' }
    volume.seriesDescription = '胸部 平扫'
    const written = await writeCtSeries(temp.dir, volume)
    expect(runTool('dcmdump', ['+P', 'SpecificCharacterSet', written.files[0]])).toContain(
      'ISO_IR 192',
    )
    const result = await readDicomFolder(temp.dir)
    expect(result.patients.map((p) => p.name)).toEqual(['Wąs^Łukasz'])
    expect(result.series.map((s) => s.description)).toEqual(['胸部 平扫'])
  })
})

describe('the import of a file in UTF-8', () => {
  const temp = tempFolder('charset')
  afterAll(temp.remove)

  it('shows its patient name and descriptions as written', async () => {
    const file = join(temp.dir, 'ct.dcm')
    copyFileSync(
      join(VENDOR_DIR, 'LittleEndianExplicitTransferSyntax_1.2.840.10008.1.2.1.dcm'),
      file,
    )
    runTool('dcmodify', [
      '-nb',
      '-i',
      '(0008,0005)=ISO_IR 192',
      '-i',
      '(0010,0010)=Müller^Jürgen',
      '-i',
      '(0008,1030)=Θώρακας με σκιαγραφικό',
      '-i',
      '(0008,103e)=胸部 平扫',
      file,
    ])
    const result = await readDicomFolder(temp.dir)
    expect(result.patients.map((p) => p.name)).toEqual(['Müller^Jürgen'])
    expect(result.studies.map((s) => s.description)).toEqual(['Θώρακας με σκιαγραφικό'])
    expect(result.series.map((s) => s.description)).toEqual(['胸部 平扫'])
  })
})
