// Guards reports whose axes are given in patient coordinates (SCOORD3D, as 3D viewers write
// them) instead of on an image: each must land on the slice, pixels and lesion the same axes drawn
// on the image give, and axes off every slice plane must be refused with a reason, not placed on
// the nearest slice.
import { spawnSync } from 'node:child_process'
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, relative } from 'node:path'
import dcmjs, { type NaturalDataset } from 'dcmjs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { pixelToLps, type Vec3 } from '../../../electron/core/geometry/frames'
import { attachBookmarks } from '../../../electron/core/import/attach-bookmarks'
import { importFolder } from '../../../electron/core/import/import-folder'
import type { ImportResult } from '../../../electron/core/import/result'
import type { Bookmark, PixelXY } from '../../../electron/core/model/types'
import { items } from '../../../electron/core/sr/content-tree'
import { measurementsOfDataset } from '../../../electron/core/sr/read-measurement-report'
import { synthesize } from '../../../electron/core/synth/synthesize'
import type { Truth } from '../../../electron/core/synth/truth'

const AXIS_CODES = ['103339001', '103340004']
let dir: string
let truth: Truth
let imported: ImportResult
let srPath: string
const temps: string[] = []
afterAll(() => temps.forEach((t) => rmSync(t, { recursive: true, force: true })))

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'world-axes-'))
  temps.push(dir)
  await synthesize({ patients: 1, seed: 5, out: dir, format: 'dicom', studies: 2, matrix: 64 })
  truth = JSON.parse(readFileSync(join(dir, 'truth.json'), 'utf8'))
  imported = await importFolder(dir)
  const study = truth.patients[0].studies.find((s) =>
    truth.patients[0].bookmarks.some((b) => b.studyInstanceUid === s.studyInstanceUid),
  )!
  srPath = join(dir, dirname(study.seriesFolder), 'SR0001.dcm')
})

function loadReport(): NaturalDataset {
  const bytes = readFileSync(srPath)
  const dict = dcmjs.data.DicomMessage.readFile(
    bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length) as ArrayBuffer,
  )
  return dcmjs.data.DicomMetaDictionary.naturalizeDataset(dict.dict)
}

/** The measurement groups of a report, and each group's tracking UID. */
function groupsOf(report: NaturalDataset): { group: NaturalDataset; trackingUid: string }[] {
  const measurements = items(report.ContentSequence).find(
    (item) => items(item.ConceptNameCodeSequence)[0]?.CodeValue === '126010',
  )!
  return items(measurements.ContentSequence).map((group) => ({
    group,
    trackingUid: String(
      items(group.ContentSequence).find(
        (item) => items(item.ConceptNameCodeSequence)[0]?.CodeValue === '112040',
      )?.UID ?? '',
    ),
  }))
}

/**
 * Replaces the image coordinates (SCOORD) of every axis by the same end points in patient LPS
 * (SCOORD3D), moved along z by `shiftZMm` for the groups `shifted` picks.
 */
function toWorldAxes(
  report: NaturalDataset,
  frameOf: (b: Bookmark) => string,
  shifted: (trackingUid: string) => number = () => 0,
): void {
  for (const { group, trackingUid } of groupsOf(report)) {
    const bookmark = imported.bookmarks.find((b) => b.bookmarkId === trackingUid)!
    const series = imported.series.find((s) => s.seriesInstanceUid === bookmark.seriesInstanceUid)!
    for (const num of items(group.ContentSequence)) {
      const code = items(num.ConceptNameCodeSequence)[0]?.CodeValue
      if (!AXIS_CODES.includes(String(code))) continue
      const points = code === AXIS_CODES[0] ? bookmark.longAxisPx : bookmark.shortAxisPx!
      const lps = points.map(([x, y]: PixelXY) => {
        const p: Vec3 = pixelToLps(series.geometry, [x, y, bookmark.sliceIndex])
        return [p[0], p[1], p[2] + shifted(trackingUid)]
      })
      num.ContentSequence = [
        {
          RelationshipType: 'INFERRED FROM',
          ValueType: 'SCOORD3D',
          GraphicType: 'POLYLINE',
          GraphicData: lps.flat(),
          ReferencedFrameOfReferenceUID: frameOf(bookmark),
        },
      ]
    }
  }
}

/** The bookmarks (and issues) of an edited report attached to the imported series. */
function attachEdited(report: NaturalDataset) {
  return attachBookmarks([measurementsOfDataset(report, srPath)], imported.series, imported.studies)
}

function frameOfReference(b: Bookmark): string {
  return imported.series.find((s) => s.seriesInstanceUid === b.seriesInstanceUid)!
    .frameOfReferenceUid as string
}

/** Comprehensive 3D SR Storage: the SR class that may hold SCOORD3D. */
const COMPREHENSIVE_3D_SR = '1.2.840.10008.5.1.4.1.1.88.34'

/** Writes a naturalized report as a Comprehensive 3D SR file. */
function writeReport(report: NaturalDataset, file: string): void {
  const bytes = readFileSync(srPath)
  const dict = dcmjs.data.DicomMessage.readFile(
    bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length) as ArrayBuffer,
  )
  report.SOPClassUID = COMPREHENSIVE_3D_SR
  dict.meta['00020002'] = { vr: 'UI', Value: [COMPREHENSIVE_3D_SR] }
  dict.dict = dcmjs.data.DicomMetaDictionary.denaturalizeDataset(report)
  writeFileSync(file, Buffer.from(dict.write()))
}

