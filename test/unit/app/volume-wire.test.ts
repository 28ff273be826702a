// The binary volume answer must give back the very voxels and geometry that were sent, whatever
// the header length (odd lengths need padding), and refuse a truncated answer.
import { describe, expect, it } from 'vitest'
import { decodeVolume, encodeVolume } from '../../../electron/api/volume-wire'
import type { VolumeVoxels } from '../../../electron/api/records'

function volume(uid: string, dims: [number, number, number]): VolumeVoxels {
  const hu = new Int16Array(dims[0] * dims[1] * dims[2])
  for (let n = 0; n < hu.length; n++) hu[n] = ((n * 7919) % 4000) - 1024
  return {
    seriesInstanceUid: uid,
    geometry: {
      dims,
      spacingMm: [0.71, 0.71, 2.5],
      originLps: [-180.5, -200.25, 1234.5],
      rowDirection: [1, 0, 0],
      columnDirection: [0, 1, 0],
      sliceNormal: [0, 0, 1],
    },
    hu,
  }
}

describe('volume wire format', () => {
  it.each(['1.2.3', '1.2.34'])('round-trips voxels and geometry (series UID %s)', (uid) => {
    const sent = volume(uid, [5, 4, 3])
    const bytes = encodeVolume(sent)
    const copy = bytes.slice().buffer
    const received = decodeVolume(copy)
    expect(received.seriesInstanceUid).toBe(uid)
    expect(received.geometry).toEqual(sent.geometry)
    expect(Array.from(received.hu)).toEqual(Array.from(sent.hu))
  })

  it('encodes a view into a larger buffer without its neighbours', () => {
    const big = new Int16Array(100).fill(9)
    const sent = volume('1.2.3', [2, 2, 2])
    sent.hu.forEach((v, n) => (big[10 + n] = v))
    const bytes = encodeVolume({ ...sent, hu: big.subarray(10, 18) })
    expect(Array.from(decodeVolume(bytes.slice().buffer).hu)).toEqual(Array.from(sent.hu))
  })

  it('refuses an answer whose voxel count does not match its dims', () => {
    const bytes = encodeVolume(volume('1.2.3', [4, 4, 2]))
    expect(() => decodeVolume(bytes.slice(0, bytes.length - 2).buffer)).toThrow(
      /expected 32 voxels/,
    )
  })
})
