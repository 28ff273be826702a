// Figures against a known truth: pairs and exact tracks counted by hand on a small case, and the
// eval section on a synthetic DICOM folder.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { importFolder } from '../../../electron/core/import/import-folder'
import { matchingEvalReport } from '../../../electron/core/match/matching-eval'
import { matchPatient } from '../../../electron/core/match/match-patient'
import { loadMatcherModel } from '../../../electron/core/match/model'
import { matchingFigures } from '../../../electron/core/match/truth-figures'
import { labelBookmarks } from '../../../electron/core/patch/lesion-labels'
import { synthesize } from '../../../electron/core/synth/synthesize'
import { lesion } from './lesions'

const model = loadMatcherModel()
const dir = mkdtempSync(join(tmpdir(), 'lt-truth-figures-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('matchingFigures', () => {
  it('counts pairs and exact tracks against the truth', () => {
    // Lesion X in studies 1 and 2; Y in study 1 only, Z in study 2 only, far from everything.
    const lesions = [
      lesion('x1', 1, [0, 0, 0], 20),
      lesion('y1', 1, [300, 0, 0], 10),
      lesion('x2', 2, [1, 0, 0], 21),
      lesion('z2', 2, [-300, 200, 0], 40),
    ]
    const truthOf = new Map([
      ['x1', 'X'],
      ['x2', 'X'],
      ['y1', 'Y'],
      ['z2', 'Z'],
    ])
    const match = matchPatient('P', lesions, model)
    const figures = matchingFigures([match], lesions, truthOf)
    // Pairs across studies: x1-x2 (same), x1-z2, y1-x2, y1-z2.
    expect(figures.pairs).toMatchObject({
      count: 4,
      sameLesion: 1,
      truePositives: 1,
      falsePositives: 0,
      falseNegatives: 0,
    })
    expect(figures.pairs.probabilityAuc).toBe(1)
    expect(figures.calibration.bins.reduce((sum, b) => sum + b.pairs, 0)).toBe(4)
    expect(figures.calibration.brier).toBeLessThan(0.1)
    expect(figures.tracks).toEqual({ trueLesions: 3, predicted: 3, exact: 3, exactFraction: 1 })
    // A wrong truth (x2 is really Y) makes the X track wrong and loses the Y track.
    const wrong = matchingFigures([match], lesions, new Map([...truthOf, ['x2', 'Y']]))
    expect(wrong.pairs).toMatchObject({ truePositives: 0, falsePositives: 1, falseNegatives: 1 })
    expect(wrong.tracks.exact).toBe(1)
  })
})

describe('matchingEvalReport', () => {
  it('scores a synthetic DICOM folder: its tracks are the true lesions', async () => {
    const data = join(dir, 'data')
    await synthesize({
      patients: 2,
      seed: 23,
      out: data,
      format: 'dicom',
      studies: 3,
      matrix: 96,
      sliceMm: 5,
    })
    const result = await importFolder(data)
    result.volumes.clear()
    const report = matchingEvalReport(
      [{ dir: data, result, labels: labelBookmarks(result, data) }],
      [],
      model,
    )
    expect(report.matcher).toBe(`${model.name} ${model.version}`)
    expect(report.bookmarks).toBe(result.bookmarks.length)
    expect(report.patients).toBe(2)
    expect(report.pairs.sameLesion).toBeGreaterThan(0)
    expect(report.pairs).toMatchObject({ precision: 1, recall: 1, f1: 1 })
    expect(report.tracks.exact).toBe(report.tracks.trueLesions)
    expect(report.tracks.predicted).toBe(report.tracks.trueLesions)
  })
})
