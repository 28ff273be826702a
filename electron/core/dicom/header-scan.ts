/**
 * The import's fast header pass: walks the head of a Part 10 file once, notes where the wanted
 * attributes' values lie, skips everything else (sequences included) and stops at PixelData.
 * Whatever it does not expect gives null, and the caller falls back to dicom-parser, which
 * reads every structure and names every problem.
 */
import type { HeaderSource } from './image-header'

interface ValuePlace {
  dataOffset: number
  length: number
  hadUndefinedLength?: boolean
  littleEndian: boolean
}

/** Explicit VRs whose length field is 4 bytes after 2 reserved ones (PS3.5 7.1.2). */
const LONG_VRS = new Set([
  'OB',
  'OD',
  'OF',
  'OL',
  'OV',
  'OW',
  'SQ',
  'SV',
  'UC',
  'UN',
  'UR',
  'UT',
  'UV',
])
const UNDEFINED = 0xffffffff
const ITEM = 0xfffee000
const ITEM_END = 0xfffee00d
const SEQUENCE_END = 0xfffee0dd
const PIXEL_DATA = 0x7fe00010

/** Thrown inside the walk for anything unexpected; the scan then answers null. */
class Unexpected extends Error {}

function keyOf(tag: number): string {
  return `x${tag.toString(16).padStart(8, '0')}`
}

/** Bytes as dicom-parser's readFixedString reads them: one char per byte, up to a NUL. */
function fixedString(bytes: Uint8Array, offset: number, length: number): string {
  let text = ''
  for (let n = 0; n < length; n++) {
    const byte = bytes[offset + n]
    if (byte === 0) break
    text += String.fromCharCode(byte)
  }
  return text
}

/** The places found, read with exactly the semantics of dicom-parser's DataSet accessors. */
export class ScannedHeader implements HeaderSource {
  constructor(
    private readonly bytes: Uint8Array,
    readonly elements: Partial<Record<string, ValuePlace>>,
  ) {}

  string(tag: string, index?: number): string | undefined {
    const place = this.elements[tag]
    if (!place || place.length === 0) return undefined
    const text = fixedString(this.bytes, place.dataOffset, place.length)
    return index !== undefined && index >= 0 ? text.split('\\')[index]?.trim() : text.trim()
  }

  floatString(tag: string, index?: number): number | undefined {
    const text = this.string(tag, index)
    return text === undefined ? undefined : parseFloat(text)
  }

  intString(tag: string, index?: number): number | undefined {
    const text = this.string(tag, index)
    return text === undefined ? undefined : parseInt(text, 10)
  }

  uint16(tag: string, index = 0): number | undefined {
    const place = this.elements[tag]
    if (!place || place.length === 0) return undefined
    const at = place.dataOffset + index * 2
    return place.littleEndian
      ? this.bytes[at] | (this.bytes[at + 1] << 8)
      : (this.bytes[at] << 8) | this.bytes[at + 1]
  }

  uint32(tag: string, index = 0): number | undefined {
    const place = this.elements[tag]
    if (!place || place.length === 0) return undefined
    const view = new DataView(
      this.bytes.buffer,
      this.bytes.byteOffset + place.dataOffset + index * 4,
      4,
    )
    return view.getUint32(0, place.littleEndian)
  }
}

/** Reads elements from `bytes` in one encoding; positions are byte offsets into `bytes`. */
class ElementWalker {
  private readonly view: DataView

