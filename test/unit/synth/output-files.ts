/**
 * Reads back what synth wrote, for the tests: a hash of a whole output folder, the HU of a DICOM
 * CT slice (through dicom-parser, independent of LesionTrack's own reader) and file listings.
 */
import { createHash } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import dicomParser from 'dicom-parser'

export function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .sort()
}

/** SHA-256 over every file's relative path and bytes. */
export function hashFolder(dir: string): string {
  const hash = createHash('sha256')
  for (const file of listFiles(dir)) {
    hash.update(relative(dir, file))
    hash.update(readFileSync(file))
  }
  return hash.digest('hex')
}

export interface DicomSlice {
  hu: Int16Array
  rows: number
  columns: number
  positionLps: number[]
  pixelSpacing: number[]
  sopInstanceUid: string
}

/** Decodes an uncompressed CT slice into HU with its rescale and pixel representation. */
export function readDicomSlice(path: string): DicomSlice {
  const data = dicomParser.parseDicom(new Uint8Array(readFileSync(path)))
  const rows = data.uint16('x00280010') as number
  const columns = data.uint16('x00280011') as number
  const signed = data.uint16('x00280103') === 1
  const intercept = Number(data.string('x00281052'))
  const slope = Number(data.string('x00281053'))
  const pixel = data.elements.x7fe00010
  const view = new DataView(data.byteArray.buffer, data.byteArray.byteOffset + pixel.dataOffset)
  const hu = new Int16Array(rows * columns)
  for (let n = 0; n < hu.length; n++) {
    const stored = signed ? view.getInt16(n * 2, true) : view.getUint16(n * 2, true)
    hu[n] = stored * slope + intercept
  }
  return {
    hu,
    rows,
    columns,
    positionLps: (data.string('x00200032') as string).split('\\').map(Number),
    pixelSpacing: (data.string('x00280030') as string).split('\\').map(Number),
    sopInstanceUid: data.string('x00080018') as string,
  }
}
