/**
 * Splits the value of an encapsulated PixelData element (PS3.5 A.4) into its items: the Basic
 * Offset Table, then the fragments, up to the sequence delimiter.
 */
import { DicomReadError } from './dicom-file'

const ITEM = 0xe000
const SEQUENCE_DELIMITER = 0xe0dd
const GROUP = 0xfffe

/**
 * The compressed stream of a single-frame image: all fragments after the offset table, joined
 * (an encoder may split one frame over several fragments). `value` starts at the PixelData value.
 */
export function singleFrameStream(value: Uint8Array): Uint8Array {
  const view = new DataView(value.buffer, value.byteOffset, value.byteLength)
  const fragments: Uint8Array[] = []
  let position = 0
  let isOffsetTable = true
  for (;;) {
    if (position + 8 > value.length) {
      throw new DicomReadError(
        'truncated',
        'the compressed pixel data ends before its sequence delimiter',
      )
    }
    const group = view.getUint16(position, true)
    const element = view.getUint16(position + 2, true)
    const length = view.getUint32(position + 4, true)
    position += 8
    if (group === GROUP && element === SEQUENCE_DELIMITER) break
    if (group !== GROUP || element !== ITEM) {
      throw new DicomReadError(
        'corrupt',
        `unexpected element (${group.toString(16)},${element.toString(16)}) among the pixel data fragments`,
      )
    }
    if (position + length > value.length) {
      throw new DicomReadError(
        'truncated',
        'a compressed pixel data fragment runs past the end of the file',
      )
    }
    if (!isOffsetTable) fragments.push(value.subarray(position, position + length))
    isOffsetTable = false
    position += length
  }
  if (fragments.length === 0)
    throw new DicomReadError('corrupt', 'the compressed pixel data holds no fragment')
  if (fragments.length === 1) return fragments[0]
  const joined = new Uint8Array(fragments.reduce((sum, fragment) => sum + fragment.length, 0))
  let offset = 0
  for (const fragment of fragments) {
    joined.set(fragment, offset)
    offset += fragment.length
  }
  return joined
}
