// The fast header scanner must read exactly what dicom-parser reads, on real files of every
// encoding it handles (nested undefined-length sequences included), and step aside otherwise.
import { copyFileSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { parseDicomBytes } from '../../../electron/core/dicom/dicom-file'
import { scanHeader } from '../../../electron/core/dicom/header-scan'
import { imageHeaderOf } from '../../../electron/core/dicom/image-header'
import { TAG } from '../../../electron/core/dicom/tags'
import { runTool, tempFolder, VENDOR_DIR } from './fixtures'

const temp = tempFolder('header-scan')
afterAll(temp.remove)
const WANTED = new Set<string>(Object.values(TAG))

function bothWays(file: string) {
  const bytes = readFileSync(file)
  const scanned = scanHeader(bytes, WANTED)
  const parsed = parseDicomBytes(bytes, { untilPixelData: true })
  return {
    scanned: scanned && imageHeaderOf(scanned, file, bytes.length),
    parsed: imageHeaderOf(parsed, file, bytes.length),
  }
}

describe('scanHeader', () => {
  const vendorFiles = readdirSync(VENDOR_DIR).filter(
    (name) => !name.includes('1.2.840.10008.1.2.1.99'),
  )
  for (const name of vendorFiles) {
    it(`reads what dicom-parser reads from the vendor file ${name.replace(/_[\d.]+\.dcm$/, '')}`, () => {
      const { scanned, parsed } = bothWays(join(VENDOR_DIR, name))
      expect(scanned).not.toBeNull()
      expect(scanned).toEqual(parsed)
    })
  }

  it('skips nested undefined-length sequences in explicit LE, implicit LE and explicit BE', () => {
    const source = join(temp.dir, 'with-sequences')
    copyFileSync(
      join(VENDOR_DIR, 'LittleEndianExplicitTransferSyntax_1.2.840.10008.1.2.1.dcm'),
      source,
    )
    runTool('dcmodify', [
      '-nb',
      '-i',
      '(0008,1140)[0].(0008,1150)=1.2.840.10008.5.1.4.1.1.2',
      '-i',
      '(0008,1140)[1].(0040,a730)[0].(0040,a040)=TEXT',
      '-i',
      '(0040,0275)[0].(0040,0007)=after a sequence',
      source,
    ])
    for (const [suffix, args] of [
      ['le', []],
      ['implicit', ['+ti']],
      ['be', ['+tb']],
    ] as const) {
      const file = join(temp.dir, `undefined-lengths-${suffix}`)
      runTool('dcmconv', ['-e', ...args, source, file])
      expect(runTool('dcmdump', [file])).toMatch(/Sequence with undefined length/)
      const { scanned, parsed } = bothWays(file)
      expect(scanned).not.toBeNull()
      expect(scanned).toEqual(parsed)
      expect(scanned!.rows).toBe(512)
    }
  })

  it('steps aside for deflated, raw and cut files', () => {
    const deflated = readdirSync(VENDOR_DIR).find((name) =>
      name.includes('1.2.840.10008.1.2.1.99'),
    )!
    expect(scanHeader(readFileSync(join(VENDOR_DIR, deflated)), WANTED)).toBeNull()
    const explicit = readFileSync(
      join(VENDOR_DIR, 'LittleEndianExplicitTransferSyntax_1.2.840.10008.1.2.1.dcm'),
    )
    expect(scanHeader(explicit.subarray(132), WANTED)).toBeNull()
    expect(scanHeader(explicit.subarray(0, 3000), WANTED)).toBeNull()
  })
})
