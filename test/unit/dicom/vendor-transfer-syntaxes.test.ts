// The real GE CT slice in 13 transfer syntaxes: every lossless encoding must give exactly the HU
// of the explicit little endian file, which itself must match the words dcmtk extracts.
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { readStoredWords } from '../../../electron/core/dicom/pixel-data'
import { PADDING_HU } from '../../../electron/core/dicom/pixels/modality-lut'
import { HuVolume } from '../../../electron/core/dicom/pixels/hu-volume'
import { readImageHeader } from '../../../electron/core/dicom/read-header'
import { transferSyntax } from '../../../electron/core/dicom/transfer-syntax'
import { runTool, tempFolder, VENDOR_DIR } from './fixtures'

const PIXELS = 512 * 512
const files = readdirSync(VENDOR_DIR).filter((name) => name.endsWith('.dcm'))
const uidOf = (name: string) => /_([\d.]+)\.dcm$/.exec(name)![1]
const REFERENCE = files.find((name) => uidOf(name) === '1.2.840.10008.1.2.1')!

async function decodeHu(name: string): Promise<Int16Array> {
  const header = readImageHeader(join(VENDOR_DIR, name))
  const volume = new HuVolume(PIXELS, 1)
  const raw = await readStoredWords(header, volume.sliceTarget(0, header.storedFormat))
  volume.writeSlice(0, raw, header.storedFormat, header.rescale)
  return volume.hu
}

function differences(a: Int16Array, b: Int16Array): { max: number; mean: number } {
  let max = 0
  let sum = 0
  for (let n = 0; n < a.length; n++) {
    const d = Math.abs(a[n] - b[n])
    sum += d
    if (d > max) max = d
  }
  return { max, mean: sum / a.length }
}

/** NEAR of a JPEG-LS stream: the byte after the component list of its SOS segment (T.87 C.2.3). */
function jpegLsNear(file: string): number {
  const bytes = readFileSync(file)
  const sos = bytes.indexOf(Buffer.from([0xff, 0xda]))
  const componentCount = bytes[sos + 4]
  return bytes[sos + 5 + componentCount * 2]
}

const temp = tempFolder('vendor')
afterAll(temp.remove)

describe('the real vendor CT slice', () => {
  it('decodes, in explicit VR little endian, to the words dcmtk extracts, rescaled by intercept −1024', async () => {
    runTool('dcmdump', ['-q', `+W`, temp.dir, join(VENDOR_DIR, REFERENCE)])
    const dumped = readdirSync(temp.dir).find((name) => name.endsWith('.raw'))!
    const bytes = readFileSync(join(temp.dir, dumped))
    const words = new Int16Array(bytes.buffer, bytes.byteOffset, PIXELS)
    const hu = await decodeHu(REFERENCE)
    let checked = 0
    for (let n = 0; n < PIXELS; n++) {
      const expected = words[n] === -32768 ? PADDING_HU : words[n] - 1024
      if (hu[n] !== expected) throw new Error(`pixel ${n}: ${hu[n]} HU, expected ${expected}`)
      checked++
    }
    expect(checked).toBe(PIXELS)
    // A CT slice: air outside the body (below −900 HU) and soft tissue at the centre.
    expect(hu[10 * 512 + 256]).toBeLessThan(-900)
    expect(Math.abs(hu[256 * 512 + 256])).toBeLessThan(200)
  })

  const lossless = files.filter((name) => name !== REFERENCE && !transferSyntax(uidOf(name)).lossy)
  it('is present in all 13 transfer syntaxes, 9 of them lossless', () => {
    expect(files).toHaveLength(13)
    expect(lossless).toHaveLength(8)
  })

  for (const name of lossless) {
    it(`gives identical HU from ${transferSyntax(uidOf(name)).name}`, async () => {
      const reference = await decodeHu(REFERENCE)
      const hu = await decodeHu(name)
      expect(differences(hu, reference)).toEqual({ max: 0, mean: 0 })
    })
  }

  // Lossy tolerances, each from what the encoding allows:
  // - JPEG-LS near-lossless guarantees |error| ≤ NEAR stored units (read from the stream), slope 1;
  // - JPEG 2000 lossy (ratio 3.8 per the file): wavelet quantisation, a few HU at edges;
  // - JPEG extended 12-bit, stored = (HU + 4047) / 2.0: DCT quantisation of a few stored steps;
  // - JPEG baseline 8-bit, stored = (HU + 4047) / 32.1: one stored step is 32 HU, so rounding
  //   alone gives up to ±16 HU and the DCT adds about one step more.
  const lossy: Record<string, { maxHu: (file: string) => number; meanHu: number }> = {
    '1.2.840.10008.1.2.4.81': { maxHu: (file) => jpegLsNear(file), meanHu: 1 },
    '1.2.840.10008.1.2.4.91': { maxHu: () => 10, meanHu: 1 },
    '1.2.840.10008.1.2.4.51': { maxHu: () => 50, meanHu: 5 },
    '1.2.840.10008.1.2.4.50': { maxHu: () => 3 * 32.1216, meanHu: 32.1216 },
  }
  for (const [uid, tolerance] of Object.entries(lossy)) {
    const name = files.find((file) => uidOf(file) === uid)!
    it(`gives HU close to the original from ${transferSyntax(uid).name}`, async () => {
      const reference = await decodeHu(REFERENCE)
      const { max, mean } = differences(await decodeHu(name), reference)
      expect(max).toBeLessThanOrEqual(tolerance.maxHu(join(VENDOR_DIR, name)))
      expect(mean).toBeLessThanOrEqual(tolerance.meanHu)
      // Not trivially equal: the stream really is lossy, so the comparison above is meaningful.
      expect(max).toBeGreaterThan(0)
    })
  }
})
