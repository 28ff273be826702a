import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { importFolder } from '../../../electron/core/import/import-folder'
import { summarize } from '../../../electron/core/import/result'
import { generateDemo } from '../../../electron/core/synth/demo'
import type { Truth, TruthPatient } from '../../../electron/core/synth/truth'

const root = mkdtempSync(join(tmpdir(), 'lt-demo-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

let truth: Truth
let patient: TruthPatient

beforeAll(async () => {
  await generateDemo(join(root, 'demo'))
  truth = JSON.parse(readFileSync(join(root, 'demo', 'truth.json'), 'utf8')) as Truth
  patient = truth.patients[0]
})

/** Long axes of one lesion's bookmarks in study order (undefined where not bookmarked). */
function course(lesionId: string): (number | undefined)[] {
  return patient.studies.map(
    (s) =>
      patient.bookmarks.find(
        (b) => b.lesionId === lesionId && b.studyInstanceUid === s.studyInstanceUid,
      )?.longAxisMm,
  )
}

describe('the demo patient', () => {
  it('has one patient, three studies and five lesions, every visible lesion bookmarked', () => {
    expect(truth.totals).toMatchObject({ patients: 1, studies: 3, series: 3 })
    expect(patient.lesions).toHaveLength(5)
    const visible = patient.lesions.reduce(
      (sum, l) => sum + l.sizeByStudy.filter((s) => s > 0).length,
      0,
    )
    expect(truth.totals.bookmarks).toBe(visible)
  })

  it('shows a growing, a shrinking and a new lesion in its measurements', () => {
    const courses = patient.lesions.map((l) => course(l.lesionId))
    const [growing, shrinking, , , fresh] = courses
    expect(growing[2]! / growing[0]!).toBeGreaterThan(1.15)
    expect(shrinking[2]! / shrinking[0]!).toBeLessThan(0.9)
    expect(fresh[0]).toBeUndefined()
    expect(fresh[1]).toBeUndefined()
    expect(fresh[2]).toBeGreaterThan(10)
  })

  it('has two neighbouring lesions, a few millimetres apart on the same slices', () => {
    const [first, second] = patient.lesions.filter((l) => l.type === 3)
    expect(second.neighbourOf).toBe(first.lesionId)
    for (const study of patient.studies) {
      const [a, b] = [first, second].map((l) =>
        patient.bookmarks.find(
          (m) => m.lesionId === l.lesionId && m.studyInstanceUid === study.studyInstanceUid,
        )!,
      )
      const gap =
        Math.hypot(...a.centerBodyMm.map((v, axis) => v - b.centerBodyMm[axis])) -
        (a.longAxisMm + b.longAxisMm) / 2
      expect(gap).toBeLessThan(15)
      expect(Math.abs(a.sliceIndex - b.sliceIndex)).toBeLessThanOrEqual(2)
    }
  })

  it('imports with LesionTrack’s importer to the counts, slices and sizes truth.json states', async () => {
    const result = await importFolder(join(root, 'demo'))
    const summary = summarize(result)
    expect(summary.errors).toEqual([])
    expect({
      patients: summary.patients,
      studies: summary.studies,
      series: summary.series,
      bookmarks: summary.bookmarks,
    }).toEqual(truth.totals)
    for (const b of patient.bookmarks) {
      const imported = result.bookmarks.find(
        (m) => m.sopInstanceUid === b.sopInstanceUid && m.label === b.trackingIdentifier,
      )!
      expect(imported.sliceIndex).toBe(b.sliceIndex)
      expect(imported.longAxisMm).toBeCloseTo(b.longAxisMm, 2)
      imported.longAxisPx.flat().forEach((v, n) => expect(v).toBeCloseTo(b.longAxisPx.flat()[n], 3))
      const studyShift = patient.studies.find(
        (s) => s.studyInstanceUid === b.studyInstanceUid,
      )!.tableShiftMm
      imported.centerLps.forEach((v, axis) =>
        expect(v - studyShift[axis]).toBeCloseTo(b.centerBodyMm[axis], 1),
      )
    }
  })
})
