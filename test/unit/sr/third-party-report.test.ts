// Guards reading RECIST measurements written by another viewer: OHIF's writer (dcmjs' Cornerstone
// adapter) states bidirectional lengths without a unit (UCUM '1') and names no finding site in
// SNOMED CT. Each measurement must still become its bookmark — same image, same pixels, the
// length of the drawn axes — with one warning per unitless axis and no other issue.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import dcmjs from 'dcmjs'
import { beforeAll, describe, expect, it } from 'vitest'
import { importFolder } from '../../../electron/core/import/import-folder'
import type { ImportResult } from '../../../electron/core/import/result'
import type { Bookmark } from '../../../electron/core/model/types'
import { synthesize } from '../../../electron/core/synth/synthesize'

const CT_IMAGE_STORAGE = '1.2.840.10008.5.1.4.1.1.2'
let original: ImportResult
let fromOhif: ImportResult
let report: string

/** DICOM SCOORD puts (0,0) at the top-left corner of the top-left pixel; bookmarks use centres. */
const corner = ([x, y]: [number, number]) => ({ x: x + 0.5, y: y + 0.5 })

/** The report OHIF (Cornerstone tools 4) writes for these bookmarks, drawn on their images. */
function ohifReport(bookmarks: Bookmark[]): Uint8Array {
  const toolState: Record<string, unknown> = {}
  for (const b of bookmarks) {
    const data = {
      handles: {
        start: corner(b.longAxisPx[0]),
        end: corner(b.longAxisPx[1]),
        perpendicularStart: corner(b.shortAxisPx![0]),
        perpendicularEnd: corner(b.shortAxisPx![1]),
      },
      longestDiameter: b.longAxisMm,
      shortestDiameter: b.shortAxisMm,
    }
    const tools = (toolState[b.sopInstanceUid] ??= { Bidirectional: { data: [] } }) as {
      Bidirectional: { data: unknown[] }
    }
    tools.Bidirectional.data.push(data)
  }
  const [first] = bookmarks
  const metadata = {
    get: (type: string, imageId: string) =>
      type === 'generalSeriesModule'
        ? { studyInstanceUID: first.studyInstanceUid, seriesInstanceUID: first.seriesInstanceUid }
        : type === 'sopCommonModule'
          ? { sopClassUID: CT_IMAGE_STORAGE, sopInstanceUID: imageId }
          : undefined,
  }
  const generated = dcmjs.adapters.Cornerstone.MeasurementReport.generateReport(
    toolState,
    metadata,
    {},
  )
  generated.dataset.PatientID = first.patientId
  return new Uint8Array(dcmjs.data.datasetToBuffer(generated.dataset))
}

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'lt-ohif-report-'))
  await synthesize({ patients: 1, seed: 5, out: dir, format: 'dicom', studies: 1, matrix: 64 })
  original = await importFolder(dir, { deferPixels: true })
  // The study's own report replaced by OHIF's of the same measurements.
  const reportFile = original.bookmarks[0].sourceFile
  rmSync(reportFile)
  report = join(dirname(reportFile), 'OHIF.dcm')
  writeFileSync(report, ohifReport(original.bookmarks))
  fromOhif = await importFolder(dir, { deferPixels: true })
})

describe("a report written by OHIF's Cornerstone adapter", () => {
  it('gives every measurement as its bookmark, with the length of its drawn axes', () => {
    expect(original.bookmarks.length).toBeGreaterThan(0)
    expect(fromOhif.bookmarks).toHaveLength(original.bookmarks.length)
    for (const b of original.bookmarks) {
      const again = fromOhif.bookmarks.find(
        (x) => x.sopInstanceUid === b.sopInstanceUid && x.longAxisPx[0][0] === b.longAxisPx[0][0],
      )
      expect(again, b.bookmarkId).toBeDefined()
      expect(again!.sliceIndex).toBe(b.sliceIndex)
      expect(again!.shortAxisPx).toEqual(b.shortAxisPx)
      expect(again!.longAxisMm).toBeCloseTo(b.longAxisMm, 1)
      expect(again!.shortAxisMm).toBeCloseTo(b.shortAxisMm!, 1)
      expect(again!.sourceFile).toBe(report)
    }
  })

  it('says once per axis that the report gave no unit, and nothing else', () => {
    expect(fromOhif.issues.map((i) => `${i.code} ${i.severity}`)).toEqual(
      Array(2 * original.bookmarks.length).fill('sr-no-unit warning'),
    )
    expect(fromOhif.issues[0].message).toMatch(
      /without a length unit \(UCUM '1'\).*drawn axis: \d+\.\d mm/,
    )
  })
})
