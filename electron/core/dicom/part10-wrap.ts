/**
 * Gives a raw data set (no preamble, no meta header, as some old PACS exports write files) the
 * Part 10 prefix dcmjs needs to read it: dcmjs reads Part 10 files only, and the SR reader uses it.
 */
import { hasPart10Prefix, IMPLICIT_VR_LITTLE_ENDIAN, looksLikeRawDataSet } from './dicom-file'

const PREAMBLE_BYTES = 128

/** One explicit-VR little-endian meta element with a 2-byte length (UI, UL). */
function shortElement(element: number, vr: string, value: Uint8Array): Uint8Array {
  const bytes = new Uint8Array(8 + value.length)
  const view = new DataView(bytes.buffer)
  view.setUint16(0, 0x0002, true)
  view.setUint16(2, element, true)
  bytes[4] = vr.charCodeAt(0)
  bytes[5] = vr.charCodeAt(1)
  view.setUint16(6, value.length, true)
  bytes.set(value, 8)
  return bytes
}

/** A UID value, padded with NUL to an even length as DICOM requires. */
function uidValue(uid: string): Uint8Array {
  const padded = uid.length % 2 === 0 ? uid : `${uid}\0`
  return new TextEncoder().encode(padded)
}

/**
 * The bytes unchanged when they already are a Part 10 file or are not DICOM at all; a raw
 * implicit-VR little-endian data set (the only encoding such files can have, PS3.5 A.1) behind a
 * preamble, "DICM" and a meta header that names that transfer syntax.
 */
export function asPart10(bytes: Uint8Array): Uint8Array {
  if (hasPart10Prefix(bytes) || !looksLikeRawDataSet(bytes)) return bytes
  // (0002,0001) File Meta Information Version: OB, 4-byte length, value 00 01.
  const version = new Uint8Array([0x02, 0x00, 0x01, 0x00, 0x4f, 0x42, 0, 0, 2, 0, 0, 0, 0x00, 0x01])
  const syntax = shortElement(0x0010, 'UI', uidValue(IMPLICIT_VR_LITTLE_ENDIAN))
  const groupLength = new Uint8Array(4)
  new DataView(groupLength.buffer).setUint32(0, version.length + syntax.length, true)
  return Buffer.concat([
    new Uint8Array(PREAMBLE_BYTES),
    new TextEncoder().encode('DICM'),
    shortElement(0x0000, 'UL', groupLength),
    version,
    syntax,
    bytes,
  ])
}
