// Calibration on DLS: folds split patients, never lesions; a refit replaces the weights of the
// evidence DLS has and keeps the track threshold and the weights of the evidence it lacks.
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { fitMatcher, patientFolds } from '../../../electron/core/dls/calibrate'
import { parseDlsSplit } from '../../../electron/core/dls/dls-split'
import { dlsProtocol } from '../../../electron/core/dls/protocol'
import { analyseDlsSplit } from '../../../electron/core/dls/run-dls'
import { loadMatcherModel } from '../../../electron/core/match/model'

const VALID = fileURLToPath(new URL('../../fixtures/real/dls/valid.json', import.meta.url))

describe('patientFolds', () => {
  it('puts every patient in exactly one fold of near-equal size, reproducibly', () => {
    const ids = Array.from({ length: 23 }, (_, k) => `P${k}`)
    const folds = patientFolds(ids, 5, 1)
    expect(folds.map((f) => f.length).sort()).toEqual([4, 4, 5, 5, 5])
    expect(folds.flat().sort()).toEqual([...ids].sort())
    expect(patientFolds(ids, 5, 1)).toEqual(folds)
    expect(patientFolds(ids, 5, 2)).not.toEqual(folds)
  })
})

describe('fitMatcher', () => {
  it('refits position, size and gap weights on real DLS pairs and keeps what DLS cannot tell', () => {
    const split = parseDlsSplit(JSON.parse(readFileSync(VALID, 'utf8')), VALID)
    const protocol = dlsProtocol(split)
    const base = loadMatcherModel()
    const start = {
      ...base,
      tracks: { ...base.tracks, linkThreshold: 0.42 },
      probability: {
        intercept: 0,
        weights: { ...base.probability.weights, distanceXy: 0, embeddingDistance: -2.5 },
      },
    }
    const fitted = fitMatcher(protocol, [...analyseDlsSplit(protocol, start).values()], start)
    expect(fitted.tracks.linkThreshold).toBe(0.42)
    // No DLS lesion has an embedding or a type: those weights stay as they were.
    expect(fitted.probability.weights.embeddingDistance).toBe(-2.5)
    expect(fitted.probability.weights.embeddingPresent).toBe(
      base.probability.weights.embeddingPresent,
    )
    expect(fitted.probability.weights.typeAgreement).toBe(base.probability.weights.typeAgreement)
    // Farther apart after alignment, later in the patient's order: less likely the same lesion.
    expect(fitted.probability.weights.distanceXy).toBeLessThan(-0.1)
    expect(fitted.probability.weights.logStudyGap).toBeLessThan(-0.5)
    expect(fitted.probability.intercept).not.toBe(0)
  })
})
