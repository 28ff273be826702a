import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { importFolder } from '../../../electron/core/import/import-folder'
import type { ImportResult } from '../../../electron/core/import/result'
import { labelBookmarks, type LabelledImport } from '../../../electron/core/patch/lesion-labels'
import { synthesize } from '../../../electron/core/synth/synthesize'
import type { Truth } from '../../../electron/core/synth/truth'

const work = mkdtempSync(join(tmpdir(), 'lesiontrack-labels-'))
afterAll(() => rmSync(work, { recursive: true, force: true }))

type Labelled = LabelledImport['lesions'][number]

/** The same drawing in the other import: same study, long axis end points within half a pixel. */
function twinOf(lesion: Labelled, others: Labelled[]): Labelled | undefined {
  const near = (p: number[], q: number[]) => Math.hypot(p[0] - q[0], p[1] - q[1]) < 0.5
  return others.find(
    (other) =>
      other.studyIndex === lesion.studyIndex &&
      near(other.bookmark.longAxisPx[0], lesion.bookmark.longAxisPx[0]) &&
      near(other.bookmark.longAxisPx[1], lesion.bookmark.longAxisPx[1]),
  )
}

describe('bookmark labels from truth.json and DL_info.csv', () => {
  let truth: Truth
  let dicom: { result: ImportResult; labels: LabelledImport }
  let deepLesion: { result: ImportResult; labels: LabelledImport }

  beforeAll(async () => {
    truth = await synthesize({
      patients: 1,
      seed: 3,
      out: work,
      format: 'both',
      studies: 2,
      matrix: 128,
      sliceMm: 5,
    })
    const dicomResult = await importFolder(join(work, truth.patients[0].patientId))
    dicom = { result: dicomResult, labels: labelBookmarks(dicomResult, work) }
    const dlResult = await importFolder(work)
    deepLesion = { result: dlResult, labels: labelBookmarks(dlResult, work) }
  })

  it('finds the truth entry of every bookmark, by tracking UID and by key slice and long axis', () => {
    const expected = truth.totals.bookmarks
    expect(expected).toBeGreaterThan(2)
    for (const { result, labels } of [dicom, deepLesion]) {
      expect(result.bookmarks.length).toBe(expected)
      expect(labels.hasTruth).toBe(true)
      expect(labels.unmatched).toBe(0)
      expect(labels.lesions.every((l) => l.lesionId !== undefined)).toBe(true)
    }
    const truthIds = truth.patients[0].bookmarks.map((b) => b.lesionId).sort()
    expect(dicom.labels.lesions.map((l) => l.lesionId).sort()).toEqual(truthIds)
  })

  it('gives the same drawing the same identity and body position in both layouts', () => {
    for (const l of deepLesion.labels.lesions) {
      const twin = twinOf(l, dicom.labels.lesions)
      expect(twin, `no DICOM twin for ${l.bookmark.label}`).toBeDefined()
      expect(twin?.lesionId).toBe(l.lesionId)
      expect(l.normalizedLocation).toBeDefined()
      expect(twin?.normalizedLocation).toEqual(l.normalizedLocation)
    }
  })

  it('labels nothing but the study order where the folder has no truth', async () => {
    const result = await importFolder(join(work, truth.patients[0].patientId))
    const labels = labelBookmarks(result, join(work, truth.patients[0].patientId))
    expect(labels.hasTruth).toBe(false)
    expect(labels.lesions.every((l) => l.lesionId === undefined)).toBe(true)
    expect(new Set(labels.lesions.map((l) => l.studyIndex))).toEqual(new Set([1, 2]))
  })
})
