import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import dicomParser from 'dicom-parser'
import { afterAll, describe, expect, it } from 'vitest'
import { writeCtSeries, type CtVolumeToWrite } from '../../../electron/core/dicom/write/ct-series'
import { pixelToLps } from '../../../electron/core/geometry/frames'
import { dciodvfy, dcmftest } from './dicom-tools'

const dir = mkdtempSync(join(tmpdir(), 'lt-ct-series-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

function ramp(dims: [number, number, number], min: number, max: number): Int16Array {
  const hu = new Int16Array(dims[0] * dims[1] * dims[2])
  for (let n = 0; n < hu.length; n++) hu[n] = min + ((n * 37) % (max - min + 1))
  return hu
}

function volume(storage: 'signed16' | 'unsigned12'): CtVolumeToWrite {
  const dims: [number, number, number] = [40, 30, 4]
  return {
    studyInstanceUid: '2.25.100',
    seriesInstanceUid: `2.25.${storage === 'signed16' ? 101 : 102}`,
    patient: { patientId: 'CT-TEST', name: 'TEST^CT', birthDate: '1955-06-30', sex: 'M' },
    studyDate: '2021-03-04',
    studyTime: '081500',
    bodyPartExamined: 'CHEST',
    kvp: 120,
    manufacturer: 'LesionTrack',
    pixelStorage: storage,
    geometry: {
      dims,
      spacingMm: [0.7, 0.9, 2.5],
      originLps: [-14.35, -13.5, -300.25],
      rowDirection: [1, 0, 0],
      columnDirection: [0, 1, 0],
      sliceNormal: [0, 0, 1],
    },
    hu: storage === 'signed16' ? ramp(dims, -3000, 3000) : ramp(dims, -1024, 3071),
  }
}

describe('writeCtSeries', () => {
  for (const storage of ['signed16', 'unsigned12'] as const) {
    it(`writes ${storage} slices that validate and decode to the same HU and positions`, async () => {
      const input = volume(storage)
      const written = await writeCtSeries(join(dir, storage), input)
      expect(written.files).toHaveLength(4)
      const verdicts = dcmftest(written.files)
      expect([...verdicts.values()]).toEqual([true, true, true, true])
      const { errors, output } = dciodvfy(written.files[0])
      expect(errors, output).toEqual([])

      const [columns, rows] = input.geometry.dims
      for (let k = 0; k < 4; k++) {
        const data = dicomParser.parseDicom(new Uint8Array(readFileSync(written.files[k])))
        const position = data.string('x00200032')!.split('\\').map(Number)
        const expected = pixelToLps(input.geometry, [0, 0, k])
        position.forEach((v, axis) => expect(v).toBeCloseTo(expected[axis], 6))
        expect(data.string('x00280030')).toBe('0.9\\0.7')
        expect(data.intString('x00200013')).toBe(4 - k)
        expect(data.string('x00080018')).toBe(written.sopInstanceUids[k])
        const intercept = Number(data.string('x00281052'))
        const pixel = data.elements.x7fe00010
        const signed = data.uint16('x00280103') === 1
        const raw = new DataView(
          data.byteArray.buffer,
          data.byteArray.byteOffset + pixel.dataOffset,
        )
        const slice = input.hu.subarray(k * columns * rows, (k + 1) * columns * rows)
        for (let n = 0; n < slice.length; n += 97) {
          const stored = signed ? raw.getInt16(n * 2, true) : raw.getUint16(n * 2, true)
          expect(stored + intercept).toBe(slice[n])
        }
      }
    })
  }

  it('refuses HU that unsigned 12-bit storage cannot hold, naming the slice', async () => {
    const input = volume('unsigned12')
    input.hu[input.hu.length - 1] = 3500
    await expect(writeCtSeries(join(dir, 'bad'), input)).rejects.toThrow(/slice 3 holds 3500 HU/)
  })

  it('refuses a voxel count that disagrees with the geometry', async () => {
    const input = volume('signed16')
    input.hu = input.hu.subarray(1)
    await expect(writeCtSeries(join(dir, 'bad2'), input)).rejects.toThrow(/4799 voxels/)
  })
})
