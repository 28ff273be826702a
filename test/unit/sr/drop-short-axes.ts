/**
 * Test helper: turns a TID 1500 report into one that measures its lesions by the long axis alone
 * (as RECIST 1.1 measures lesions that are not lymph nodes), in place.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import dcmjs, { type NaturalDataset } from 'dcmjs'
import { items } from '../../../electron/core/sr/content-tree'
import { SR_CODES } from '../../../electron/core/sr/codes'

/** Rewrites the report at `path` without its Short Axis items; returns the tracking UIDs. */
export function dropShortAxes(path: string): string[] {
  const bytes = readFileSync(path)
  const dict = dcmjs.data.DicomMessage.readFile(
    bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length) as ArrayBuffer,
  )
  const dataset = dcmjs.data.DicomMetaDictionary.naturalizeDataset(dict.dict)
  const code = (item: NaturalDataset) => String(items(item.ConceptNameCodeSequence)[0]?.CodeValue)
  const uids: string[] = []
  for (const container of items(dataset.ContentSequence)) {
    if (code(container) !== SR_CODES.imagingMeasurements.CodeValue) continue
    for (const group of items(container.ContentSequence)) {
      group.ContentSequence = items(group.ContentSequence).filter(
        (item) => code(item) !== SR_CODES.shortAxis.CodeValue,
      )
      const uid = items(group.ContentSequence).find(
        (item) => code(item) === SR_CODES.trackingUniqueIdentifier.CodeValue,
      )
      uids.push(String(uid?.UID))
    }
  }
  dataset._meta = dcmjs.data.DicomMetaDictionary.namifyDataset(dict.meta)
  writeFileSync(path, new Uint8Array(dcmjs.data.datasetToBuffer(dataset)))
  return uids
}
