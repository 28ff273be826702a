// Guards how bookmarks are read from TID 1500 reports written by other viewers: units, legacy
// codes, incomplete groups, reports stored without a Part 10 header, and reports that are not
// measurement reports at all.
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { spawnSync } from 'node:child_process'
import dcmjs, { type NaturalDataset } from 'dcmjs'
import { beforeAll, describe, expect, it } from 'vitest'
import { items } from '../../../electron/core/sr/content-tree'
import {
  measurementsOfDataset,
  readMeasurementReport,
} from '../../../electron/core/sr/read-measurement-report'
import { synthesize } from '../../../electron/core/synth/synthesize'
import type { Truth } from '../../../electron/core/synth/truth'
import { onImages } from './image-axes'

let srPath: string
let truth: Truth

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sr-reader-'))
  await synthesize({
    patients: 1,
    seed: 5,
    out: dir,
    format: 'dicom',
    studies: 2,
    matrix: 64,
    sliceMm: 5,
  })
  truth = JSON.parse(readFileSync(join(dir, 'truth.json'), 'utf8'))
  const study = truth.patients[0].studies.find((s) =>
    truth.patients[0].bookmarks.some((b) => b.studyInstanceUid === s.studyInstanceUid),
  )!
  srPath = join(dir, study.seriesFolder, '..', 'SR0001.dcm')
})

function loadDataset(): NaturalDataset {
  const bytes = readFileSync(srPath)
  const dict = dcmjs.data.DicomMessage.readFile(
    bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length) as ArrayBuffer,
  )
  return dcmjs.data.DicomMetaDictionary.naturalizeDataset(dict.dict)
}

/** The measurement groups of a naturalized report, for editing in place. */
function groups(dataset: NaturalDataset): NaturalDataset[] {
  const measurements = items(dataset.ContentSequence).find(
    (item) => items(item.ConceptNameCodeSequence)[0]?.CodeValue === '126010',
  )!
  return items(measurements.ContentSequence)
}

function axisNum(group: NaturalDataset, codeValue: string): NaturalDataset {
  return items(group.ContentSequence).find(
    (item) => items(item.ConceptNameCodeSequence)[0]?.CodeValue === codeValue,
  )!
}

