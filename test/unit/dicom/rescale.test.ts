// Stored words → HU: the SIMD kernel must agree with the lookup table on every possible word,
// and the lookup table must follow the DICOM rules (bits stored, sign, slope, padding, clamping).
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import type { ModalityRescale, StoredPixelFormat } from '../../../electron/core/dicom/image-header'
import { buildHuLut, PADDING_HU } from '../../../electron/core/dicom/pixels/modality-lut'
import { RESCALE_SIMD_WASM_BASE64 } from '../../../electron/core/dicom/pixels/rescale-simd-wasm'
import { simdApplies } from '../../../electron/core/dicom/pixels/rescale-simd'
import { HuVolume } from '../../../electron/core/dicom/pixels/hu-volume'
import { compileRescaleWat, WAT_PATH } from './tools/compile-rescale-wasm'

const signed16: StoredPixelFormat = { bitsAllocated: 16, bitsStored: 16, highBit: 15, signed: true }
const unsigned12: StoredPixelFormat = {
  bitsAllocated: 16,
  bitsStored: 12,
  highBit: 11,
  signed: false,
}
const signed12: StoredPixelFormat = { bitsAllocated: 16, bitsStored: 12, highBit: 11, signed: true }
const unsigned16: StoredPixelFormat = {
  bitsAllocated: 16,
  bitsStored: 16,
  highBit: 15,
  signed: false,
}
const rescale = (
  intercept: number,
  padding: [number, number] | null = null,
  slope = 1,
): ModalityRescale => ({
  slope,
  intercept,
  padding,
})

/** Every 16-bit word once, in a slice-sized array (65536 = 256 × 256 pixels). */
const allWords = new Uint16Array(65536).map((_, n) => n)

function viaVolume(format: StoredPixelFormat, modality: ModalityRescale): Int16Array {
  const volume = new HuVolume(allWords.length, 1)
  volume.writeSlice(0, allWords, format, modality)
  return volume.hu
}

describe('the modality lookup table', () => {
  it('masks the bits above BitsStored of unsigned 12-bit words and adds the intercept', () => {
    const lut = buildHuLut(unsigned12, rescale(-1024))
    expect(lut[0x0123]).toBe(0x123 - 1024)
    expect(lut[0xf123]).toBe(0x123 - 1024) // overlay bits above bit 11 are not part of the value
    expect(lut[4095]).toBe(3071)
  })

  it('sign-extends signed 12-bit words from bit 11', () => {
    const lut = buildHuLut(signed12, rescale(0))
    expect(lut[0x0800]).toBe(-2048)
    expect(lut[0x0fff]).toBe(-1)
    expect(lut[0x07ff]).toBe(2047)
  })

  it('maps the padding range to air and clamps what int16 cannot hold', () => {
    const lut = buildHuLut(signed16, rescale(-1024, [-2000, -1990]))
    expect(lut[0x10000 - 2000]).toBe(PADDING_HU)
    expect(lut[0x10000 - 1990]).toBe(PADDING_HU)
    expect(lut[0x10000 - 1989]).toBe(-1989 - 1024)
    expect(lut[0x8000]).toBe(-32768) // −32768 − 1024 clamps
    const wide = buildHuLut(unsigned16, rescale(-1024))
    expect(wide[65535]).toBe(32767) // 64511 HU clamps
  })

  it('applies a non-unit slope with rounding, as lossy 8-bit files need', () => {
    const lut = buildHuLut(
      { bitsAllocated: 8, bitsStored: 8, highBit: 7, signed: false },
      rescale(-4047, null, 32.1216),
    )
    expect(lut).toHaveLength(256)
    expect(lut[126]).toBe(Math.round(126 * 32.1216 - 4047))
  })
})

describe('the SIMD rescale kernel', () => {
  it('is the compiled form of rescale-simd.wat', async () => {
    const compiled = Buffer.from(await compileRescaleWat()).toString('base64')
    expect(readFileSync(WAT_PATH, 'utf8')).toContain('i16x8.add_sat_s')
    expect(compiled).toBe(RESCALE_SIMD_WASM_BASE64)
  })

  const cases: [string, StoredPixelFormat, ModalityRescale][] = [
    ['signed 16-bit, intercept −1024, padding −32768', signed16, rescale(-1024, [-32768, -32768])],
    ['signed 16-bit, padding range −2000…−1000', signed16, rescale(-1024, [-2000, -1000])],
    ['signed 16-bit, positive intercept that saturates', signed16, rescale(3000)],
    ['unsigned 12-bit with overlay bits, intercept −1024', unsigned12, rescale(-1024, [0, 0])],
    ['signed 12-bit, intercept 0', signed12, rescale(0)],
  ]
  for (const [label, format, modality] of cases) {
    it(`gives exactly the table's HU for all 65536 words: ${label}`, () => {
      expect(simdApplies(format, modality)).toBe(true)
      const expected = buildHuLut(format, modality)
      const actual = viaVolume(format, modality)
      let mismatches = 0
      for (let word = 0; word < 65536; word++) if (actual[word] !== expected[word]) mismatches++
      expect(mismatches).toBe(0)
    })
  }

  it('converts slices whose size is not a multiple of 8 without touching their neighbours', () => {
    const pixels = 13 // 26 bytes: the kernel's 16-byte vectors would overrun into the next slice
    const volume = new HuVolume(pixels, 3)
    const modality = rescale(-1024, [-2000, -2000])
    const raws = [0, 1, 2].map((k) =>
      new Uint16Array(pixels).map((_, n) => (k * 977 + n * 4099) & 0xffff),
    )
    for (const k of [1, 0, 2]) {
      const target = volume.sliceTarget(k, signed16)!
      new Uint16Array(target.buffer, target.byteOffset, pixels).set(raws[k])
      volume.writeSlice(
        k,
        new Uint16Array(target.buffer, target.byteOffset, pixels),
        signed16,
        modality,
      )
    }
    const lut = buildHuLut(signed16, modality)
    const expected = raws.flatMap((raw) => Array.from(raw, (word) => lut[word]))
    expect(Array.from(volume.hu)).toEqual(expected)
  })

  it('is not used where it would differ from the table', () => {
    expect(simdApplies(unsigned16, rescale(-1024))).toBe(false) // words above 32767
    expect(simdApplies(signed16, rescale(-1024, null, 2))).toBe(false) // slope ≠ 1
    expect(simdApplies(signed16, rescale(-1024.5))).toBe(false) // fractional intercept
    expect(simdApplies({ ...unsigned12, highBit: 15 }, rescale(0))).toBe(false) // value in the high bits
  })
})
