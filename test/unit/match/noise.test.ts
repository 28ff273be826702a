// The position noise model: agreement falls off like a Gaussian within the tolerance but keeps
// a heavy tail, so a lesion a few tolerances away still counts; the reach bounds where it matters.
import { describe, expect, it } from 'vitest'
import { loadMatcherModel } from '../../../electron/core/match/model'
import {
  agreementReach,
  positionAgreement,
  sizeAgreement,
} from '../../../electron/core/match/noise'

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

describe('sizeAgreement', () => {
  const sigma = 0.5
  const [long20, long30] = [Math.log(20), Math.log(30)]

  it('compares long and short axes, highest for the same sizes', () => {
    expect(sizeAgreement(long20, Math.log(12), long20, Math.log(12), sigma)).toBeCloseTo(1, 12)
    // Both axes 1.5 times longer: exp(−½ · 2 · (ln 1.5 / σ)²).
    expect(sizeAgreement(long20, Math.log(12), long30, Math.log(18), sigma)).toBeCloseTo(
      Math.exp(-((Math.log(1.5) / sigma) ** 2)),
      12,
    )
  })

  it('takes a lesion without a short axis to keep its shape: the long axes count for both', () => {
    const grown = sizeAgreement(long20, Math.log(12), long30, Math.log(18), sigma)
    expect(sizeAgreement(long20, Number.NaN, long30, Math.log(18), sigma)).toBeCloseTo(grown, 12)
    expect(sizeAgreement(long20, Math.log(12), long30, Number.NaN, sigma)).toBeCloseTo(grown, 12)
    expect(sizeAgreement(long20, Number.NaN, long20, Number.NaN, sigma)).toBe(1)
  })
})
