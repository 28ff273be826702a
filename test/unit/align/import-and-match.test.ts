// A whole import end to end: synthetic DICOM (checked by dcmtk) aligned against its truth, matching
// with image priors against bookmarks alone, `lesiontrack track` output, DeepLesion left alone.
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { PatientImageAlignment } from '../../../electron/core/align/align-study-images'
import {
  alignImportedStudies,
  IMAGE_REGISTRATION_SOURCE,
  imagePriorTranslations,
} from '../../../electron/core/align/from-import'
import { imageAlignmentFigures } from '../../../electron/core/align/truth-errors'
import type { Vec3 } from '../../../electron/core/geometry/frames'
import { importFolder } from '../../../electron/core/import/import-folder'
import type { ImportResult } from '../../../electron/core/import/result'
import type { Series } from '../../../electron/core/model/types'
import { main } from '../../../electron/cli/main'
import { matchingEvalReport } from '../../../electron/core/match/matching-eval'
import { loadMatcherModel } from '../../../electron/core/match/model'
import { labelBookmarks } from '../../../electron/core/patch/lesion-labels'
import { synthesize } from '../../../electron/core/synth/synthesize'
import type { Truth } from '../../../electron/core/synth/truth'
import { dcmftest } from '../synth/dicom-tools'

const dir = mkdtempSync(join(tmpdir(), 'lt-align-import-'))
const dicomDir = join(dir, 'dicom')
// Seed 43 is used because there the bookmarks alone misplace studies (several lesions per study
// line up with the wrong ones): the case image alignment exists for. Regions and slice spacings
// are drawn as in real data (chest / abdomen-pelvis / whole trunk, 1–5 mm).
const options = { patients: 4, seed: 43, studies: 4, matrix: 96 }
let truth: Truth
let result: ImportResult
let alignments: Map<string, PatientImageAlignment>
let alignmentsBesideReformats: Map<string, PatientImageAlignment>

/**
 * The import with a sagittal reformat added to every study: 100 slices 10 mm apart along patient
 * L, so its extent (990 mm across the body) beats any axial series' extent along the body.
 */
function withSagittalReformats(imported: ImportResult): ImportResult {
  const volumes = new Map(imported.volumes)
  const reformats: Series[] = imported.studies.map((study) => {
    const axial = imported.series.find((s) => s.studyInstanceUid === study.studyInstanceUid)!
    const dims: Vec3 = [axial.geometry.dims[1], axial.geometry.dims[2], 100]
    const reformat: Series = {
      ...axial,
      seriesInstanceUid: `${axial.seriesInstanceUid}.9`,
      description: 'SAG MPR',
      geometry: {
        ...axial.geometry,
        dims,
        spacingMm: [axial.geometry.spacingMm[1], axial.geometry.spacingMm[2], 10],
        rowDirection: [0, 1, 0],
        columnDirection: [0, 0, -1],
        sliceNormal: [-1, 0, 0],
      },
      sopInstanceUids: Array.from({ length: 100 }, (_, k) => `${axial.seriesInstanceUid}.9.${k}`),
      sourceFiles: Array.from({ length: 100 }, (_, k) => `sag/${k}.dcm`),
    }
    volumes.set(reformat.seriesInstanceUid, new Int16Array(dims[0] * dims[1] * dims[2]))
    return reformat
  })
  const studies = imported.studies.map((study) => ({
    ...study,
    seriesUids: [
      ...reformats
        .filter((r) => r.studyInstanceUid === study.studyInstanceUid)
        .map((r) => r.seriesInstanceUid),
      ...study.seriesUids,
    ],
  }))
  return { ...imported, studies, series: [...reformats, ...imported.series], volumes }
}

