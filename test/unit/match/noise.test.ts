// The position noise model: agreement falls off like a Gaussian within the tolerance but keeps
// a heavy tail, so a lesion a few tolerances away still counts; the reach bounds where it matters.
import { describe, expect, it } from 'vitest'
import { loadMatcherModel } from '../../../electron/core/match/model'
import { agreementReach, positionAgreement } from '../../../electron/core/match/noise'

const { noise } = loadMatcherModel()

describe('positionAgreement', () => {
  it('is 1 at no distance and falls with distance', () => {
    expect(positionAgreement(noise, 0)).toBeCloseTo(1, 12)
    const values = [0, 1, 4, 9, 16, 36].map((q) => positionAgreement(noise, q))
    for (let k = 1; k < values.length; k++) expect(values[k]).toBeLessThan(values[k - 1])
  })

  it('keeps a lesion three tolerances away in play, where a Gaussian alone would not', () => {
    const gaussianOnly = { ...noise, outlierShare: 0 }
    expect(positionAgreement(gaussianOnly, 9)).toBeLessThan(0.012)
    expect(positionAgreement(noise, 9)).toBeGreaterThan(0.1)
    expect(positionAgreement(noise, 9)).toBeCloseTo(
      (1 - noise.outlierShare) * Math.exp(-4.5) + noise.outlierShare * Math.exp(-0.5),
      12,
    )
  })

  it('drops below the floor beyond its reach, with or without the tail', () => {
    for (const model of [noise, { ...noise, outlierShare: 0 }]) {
      const reach = agreementReach(model, 1e-4)
      expect(positionAgreement(model, 1.01 * reach)).toBeLessThan(1e-4)
      expect(positionAgreement(model, 0.9 * reach)).toBeGreaterThan(1e-4 * noise.outlierShare)
    }
  })
})
