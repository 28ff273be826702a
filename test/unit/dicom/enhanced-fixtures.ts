/**
 * Helpers for the Enhanced CT tests: validators run on written files, and an Extended Offset
 * Table put into an encapsulated file by byte surgery (no tool here writes one).
 */
import { spawnSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { readImageHeader } from '../../../electron/core/dicom/read-header'

/** dciodvfy -new's error and warning lines for one file. */
export function dciodvfyNew(file: string): {
  errors: string[]
  warnings: string[]
  output: string
} {
  const result = spawnSync('dciodvfy', ['-new', file], { encoding: 'utf8' })
  if (result.error) throw new Error(`cannot run dciodvfy: ${result.error.message}`)
  const output = `${result.stdout}${result.stderr}`
  const lines = output.split('\n')
  return {
    errors: lines.filter((line) => line.startsWith('Error')),
    warnings: lines.filter((line) => line.startsWith('Warning')),
    output,
  }
}

/** dcmftest's verdict on one file. */
export function isDicomPart10(file: string): boolean {
  const result = spawnSync('dcmftest', [file], { encoding: 'utf8' })
  return result.stdout.trim().startsWith('yes:')
}

function element(group: number, elementNumber: number, value: Buffer): Buffer {
  const header = Buffer.alloc(12)
  header.writeUInt16LE(group, 0)
  header.writeUInt16LE(elementNumber, 2)
  header.write('OV', 4, 'latin1')
  header.writeUInt32LE(value.length, 8)
  return Buffer.concat([header, value])
}

/**
 * Rewrites an explicit VR little endian encapsulated file whose Basic Offset Table is empty and
 * whose frames are one fragment each: inserts the Extended Offset Table (7FE0,0001) and its
 * lengths (7FE0,0002) before PixelData. Returns the frames' true offsets; `misplace` may alter
 * what is written, to make a damaged table.
 */
export function addExtendedOffsetTable(
  file: string,
  misplace: (offsets: number[]) => number[] = (offsets) => offsets,
): number[] {
  const bytes = readFileSync(file)
  const valueOffset = readImageHeader(file).pixelData!.offset
  const offsets: number[] = []
  const lengths: number[] = []
  let position = valueOffset + 8 + bytes.readUInt32LE(valueOffset + 4)
  const firstFragment = position
  while (bytes.readUInt16LE(position + 2) === 0xe000) {
    const length = bytes.readUInt32LE(position + 4)
    offsets.push(position - firstFragment)
    lengths.push(length)
    position += 8 + length
  }
  const table = (values: number[]) => {
    const buffer = Buffer.alloc(8 * values.length)
    values.forEach((value, n) => buffer.writeBigUInt64LE(BigInt(value), n * 8))
    return buffer
  }
  const pixelElementStart = valueOffset - 12
  writeFileSync(
    file,
    Buffer.concat([
      bytes.subarray(0, pixelElementStart),
      element(0x7fe0, 0x0001, table(misplace(offsets))),
      element(0x7fe0, 0x0002, table(lengths)),
      bytes.subarray(pixelElementStart),
    ]),
  )
  return offsets
}