beforeAll(async () => {
  truth = await synthesize({ ...options, out: dicomDir, format: 'dicom' })
  result = await importFolder(dicomDir)
  alignments = alignImportedStudies(result)
  alignmentsBesideReformats = alignImportedStudies(withSagittalReformats(result))
  result.volumes.clear()
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

function tableShifts(): Map<string, Vec3> {
  return new Map(
    truth.patients.flatMap((p) => p.studies.map((s) => [s.studyInstanceUid, s.tableShiftMm])),
  )
}

describe('image alignment of an imported folder', () => {
  it('reads real DICOM CT files', () => {
    const files = truth.patients.flatMap((p) =>
      p.studies.map((s) => {
        const folder = join(dicomDir, s.seriesFolder)
        return join(folder, readdirSync(folder).sort()[0])
      }),
    )
    expect([...dcmftest(files).values()]).toEqual(files.map(() => true))
  })

  it('places every follow-up study within 3 mm along the body and 4 mm in-plane', () => {
    const figures = imageAlignmentFigures(alignments.values(), tableShifts())
    expect(figures.studies).toBe(options.patients * (options.studies - 1))
    expect(figures.refused).toBe(0)
    expect(figures.errorZMm.max).toBeLessThanOrEqual(3)
    expect(figures.errorXyMm.max).toBeLessThanOrEqual(4)
    const priors = imagePriorTranslations(alignments.values())
    expect(priors.size).toBe(options.patients * options.studies)
    for (const alignment of alignments.values()) {
      expect(priors.get(alignment.referenceStudyId!)).toEqual([0, 0, 0])
    }
  })

  it('aligns on the axial series, not on a sagittal reformat of wider extent beside it', () => {
    expect(alignmentsBesideReformats).toEqual(alignments)
  })

  it('matches at least as well with the image priors as with the bookmarks alone', () => {
    const folder = { dir: dicomDir, result, labels: labelBookmarks(result, dicomDir) }
    const model = loadMatcherModel()
    const without = matchingEvalReport([folder], [], model)
    const withImages = matchingEvalReport([folder], [], model, {
      priorTranslations: imagePriorTranslations(alignments.values()),
      priorSource: IMAGE_REGISTRATION_SOURCE,
    })
    expect(withImages.pairs.f1).toBeGreaterThanOrEqual(without.pairs.f1)
    expect(withImages.tracks.exact).toBeGreaterThanOrEqual(without.tracks.exact)
    // On this seed the bookmarks alone get some tracks wrong; the images fix them.
    expect(withImages.pairs.f1).toBeGreaterThan(without.pairs.f1)
  })

  it('writes the alignment of `lesiontrack track` and leaves it out with --alignment bookmarks', async () => {
    const out = vi.spyOn(process.stdout, 'write').mockImplementation(() => true)
    try {
      const tracks = join(dir, 'tracks.json')
      expect(await main(['track', dicomDir, '--out', tracks])).toBe(0)
      expect(String(out.mock.calls.at(-1)?.[0])).toContain(
        'image alignment: 12 of 12 follow-up stud(ies) placed',
      )
      const written = JSON.parse(readFileSync(tracks, 'utf8')) as {
        imageAlignment: (PatientImageAlignment & { patientId: string })[]
        patients: { transforms: { source: string }[] }[]
      }
      expect(written.imageAlignment.map((a) => a.patientId).sort()).toEqual(
        truth.patients.map((p) => p.patientId).sort(),
      )
      expect(written.imageAlignment.flatMap((a) => a.studies).every((s) => s.translationMm)).toBe(
        true,
      )
      const plain = join(dir, 'tracks-bookmarks.json')
      expect(await main(['track', dicomDir, '--out', plain, '--alignment', 'bookmarks'])).toBe(0)
      const bookmarksOnly = JSON.parse(readFileSync(plain, 'utf8')) as typeof written
      expect(bookmarksOnly.imageAlignment).toEqual([])
      const sources = bookmarksOnly.patients.flatMap((p) => p.transforms.map((t) => t.source))
      expect(sources).not.toContain(IMAGE_REGISTRATION_SOURCE)
    } finally {
      out.mockRestore()
    }
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true)
    try {
      const args = ['track', dicomDir, '--out', join(dir, 't.json'), '--alignment', 'volumes']
      expect(await main(args)).toBe(2)
      expect(String(err.mock.calls[0][0])).toContain(
        "--alignment must be 'images' or 'bookmarks', got 'volumes'",
      )
    } finally {
      err.mockRestore()
    }
  })

  it('does not image-align the DeepLesion layout, which holds only slices near key slices', async () => {
    const layout = join(dir, 'deeplesion')
    await synthesize({ ...options, patients: 1, out: layout, format: 'deeplesion' })
    const deepLesion = await importFolder(layout)
    expect(deepLesion.volumes.size).toBeGreaterThan(0)
    const aligned = alignImportedStudies(deepLesion)
    const studies = [...aligned.values()].flatMap((a) => a.studies)
    expect(studies).toHaveLength(deepLesion.studies.length)
    for (const study of studies)
      expect(study.refusal).toMatch(
        /DeepLesion folder, which holds only the slices near each key slice/,
      )
    expect(imagePriorTranslations(aligned.values()).size).toBe(0)
  })
})

describe('imageAlignmentFigures', () => {
  it('measures each translation against the difference of the true table shifts', () => {
    const shifts = new Map<string, Vec3>([
      ['a', [5, 0, 100]],
      ['b', [2, 4, -50]],
      ['c', [0, 0, 0]],
    ])
    // b → a is exactly [3, −4, 150]; this one is 3 mm off in z and 5 mm off in-plane.
    const alignment: PatientImageAlignment = {
      referenceStudyId: 'a',
      studies: [
        { studyId: 'a', studyOrder: 1, translationMm: [0, 0, 0], confidence: 1 },
        { studyId: 'b', studyOrder: 2, translationMm: [6, 0, 153], confidence: 0.8 },
        { studyId: 'c', studyOrder: 3, confidence: 0, refusal: 'no overlap' },
      ],
    }
    const figures = imageAlignmentFigures([alignment], shifts)
    expect(figures).toMatchObject({ studies: 2, aligned: 1, refused: 1 })
    expect(figures.errorZMm).toEqual({ median: 3, p90: 3, max: 3 })
    expect(figures.errorXyMm).toEqual({ median: 5, p90: 5, max: 5 })
    expect(figures.errorMm.max).toBeCloseTo(Math.hypot(3, 4, 3), 10)
  })
})
