import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { decode } from 'fast-png'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  readDlInfo,
  seriesFolderName,
  sliceFileName,
} from '../../../electron/core/deeplesion/dl-info'
import { readMeasurementReport } from '../../../electron/core/sr/read-measurement-report'
import { synthesize } from '../../../electron/core/synth/synthesize'
import type { Truth, TruthBookmark, TruthStudy } from '../../../electron/core/synth/truth'
import { dciodvfy, dcmftest, dsrdump } from './dicom-tools'
import { hashFolder, listFiles, readDicomSlice } from './output-files'
import { onImages } from '../sr/image-axes'

const root = mkdtempSync(join(tmpdir(), 'lt-synth-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

const OPTIONS = {
  patients: 2,
  seed: 5,
  format: 'both',
  studies: 3,
  matrix: 96,
  sliceMm: 5,
} as const
const out = join(root, 'first')
let truth: Truth

beforeAll(async () => {
  truth = await synthesize({ ...OPTIONS, out })
})

const studies = () => truth.patients.flatMap((p) => p.studies)
const bookmarks = () => truth.patients.flatMap((p) => p.bookmarks)
const studyOf = (b: TruthBookmark): TruthStudy =>
  studies().find((s) => s.studyInstanceUid === b.studyInstanceUid)!
const srPath = (s: TruthStudy) => join(out, s.seriesFolder, '..', 'SR0001.dcm')
const slicePath = (s: TruthStudy, instanceNumber: number) =>
  join(out, s.seriesFolder, `IM${String(instanceNumber).padStart(4, '0')}.dcm`)

describe('synthesize: determinism', () => {
  it('writes the same bytes for the same seed and different bytes for another seed', async () => {
    await synthesize({ ...OPTIONS, out: join(root, 'again') })
    await synthesize({ ...OPTIONS, seed: 6, out: join(root, 'other') })
    const first = hashFolder(out)
    expect(hashFolder(join(root, 'again'))).toBe(first)
    expect(hashFolder(join(root, 'other'))).not.toBe(first)
  })
})

describe('synthesize: DICOM output', () => {
  it('writes CT slices and SRs that dcmftest accepts', () => {
    const files = listFiles(out).filter((f) => f.endsWith('.dcm'))
    const expected = studies().reduce((sum, s) => sum + s.sliceCount + 1, 0)
    expect(files).toHaveLength(expected)
    const verdicts = dcmftest(files)
    expect([...verdicts.values()].filter((ok) => !ok)).toEqual([])
    expect(verdicts.size).toBe(files.length)
  })

  it('passes dciodvfy without errors (first and last slice of every series, every SR)', () => {
    for (const study of studies()) {
      for (const file of [slicePath(study, 1), slicePath(study, study.sliceCount), srPath(study)]) {
        const { errors, output } = dciodvfy(file)
        expect(errors, `${file}\n${output}`).toEqual([])
      }
    }
  })

  it('has one SR per study whose dsrdump shows each bookmark: identifier, axes in mm', () => {
    for (const study of studies()) {
      const dump = dsrdump(srPath(study))
      const marks = bookmarks().filter((b) => b.studyInstanceUid === study.studyInstanceUid)
      expect(dump.match(/"Measurement Group"/g)).toHaveLength(marks.length)
      for (const b of marks) {
        expect(dump).toContain(`(112039,DCM,"Tracking Identifier")="${b.trackingIdentifier}"`)
        expect(dump).toContain(`(112040,DCM,"Tracking Unique Identifier")="${b.trackingUid}"`)
        expect(dump).toContain(
          `(103339001,SCT,"Long Axis")="${b.longAxisMm}" (mm,UCUM,"millimeter")`,
        )
        expect(dump).toContain(
          `(103340004,SCT,"Short Axis")="${b.shortAxisMm}" (mm,UCUM,"millimeter")`,
        )
      }
    }
  })

  it('SR points, converted back to 0-based pixel centers, are the truth points on the key slice', () => {
    for (const study of studies()) {
      const report = readMeasurementReport(srPath(study))
      expect(report.issues).toEqual([])
      for (const m of report.measurements.map(onImages)) {
        const b = bookmarks().find((t) => t.trackingUid === m.trackingUid)!
        expect(m.longAxis.referencedSopInstanceUid).toBe(b.sopInstanceUid)
        expect(m.lesionType).toBe(b.type)
        m.longAxis.pointsPx
          .flat()
          .forEach((v, n) => expect(v).toBeCloseTo(b.longAxisPx.flat()[n], 3))
        m.shortAxis!.pointsPx.flat().forEach((v, n) =>
          expect(v).toBeCloseTo(b.shortAxisPx.flat()[n], 3),
        )
      }
    }
  })

  it('places each bookmark where the key slice says: scanner LPS from ImagePositionPatient', () => {
    for (const b of bookmarks()) {
      const slice = readDicomSlice(slicePath(studyOf(b), b.instanceNumber))
      expect(slice.sopInstanceUid).toBe(b.sopInstanceUid)
      const mid = [0, 1].map((axis) => (b.longAxisPx[0][axis] + b.longAxisPx[1][axis]) / 2)
      expect(slice.positionLps[0] + mid[0] * slice.pixelSpacing[1]).toBeCloseTo(
        b.centerScannerLps[0],
        1,
      )
      expect(slice.positionLps[1] + mid[1] * slice.pixelSpacing[0]).toBeCloseTo(
        b.centerScannerLps[1],
        1,
      )
      expect(slice.positionLps[2]).toBeCloseTo(b.centerScannerLps[2], 1)
    }
  })

  it('gives tracking UIDs that are unique per bookmark and identifiers that restart per study', () => {
    const uids = bookmarks().map((b) => b.trackingUid)
    expect(new Set(uids).size).toBe(uids.length)
    for (const study of studies()) {
      const ids = bookmarks()
        .filter((b) => b.studyInstanceUid === study.studyInstanceUid)
        .map((b) => b.trackingIdentifier)
      expect(ids).toEqual(ids.map((_, n) => `Lesion ${n + 1}`))
    }
  })
})

describe('synthesize: DeepLesion output', () => {
  const table = () => readDlInfo(join(out, 'DL_info.csv'))

  it('writes a DL_info.csv with the real columns that the parser reads without issue', () => {
    const real = readFileSync(
      new URL('../../fixtures/real/deeplesion/DL_info_partial_e83fd96.csv', import.meta.url),
      'utf8',
    )
    const ours = readFileSync(join(out, 'DL_info.csv'), 'utf8')
    expect(ours.split('\n')[0]).toBe(real.split(/\r?\n/)[0])
    expect(table().issues).toEqual([])
    expect(table().rows).toHaveLength(bookmarks().length)
  })

  it('writes rows whose file, key slice and 1-based points are the truth bookmark', () => {
    const rows = table().rows
    bookmarks().forEach((b, n) => {
      const row = rows[n]
      expect(row.fileName).toBe(b.deepLesion.fileName)
      expect(row.keySliceIndex).toBe(b.deepLesion.keySliceIndex)
      expect(row.keySliceIndex).toBe(studyOf(b).sliceCount - b.sliceIndex)
      expect(row.lesionType).toBe(b.type)
      const points = [...b.longAxisPx, ...b.shortAxisPx].flat()
      row.measurementCoordinates.forEach((v, m) =>
        expect(Math.abs(v - (points[m] + 1))).toBeLessThan(0.01),
      )
      expect(row.diametersPx[0] * row.spacingMm[0]).toBeCloseTo(b.longAxisMm, 1)
    })
  })

  it('writes PNG slices whose value is HU + 32768 of the same DICOM slice, over every Slice_range', () => {
    for (const row of table().rows) {
      const b = bookmarks().find((t) => t.deepLesion.fileName === row.fileName)!
      const study = studyOf(b)
      for (let index = row.sliceRange[0]; index <= row.sliceRange[1]; index++) {
        const png = decode(
          readFileSync(join(out, 'Images_png', seriesFolderName(row), sliceFileName(index))),
        )
        expect([png.depth, png.channels, png.width, png.height]).toEqual([16, 1, 96, 96])
        if (index !== row.keySliceIndex && index !== row.sliceRange[0]) continue
        // DeepLesion index i is instance number i: both count from the most superior slice.
        const dicom = readDicomSlice(slicePath(study, index))
        const values = png.data as Uint16Array
        let mismatches = 0
        for (let n = 0; n < values.length; n++) if (values[n] - 32768 !== dicom.hu[n]) mismatches++
        expect(mismatches).toBe(0)
      }
    }
  })
})

describe('synthesize: truth', () => {
  it('has totals equal to what was written', () => {
    const files = listFiles(out)
    expect(truth.totals.patients).toBe(2)
    expect(truth.totals.studies).toBe(files.filter((f) => f.endsWith('SR0001.dcm')).length)
    expect(truth.totals.series).toBe(
      new Set(files.filter((f) => /IM\d{4}\.dcm$/.test(f)).map((f) => join(f, '..'))).size,
    )
    expect(truth.totals.bookmarks).toBe(readDlInfo(join(out, 'DL_info.csv')).rows.length)
    expect(JSON.parse(readFileSync(join(out, 'truth.json'), 'utf8'))).toEqual(truth)
  })

  it('records a scanner-to-body transform that takes each bookmark to its body position', () => {
    for (const b of bookmarks()) {
      const m = studyOf(b).scannerToBody
      const p = b.centerScannerLps
      const body = [0, 1, 2].map(
        (r) => m[4 * r] * p[0] + m[4 * r + 1] * p[1] + m[4 * r + 2] * p[2] + m[4 * r + 3],
      )
      body.forEach((v, axis) => expect(v).toBeCloseTo(b.centerBodyMm[axis], 1))
    }
  })

  it('has 1–8 bookmarks per study and studies with real dates in order', () => {
    for (const patient of truth.patients) {
      const dates = patient.studies.map((s) => s.studyDate)
      expect([...dates].sort()).toEqual(dates)
      dates.forEach((d) => expect(d).toMatch(/^20(1\d|2\d)-\d\d-\d\d$/))
      for (const study of patient.studies) {
        const count = patient.bookmarks.filter(
          (b) => b.studyInstanceUid === study.studyInstanceUid,
        ).length
        expect(count).toBeGreaterThanOrEqual(1)
        expect(count).toBeLessThanOrEqual(8)
      }
    }
  })
})
