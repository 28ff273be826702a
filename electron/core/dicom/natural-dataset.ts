/**
 * Reads a whole DICOM file into dcmjs's naturalized form (attributes by keyword, sequences as
 * arrays of items), for the readers of structured content: SR reports and presentation states.
 */
import { readFileSync } from 'node:fs'
import dcmjs, { type NaturalDataset } from 'dcmjs'
import { asPart10 } from './part10-wrap'

/** The file's data set; throws when its bytes cannot be parsed as DICOM. */
export function readNaturalDataset(path: string): NaturalDataset {
  const bytes = asPart10(readFileSync(path))
  const arrayBuffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength)
  const dict = dcmjs.data.DicomMessage.readFile(arrayBuffer as ArrayBuffer)
  return dcmjs.data.DicomMetaDictionary.naturalizeDataset(dict.dict)
}
