// Cross-validation folds split patients, never lesions: every patient in exactly one fold.
import { describe, expect, it } from 'vitest'
import { patientFolds } from '../../../electron/core/dls/calibrate'

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
