/**
 * Binary form of a series' voxels for HTTP: a little-endian uint32 header length, the header as
 * UTF-8 JSON (id and geometry), zero padding to an even offset, then the Int16 HU voxels.
 */
import type { VolumeVoxels } from './records'
import type { VolumeGeometry } from '../core/geometry/frames'

interface VolumeHeader {
  seriesInstanceUid: string
  geometry: VolumeGeometry
}

const LENGTH_BYTES = 4

/** Packs voxels into one buffer; the voxel bytes are copied once. */
export function encodeVolume(volume: VolumeVoxels): Uint8Array {
  const header: VolumeHeader = {
    seriesInstanceUid: volume.seriesInstanceUid,
    geometry: volume.geometry,
  }
  const headerBytes = new TextEncoder().encode(JSON.stringify(header))
  // Int16Array views need an even byte offset.
  const voxelOffset = LENGTH_BYTES + headerBytes.length + ((LENGTH_BYTES + headerBytes.length) % 2)
  const out = new Uint8Array(voxelOffset + volume.hu.byteLength)
  new DataView(out.buffer).setUint32(0, headerBytes.length, true)
  out.set(headerBytes, LENGTH_BYTES)
  out.set(new Uint8Array(volume.hu.buffer, volume.hu.byteOffset, volume.hu.byteLength), voxelOffset)
  return out
}

/** Unpacks encodeVolume's buffer; throws a message saying what is inconsistent. */
export function decodeVolume(buffer: ArrayBuffer): VolumeVoxels {
  if (buffer.byteLength < LENGTH_BYTES) throw new Error('volume answer is shorter than its header')
  const headerLength = new DataView(buffer).getUint32(0, true)
  const headerEnd = LENGTH_BYTES + headerLength
  if (headerEnd > buffer.byteLength)
    throw new Error('volume header runs past the end of the answer')
  const header = JSON.parse(
    new TextDecoder().decode(new Uint8Array(buffer, LENGTH_BYTES, headerLength)),
  ) as VolumeHeader
  const voxelOffset = headerEnd + (headerEnd % 2)
  const [ni, nj, nk] = header.geometry.dims
  const voxelCount = ni * nj * nk
  if (buffer.byteLength - voxelOffset !== voxelCount * 2) {
    throw new Error(
      `volume ${header.seriesInstanceUid}: expected ${voxelCount} voxels for dims ${ni}×${nj}×${nk}, ` +
        `got ${(buffer.byteLength - voxelOffset) / 2}`,
    )
  }
  return {
    seriesInstanceUid: header.seriesInstanceUid,
    geometry: header.geometry,
    hu: new Int16Array(buffer, voxelOffset, voxelCount),
  }
}
