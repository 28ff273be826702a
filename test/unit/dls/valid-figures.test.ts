// The shipped matcher on the real DLS development split: the in-sample figures of the model
// card hold, so a change that loses accuracy on real data fails here first.
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { parseDlsSplit } from '../../../electron/core/dls/dls-split'
import { dlsProtocol } from '../../../electron/core/dls/protocol'
import { analyseDlsSplit, dlsMetrics, predictDls } from '../../../electron/core/dls/run-dls'
import { loadMatcherModel } from '../../../electron/core/match/model'

const VALID = fileURLToPath(new URL('../../fixtures/real/dls/valid.json', import.meta.url))

describe('shipped matcher on DLS valid.json', () => {
  it('keeps the figures of the model card (in-sample)', () => {
    const split = parseDlsSplit(JSON.parse(readFileSync(VALID, 'utf8')), VALID)
    const protocol = dlsProtocol(split)
    const model = loadMatcherModel()
    const metrics = dlsMetrics(
      protocol,
      predictDls(analyseDlsSplit(protocol, model).values(), model),
    )
    expect(metrics.scoredPairs).toBe(4376)
    expect(metrics.sameGroupPairs).toBe(964)
    expect(metrics.auc).toBeGreaterThan(0.972)
    expect(metrics.tracks.f1).toBeGreaterThan(0.84)
    expect(metrics.top1.value).toBeGreaterThan(0.955)
    // The loss split accounts for all of 1 − AUC; most of it lies where DLS never compared the
    // two studies and the lesions coincide (one lesion annotated as two groups).
    const lost = metrics.aucLoss.reduce((sum, l) => sum + l.loss, 0)
    expect(lost).toBeCloseTo(1 - metrics.auc, 12)
    const coinciding = metrics.aucLoss.find((l) => l.kind === 'unannotatedCoinciding')
    expect(coinciding?.loss).toBeGreaterThan(lost / 2)
  })
})