describe('TID 1500 reader', () => {
  it('reads the report the generator wrote, which dcmtk also accepts as SR', () => {
    const dump = spawnSync('dsrdump', [srPath], { encoding: 'utf8' })
    expect(dump.status).toBe(0)
    expect(dump.stdout).toContain('Long Axis')
    const report = readMeasurementReport(srPath)
    expect(report.issues).toEqual([])
    const expected = truth.patients[0].bookmarks.filter(
      (b) => b.studyInstanceUid === report.studyInstanceUid,
    )
    expect(report.measurements.map((m) => m.trackingUid).sort()).toEqual(
      expected.map((b) => b.trackingUid).sort(),
    )
    for (const m of report.measurements.map(onImages)) {
      const truthMark = expected.find((b) => b.trackingUid === m.trackingUid)!
      expect(m.longAxis.lengthMm).toBeCloseTo(truthMark.longAxisMm, 1)
      expect(m.longAxis.referencedSopInstanceUid).toBe(truthMark.sopInstanceUid)
      expect(m.lesionType).toBe(truthMark.type)
    }
  })

  it('reads the same bookmarks from the report as dcmtk writes it again (dsr2xml, xml2dsr)', () => {
    const xml = join(dirname(srPath), 'SR-dcmtk.xml')
    const rewritten = join(dirname(srPath), 'SR-dcmtk')
    expect(spawnSync('dsr2xml', [srPath, xml], { encoding: 'utf8' }).status).toBe(0)
    expect(spawnSync('xml2dsr', [xml, rewritten], { encoding: 'utf8' }).status).toBe(0)
    const report = readMeasurementReport(rewritten)
    expect(report.issues).toEqual([])
    expect(report.measurements).toEqual(readMeasurementReport(srPath).measurements)
  })

  it('reads a report stored as a raw data set, without preamble or meta header', () => {
    const raw = join(dirname(srPath), 'SR-raw')
    const converted = spawnSync('dcmconv', ['+ti', '-F', srPath, raw], { encoding: 'utf8' })
    expect(converted.status, converted.stderr).toBe(0)
    expect(readFileSync(raw).subarray(128, 132).toString('latin1')).not.toBe('DICM')
    const report = readMeasurementReport(raw)
    expect(report.issues).toEqual([])
    expect(report.measurements).toEqual(readMeasurementReport(srPath).measurements)
    expect(report.sopInstanceUid).toBe(readMeasurementReport(srPath).sopInstanceUid)
  })

  it('converts centimetres and accepts the legacy SRT axis codes', () => {
    const dataset = loadDataset()
    const group = groups(dataset)[0]
    const long = axisNum(group, '103339001')
    const measured = items(long.MeasuredValueSequence)[0]
    const mm = Number(measured.NumericValue)
    measured.NumericValue = mm / 10
    items(measured.MeasurementUnitsCodeSequence)[0].CodeValue = 'cm'
    items(long.ConceptNameCodeSequence)[0].CodeValue = 'G-A185'
    items(long.ConceptNameCodeSequence)[0].CodingSchemeDesignator = 'SRT'
    const report = measurementsOfDataset(dataset, 'edited.dcm')
    expect(report.issues).toEqual([])
    expect(report.measurements[0].longAxis.lengthMm).toBeCloseTo(mm, 6)
  })

  it('reads a group without a short axis as its long axis alone, and a length as a long axis', () => {
    const dataset = loadDataset()
    const all = groups(dataset)
    const count = all.length
    expect(count).toBeGreaterThanOrEqual(3)
    all[0].ContentSequence = items(all[0].ContentSequence).filter(
      (item) => items(item.ConceptNameCodeSequence)[0]?.CodeValue !== '103340004',
    )
    // OHIF's and 3D Slicer's line tools: one NUM named Length (SCT, or SRT G-D7FE of old).
    for (const [group, code] of [
      [all[1], '410668003'],
      [all.at(-1)!, 'G-D7FE'],
    ] as const) {
      group.ContentSequence = items(group.ContentSequence).filter(
        (item) => items(item.ConceptNameCodeSequence)[0]?.CodeValue !== '103340004',
      )
      items(axisNum(group, '103339001').ConceptNameCodeSequence)[0].CodeValue = code
    }
    const report = measurementsOfDataset(dataset, 'edited.dcm')
    expect(report.issues).toEqual([])
    expect(report.measurements).toHaveLength(count)
    const unchanged = measurementsOfDataset(loadDataset(), 'original.dcm').measurements
    report.measurements.forEach((m, n) => {
      expect(m.longAxis).toEqual(unchanged[n].longAxis)
      expect(m.shortAxis).toEqual(
        n === 0 || n === 1 || n === count - 1 ? null : unchanged[n].shortAxis,
      )
    })
  })

  it.each(['81827009', 'G-D785'])(
    'reads a lesion diameter drawn as one line (%s) as its long axis alone',
    (code) => {
      const dataset = loadDataset()
      const group = groups(dataset)[1]
      group.ContentSequence = items(group.ContentSequence).filter(
        (item) => items(item.ConceptNameCodeSequence)[0]?.CodeValue !== '103340004',
      )
      items(axisNum(group, '103339001').ConceptNameCodeSequence)[0].CodeValue = code
      const report = measurementsOfDataset(dataset, 'diameter.dcm')
      expect(report.issues).toEqual([])
      const unchanged = measurementsOfDataset(loadDataset(), 'original.dcm').measurements[1]
      expect(report.measurements[1].longAxis).toEqual(unchanged.longAxis)
      expect(report.measurements[1].shortAxis).toBeNull()
    },
  )

  /**
   * Moves the coordinates of group `n`'s axes to one Image Region of the group (TID 1410), drawn
   * as `shape`: an ELLIPSE of the long then the short axis, or a POLYLINE of the long axis.
   */
  function drawnAsRegion(dataset: NaturalDataset, n: number, shape: 'ELLIPSE' | 'POLYLINE') {
    const group = groups(dataset)[n]
    const [long, short] = ['103339001', '103340004'].map((code) => axisNum(group, code))
    const scoordOf = (num: NaturalDataset) =>
      items(num.ContentSequence).find((item) => item.ValueType === 'SCOORD')!
    const [longLine, shortLine] = [long, short].map(scoordOf)
    const region = {
      RelationshipType: 'CONTAINS',
      ValueType: 'SCOORD',
      ConceptNameCodeSequence: [
        { CodeValue: '111030', CodingSchemeDesignator: 'DCM', CodeMeaning: 'Image Region' },
      ],
      GraphicType: shape,
      GraphicData: [
        ...items(longLine.GraphicData),
        ...(shape === 'ELLIPSE' ? items(shortLine.GraphicData) : []),
      ],
      ContentSequence: longLine.ContentSequence,
    }
    for (const num of [long, short]) {
      num.ContentSequence = items(num.ContentSequence).filter((item) => item.ValueType !== 'SCOORD')
    }
    group.ContentSequence = [...items(group.ContentSequence), region]
  }

  it('reads the axes of a group drawn as an ellipse Image Region (major and minor axis)', () => {
    const dataset = loadDataset()
    drawnAsRegion(dataset, 1, 'ELLIPSE')
    const report = measurementsOfDataset(dataset, 'region.dcm')
    expect(report.issues).toEqual([])
    expect(report.measurements).toEqual(
      measurementsOfDataset(loadDataset(), 'region.dcm').measurements,
    )
  })

  it('reads a group whose Image Region is its long axis alone as a long axis, with a note', () => {
    const dataset = loadDataset()
    drawnAsRegion(dataset, 1, 'POLYLINE')
    const report = measurementsOfDataset(dataset, 'region.dcm')
    const original = measurementsOfDataset(loadDataset(), 'region.dcm').measurements
    expect(report.measurements[1].longAxis).toEqual(original[1].longAxis)
    expect(report.measurements[1].shortAxis).toBeNull()
    expect(report.measurements[0]).toEqual(original[0])
    expect(report.issues.map((i) => [i.code, i.severity])).toEqual([
      ['sr-short-axis-not-drawn', 'note'],
    ])
    expect(report.issues[0].message).toMatch(/^1 measurement group\(s\) state a short axis/)
  })

  it('skips a group whose axes have no coordinates and no Image Region, saying so', () => {
    const dataset = loadDataset()
    drawnAsRegion(dataset, 1, 'POLYLINE')
    const group = groups(dataset)[1]
    group.ContentSequence = items(group.ContentSequence).filter(
      (item) => item.ValueType !== 'SCOORD',
    )
    const report = measurementsOfDataset(dataset, 'bare.dcm')
    expect(report.measurements).toHaveLength(groups(loadDataset()).length - 1)
    expect(report.issues.map((i) => i.code)).toEqual(['sr-bad-measurement'])
    expect(report.issues[0].message).toMatch(/group 2 .*long axis has no coordinates/)
  })

  it('leaves out with one note the groups that measure something else (a volume, a mean)', () => {
    const dataset = loadDataset()
    const all = groups(dataset)
    const rename = (num: NaturalDataset, value: string, meaning: string) => {
      const code = items(num.ConceptNameCodeSequence)[0]
      code.CodeValue = value
      code.CodeMeaning = meaning
    }
    // A segmented region's figures, as dcmqi writes them: no axis, no length.
    rename(axisNum(all[0], '103339001'), '118565006', 'Volume')
    rename(axisNum(all[0], '103340004'), '373098007', 'Mean')
    all[1].ContentSequence = items(all[1].ContentSequence).filter(
      (item) => item.ValueType !== 'NUM',
    )
    const report = measurementsOfDataset(dataset, 'volumes.dcm')
    expect(report.measurements).toHaveLength(all.length - 2)
    expect(report.issues.map((i) => [i.code, i.severity])).toEqual([['sr-not-recist', 'note']])
    expect(report.issues[0].message).toMatch(
      /^2 measurement group\(s\) of this report measure Volume, Mean, no RECIST axis/,
    )
  })

  it('skips a group without a long axis and a group in pixels, naming each, and keeps the others', () => {
    const dataset = loadDataset()
    const all = groups(dataset)
    const count = all.length
    all[0].ContentSequence = items(all[0].ContentSequence).filter(
      (item) => items(item.ConceptNameCodeSequence)[0]?.CodeValue !== '103339001',
    )
    const report = measurementsOfDataset(dataset, 'edited.dcm')
    expect(report.measurements).toHaveLength(count - 1)
    expect(report.issues).toHaveLength(1)
    expect(report.issues[0].message).toMatch(
      /measurement group 1 \('Lesion \d+'\) is skipped: it has no long axis measurement/,
    )

    const pixels = loadDataset()
    const measured = items(axisNum(groups(pixels)[0], '103339001').MeasuredValueSequence)[0]
    items(measured.MeasurementUnitsCodeSequence)[0].CodeValue = '{pixel}'
    const inPixels = measurementsOfDataset(pixels, 'pixels.dcm')
    expect(inPixels.issues[0].message).toMatch(/in '\{pixel\}', not a length unit/)
  })

  it('answers a report of another kind with one note and no bookmarks', () => {
    const dataset = loadDataset()
    items(dataset.ConceptNameCodeSequence)[0].CodeValue = '113701'
    items(dataset.ConceptNameCodeSequence)[0].CodeMeaning = 'X-Ray Radiation Dose Report'
    const report = measurementsOfDataset(dataset, 'dose.dcm')
    expect(report.measurements).toEqual([])
    expect(report.issues).toHaveLength(1)
    expect(report.issues[0].severity).toBe('note')
    expect(report.issues[0].message).toContain('X-Ray Radiation Dose Report')
  })
})