  constructor(
    private readonly bytes: Uint8Array,
    private readonly explicit: boolean,
    private readonly littleEndian: boolean,
  ) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  }

  private need(end: number): void {
    if (end > this.bytes.length) throw new Unexpected('past the end of the head')
  }

  tagAt(position: number): number {
    this.need(position + 4)
    const group = this.view.getUint16(position, this.littleEndian)
    const element = this.view.getUint16(position + 2, this.littleEndian)
    return ((group << 16) | element) >>> 0
  }

  /** The element at `position`: its tag, VR (explicit only), value length and value offset. */
  element(position: number): { tag: number; vr: string; length: number; valueOffset: number } {
    const tag = this.tagAt(position)
    // Item and delimiter tags carry no VR, in every encoding.
    if (!this.explicit || tag >>> 16 === 0xfffe) {
      this.need(position + 8)
      return {
        tag,
        vr: '',
        length: this.view.getUint32(position + 4, this.littleEndian),
        valueOffset: position + 8,
      }
    }
    this.need(position + 8)
    const vr = String.fromCharCode(this.bytes[position + 4], this.bytes[position + 5])
    if (!/^[A-Z]{2}$/.test(vr)) throw new Unexpected(`not a VR: ${vr}`)
    if (LONG_VRS.has(vr)) {
      this.need(position + 12)
      return {
        tag,
        vr,
        length: this.view.getUint32(position + 8, this.littleEndian),
        valueOffset: position + 12,
      }
    }
    return {
      tag,
      vr,
      length: this.view.getUint16(position + 6, this.littleEndian),
      valueOffset: position + 8,
    }
  }

  /** Where an undefined-length sequence (or UN / private value of items) that starts at `position` ends. */
  skipItems(position: number, itemsAreImplicit: boolean): number {
    const walker =
      itemsAreImplicit && this.explicit ? new ElementWalker(this.bytes, false, true) : this
    let at = position
    for (;;) {
      const { tag, length, valueOffset } = walker.element(at)
      if (tag === SEQUENCE_END) return valueOffset
      if (tag !== ITEM) throw new Unexpected('no item in a sequence')
      at = length === UNDEFINED ? walker.skipElements(valueOffset, ITEM_END) : valueOffset + length
    }
  }

  /** Skips elements from `position` up to and past the delimiter tag `until`. */
  skipElements(position: number, until: number): number {
    let at = position
    for (;;) {
      const { tag, vr, length, valueOffset } = this.element(at)
      if (tag === until) return valueOffset
      at =
        length === UNDEFINED
          ? this.skipItems(valueOffset, vr === 'UN' || !this.explicit)
          : valueOffset + length
    }
  }
}

/**
 * Finds the values of `wanted` tags (dicom-parser keys, 'xGGGGEEEE') and PixelData in a Part 10
 * head in implicit or explicit VR, either endianness. Null when the bytes hold no PixelData, are
 * deflated, raw (no preamble) or in any way unexpected: dicom-parser then takes over.
 */
export function scanHeader(bytes: Uint8Array, wanted: ReadonlySet<string>): ScannedHeader | null {
  if (bytes.length < 132 || fixedString(bytes, 128, 4) !== 'DICM') return null
  const elements: Partial<Record<string, ValuePlace>> = {}
  try {
    const meta = new ElementWalker(bytes, true, true)
    let at = 132
    while (at < bytes.length && meta.tagAt(at) >>> 16 === 0x0002) {
      const { tag, length, valueOffset } = meta.element(at)
      const key = keyOf(tag)
      if (wanted.has(key)) elements[key] = { dataOffset: valueOffset, length, littleEndian: true }
      at = valueOffset + length
    }
    const scanned = new ScannedHeader(bytes, elements)
    const syntax = scanned.string('x00020010') ?? ''
    if (syntax === '1.2.840.10008.1.2.1.99') return null
    const explicit = syntax !== '1.2.840.10008.1.2'
    const littleEndian = syntax !== '1.2.840.10008.1.2.2'
    const body = new ElementWalker(bytes, explicit, littleEndian)
    while (at < bytes.length) {
      const { tag, vr, length, valueOffset } = body.element(at)
      const key = keyOf(tag)
      if (tag === PIXEL_DATA) {
        elements[key] = {
          dataOffset: valueOffset,
          length,
          hadUndefinedLength: length === UNDEFINED,
          littleEndian,
        }
        return scanned
      }
      if (length === UNDEFINED) {
        at = body.skipItems(valueOffset, vr === 'UN' || !explicit)
        continue
      }
      if (wanted.has(key)) elements[key] = { dataOffset: valueOffset, length, littleEndian }
      at = valueOffset + length
    }
    return null
  } catch (error) {
    if (error instanceof Unexpected) return null
    throw error
  }
}