describe('SR axes in patient coordinates (SCOORD3D)', () => {
  it('are read from a Comprehensive 3D SR file, which dcmtk accepts, into the same bookmarks', async () => {
    const copy = mkdtempSync(join(tmpdir(), 'world-axes-copy-'))
    temps.push(copy)
    cpSync(dir, copy, { recursive: true })
    const report = loadReport()
    toWorldAxes(report, frameOfReference)
    const file = join(copy, relative(dir, srPath))
    writeReport(report, file)
    const dump = spawnSync('dsrdump', [file], { encoding: 'utf8' })
    expect(dump.status, dump.stderr).toBe(0)
    expect(dump.stderr).not.toMatch(/^E:/m)
    expect(dump.stdout).toContain('inferred from SCOORD3D')
    const again = await importFolder(copy)
    expect(again.issues.filter((i) => i.severity === 'error')).toEqual([])
    const key = (b: Bookmark) => [b.bookmarkId, b.sliceIndex, b.sopInstanceUid].join(' ')
    expect(again.bookmarks.map(key).sort()).toEqual(imported.bookmarks.map(key).sort())
  })

  it('become the bookmarks the same axes drawn on the image give', () => {
    const report = loadReport()
    const drawn = measurementsOfDataset(report, srPath)
    toWorldAxes(report, frameOfReference)
    const world = measurementsOfDataset(report, srPath)
    expect(world.issues).toEqual([])
    expect(world.measurements.every((m) => 'pointsLps' in m.longAxis)).toBe(true)
    const fromImage = attachBookmarks([drawn], imported.series, imported.studies)
    const fromWorld = attachBookmarks([world], imported.series, imported.studies)
    expect(fromWorld.issues).toEqual([])
    expect(fromWorld.bookmarks.length).toBe(fromImage.bookmarks.length)
    expect(fromWorld.bookmarks.length).toBeGreaterThan(0)
    for (const got of fromWorld.bookmarks) {
      const expected = fromImage.bookmarks.find((b) => b.bookmarkId === got.bookmarkId)!
      expect([got.seriesInstanceUid, got.sliceIndex, got.sopInstanceUid]).toEqual([
        expected.seriesInstanceUid,
        expected.sliceIndex,
        expected.sopInstanceUid,
      ])
      const gotPx = [...got.longAxisPx, ...got.shortAxisPx!].flat()
      const expectedPx = [...expected.longAxisPx, ...expected.shortAxisPx!].flat()
      gotPx.forEach((v, n) => expect(v).toBeCloseTo(expectedPx[n], 3))
      got.centerLps.forEach((v, d) => expect(v).toBeCloseTo(expected.centerLps[d], 3))
    }
  })

  it('place a long axis given alone, its short axis not measured', () => {
    const report = loadReport()
    toWorldAxes(report, frameOfReference)
    for (const { group } of groupsOf(report)) {
      group.ContentSequence = items(group.ContentSequence).filter(
        (item) => items(item.ConceptNameCodeSequence)[0]?.CodeValue !== AXIS_CODES[1],
      )
    }
    const placed = attachEdited(report)
    expect(placed.bookmarks.length).toBe(groupsOf(report).length)
    for (const got of placed.bookmarks) {
      const expected = imported.bookmarks.find((b) => b.bookmarkId === got.bookmarkId)!
      expect([got.sliceIndex, got.shortAxisPx, got.shortAxisMm]).toEqual([
        expected.sliceIndex,
        null,
        null,
      ])
      got.longAxisPx
        .flat()
        .forEach((v, n) => expect(v).toBeCloseTo(expected.longAxisPx.flat()[n], 3))
    }
    expect(placed.issues.map((i) => i.code)).toEqual(['sr-long-axis-only'])
  })

  it('are placed through the report’s study when they name no frame of reference', () => {
    const report = loadReport()
    toWorldAxes(report, () => '')
    const placed = attachEdited(report)
    expect(placed.issues).toEqual([])
    expect(placed.bookmarks.length).toBe(groupsOf(report).length)
  })

  it('are refused, saying why, off every slice plane or in an unknown frame of reference', () => {
    const report = loadReport()
    const [first, ...others] = groupsOf(report)
    const series = imported.series.find((s) =>
      imported.bookmarks.some(
        (b) => b.bookmarkId === first.trackingUid && b.seriesInstanceUid === s.seriesInstanceUid,
      ),
    )!
    // Half a slice off: between two slices, on neither.
    const halfSlice = series.geometry.spacingMm[2] / 2
    toWorldAxes(report, frameOfReference, (uid) => (uid === first.trackingUid ? halfSlice : 0))
    const offPlane = attachEdited(report)
    expect(offPlane.bookmarks.map((b) => b.bookmarkId).sort()).toEqual(
      others.map((o) => o.trackingUid).sort(),
    )
    expect(offPlane.issues.map((i) => [i.code, i.severity])).toEqual([['sr-off-slice', 'error']])
    expect(offPlane.issues[0].message).toContain(
      `its long axis, given in patient coordinates (SCOORD3D), lies on no slice of an imported series of frame of reference ${series.frameOfReferenceUid}`,
    )

    const unknown = loadReport()
    toWorldAxes(unknown, () => '2.25.404')
    const elsewhere = attachEdited(unknown)
    expect(elsewhere.bookmarks).toEqual([])
    expect(new Set(elsewhere.issues.map((i) => i.code))).toEqual(new Set(['sr-off-slice']))
  })
})
