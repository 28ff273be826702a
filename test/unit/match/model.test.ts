// matcher.json: the shipped parameters load and are complete; a broken file is named with the
// field that is wrong and what to do.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { FEATURE_NAMES } from '../../../electron/core/match/features'
import { loadMatcherModel, parseMatcherModel } from '../../../electron/core/match/model'

const dir = mkdtempSync(join(tmpdir(), 'lt-matcher-model-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('matcher model', () => {
  it('ships calibrated weights for the position, size, gap and rank features', () => {
    const model = loadMatcherModel()
    expect(Object.keys(model.probability.weights)).toEqual([...FEATURE_NAMES])
    // Farther apart or more changed in size must lower the probability.
    for (const name of ['distanceXy', 'distanceZ', 'longAxisChange', 'shortAxisChange'] as const) {
      expect(model.probability.weights[name]).toBeLessThan(0)
    }
    expect(model.probability.weights.mutualBest).toBeGreaterThan(0)
    expect(model.tracks.linkThreshold).toBeGreaterThan(0)
    expect(model.tracks.linkThreshold).toBeLessThan(1)
  })

  it('names the file and the field when a value is missing or wrong', () => {
    const good = loadMatcherModel()
    const broken = { ...good, noise: { ...good.noise, zBaseMm: 'ten' } }
    expect(() => parseMatcherModel(broken, 'my.json')).toThrow(
      /^my\.json: noise\.zBaseMm must be a number/,
    )
    const unknown = {
      ...good,
      probability: { ...good.probability, weights: { ...good.probability.weights, colour: 1 } },
    }
    expect(() => parseMatcherModel(unknown, 'my.json')).toThrow(
      'my.json: unknown feature weights: colour',
    )
  })

  it('says when the file is not JSON, and how to get a good one', () => {
    const path = join(dir, 'bad.json')
    writeFileSync(path, '{ not json')
    expect(() => loadMatcherModel(path)).toThrow(
      /bad\.json: is not valid JSON .*lesiontrack dls PAIRS\.json --fit FILE/,
    )
    expect(() => loadMatcherModel(join(dir, 'missing.json'))).toThrow(
      /missing\.json: cannot be read/,
    )
  })
})
