/**
 * A minimal DICOM Part 10 encoder (explicit VR little endian) for the files LesionTrack writes.
 * Written here rather than through dcmjs so every byte is under our control (deterministic output,
 * exact DS/IS text) and a 512×512×300 series streams out without per-element object overhead.
 */
import { IMPLEMENTATION_CLASS_UID, IMPLEMENTATION_VERSION_NAME } from './uid'

export type TextVr = 'AE' | 'AS' | 'CS' | 'DA' | 'DS' | 'DT' | 'IS' | 'LO' | 'LT' | 'PN' | 'SH'
/** VRs written as little-endian binary numbers. */
type NumberVr = 'US' | 'SS' | 'UL' | 'SL' | 'FL' | 'FD' | 'AT'
export type Vr = TextVr | NumberVr | 'ST' | 'TM' | 'UI' | 'UT' | 'OB' | 'OW' | 'SQ'

/** A data set is a list of elements; the encoder sorts them by tag. */
export type Dataset = DataElement[]

export interface DataElement {
  /** (group << 16) | element, e.g. 0x00100020 for PatientID. */
  tag: number
  vr: Vr
  /**
   * Text VRs: string or string[] (joined with '\'); numeric VRs: number[]; AT: tags as numbers
   * ((group << 16) | element); OB/OW: bytes; SQ: items.
   */
  value: string | readonly string[] | readonly number[] | ArrayBufferView | readonly Dataset[]
}

/** VRs whose header has a 4-byte length after two reserved bytes (PS3.5 §7.1.2). */
const LONG_VRS = new Set<Vr>(['OB', 'OW', 'SQ', 'UT'])
const ITEM_TAG = 0xfffee000
export const TRANSFER_SYNTAX_EXPLICIT_LE = '1.2.840.10008.1.2.1'

/** Shorthands that keep module builders readable: an element, */
export const el = (tag: number, vr: Vr, value: DataElement['value']): DataElement => ({
  tag,
  vr,
  value,
})
/** …and a sequence of item data sets. */
export const seq = (tag: number, itemsOfSequence: readonly Dataset[]): DataElement =>
  el(tag, 'SQ', itemsOfSequence)

/** Decimal String text (at most 16 characters, PS3.5 Table 6.2-1) for a number. */
export function formatDs(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`cannot write ${value} as a DICOM decimal string`)
  for (let digits = 10; digits >= 1; digits--) {
    const text = String(Number(value.toPrecision(digits)))
    if (text.length <= 16) return text
  }
  throw new Error(`cannot fit ${value} in 16 characters`)
}

/**
 * The Specific Character Set every writer declares: text is written as UTF-8, so any name (a
 * Polish, Greek or Chinese one) survives an export; ASCII text is the same bytes either way.
 */
export const CHARACTER_SET_UTF8 = 'ISO_IR 192'

function textBytes(vr: Vr, value: string | readonly string[]): Buffer {
  const text = typeof value === 'string' ? value : value.join('\\')
  const bytes = Buffer.from(text, 'utf8')
  if (bytes.length % 2 === 0) return bytes
  // UIDs pad with NUL, every other text VR with a space (PS3.5 §6.2).
  return Buffer.concat([bytes, Buffer.from([vr === 'UI' ? 0 : 0x20])])
}

function numberBytes(vr: Vr, values: readonly number[]): Buffer {
  const size = { US: 2, SS: 2, UL: 4, SL: 4, AT: 4, FL: 4, FD: 8 }[vr as 'US']
  const bytes = Buffer.alloc(size * values.length)
  values.forEach((v, n) => {
    if (vr === 'US') bytes.writeUInt16LE(v, n * 2)
    else if (vr === 'AT') {
      // A tag is written as two 16-bit words: group, then element.
      bytes.writeUInt16LE(v >>> 16, n * 4)
      bytes.writeUInt16LE(v & 0xffff, n * 4 + 2)
    } else if (vr === 'SS') bytes.writeInt16LE(v, n * 2)
    else if (vr === 'UL') bytes.writeUInt32LE(v, n * 4)
    else if (vr === 'SL') bytes.writeInt32LE(v, n * 4)
    else if (vr === 'FL') bytes.writeFloatLE(v, n * 4)
    else bytes.writeDoubleLE(v, n * 8)
  })
  return bytes
}

function valueBytes(element: DataElement): Buffer[] {
  const { vr, value } = element
  if (vr === 'SQ') {
    return (value as readonly Dataset[]).flatMap((item) => {
      const body = encodeDataset(item)
      const header = Buffer.alloc(8)
      header.writeUInt16LE(ITEM_TAG >>> 16, 0)
      header.writeUInt16LE(ITEM_TAG & 0xffff, 2)
      header.writeUInt32LE(body.length, 4)
      return [header, body]
    })
  }
  if (vr === 'OB' || vr === 'OW') {
    const view = value as ArrayBufferView
    const bytes = Buffer.from(view.buffer, view.byteOffset, view.byteLength)
    return bytes.length % 2 === 0 ? [bytes] : [bytes, Buffer.alloc(1)]
  }
  if (['US', 'SS', 'UL', 'SL', 'AT', 'FL', 'FD'].includes(vr))
    return [numberBytes(vr, value as number[])]
  return [textBytes(vr, value as string | string[])]
}

function headerBytes(tag: number, vr: Vr, length: number): Buffer {
  const long = LONG_VRS.has(vr)
  const header = Buffer.alloc(long ? 12 : 8)
  header.writeUInt16LE(tag >>> 16, 0)
  header.writeUInt16LE(tag & 0xffff, 2)
  header.write(vr, 4, 'latin1')
  if (long) header.writeUInt32LE(length, 8)
  else {
    if (length > 0xffff) throw new Error(`value of tag ${tag.toString(16)} is too long for ${vr}`)
    header.writeUInt16LE(length, 6)
  }
  return header
}

/** Encodes a data set (explicit VR little endian, defined lengths), elements in tag order. */
export function encodeDataset(dataset: Dataset): Buffer {
  const sorted = [...dataset].sort((a, b) => a.tag - b.tag)
  const parts: Buffer[] = []
  for (const element of sorted) {
    const value = valueBytes(element)
    const length = value.reduce((sum, part) => sum + part.length, 0)
    parts.push(headerBytes(element.tag, element.vr, length), ...value)
  }
  return Buffer.concat(parts)
}

/**
 * A complete Part 10 file: 128-byte preamble, 'DICM', File Meta Information, then the data set.
 * `sopClassUid` and `sopInstanceUid` must match the data set's own (0008,0016) and (0008,0018).
 */
export function encodePart10(
  dataset: Dataset,
  sopClassUid: string,
  sopInstanceUid: string,
): Buffer {
  const meta = encodeDataset([
    el(0x00020001, 'OB', new Uint8Array([0, 1])),
    el(0x00020002, 'UI', sopClassUid),
    el(0x00020003, 'UI', sopInstanceUid),
    el(0x00020010, 'UI', TRANSFER_SYNTAX_EXPLICIT_LE),
    el(0x00020012, 'UI', IMPLEMENTATION_CLASS_UID),
    el(0x00020013, 'SH', IMPLEMENTATION_VERSION_NAME),
  ])
  const groupLength = encodeDataset([el(0x00020000, 'UL', [meta.length])])
  const preamble = Buffer.alloc(132)
  preamble.write('DICM', 128, 'latin1')
  return Buffer.concat([preamble, groupLength, meta, encodeDataset(dataset)])
}
