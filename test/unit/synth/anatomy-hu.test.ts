import { describe, expect, it } from 'vitest'
import { sliceBodyZ, sliceGrid, type Acquisition } from '../../../electron/core/synth/acquisition'
import { trunkAt } from '../../../electron/core/synth/anatomy/body-model'
import { lungSection, spineAt } from '../../../electron/core/synth/anatomy/organ-layout'
import { LesionTypeBag } from '../../../electron/core/synth/lesions/plan'
import { planPatient, type PatientPlan } from '../../../electron/core/synth/patient'
import { Rng } from '../../../electron/core/synth/prng'
import { renderVolume } from '../../../electron/core/synth/raster/render'

/** A patient with enough subcutaneous fat to sample it, and one 256² 5 mm CAP study of it. */
function patientWithFat(): PatientPlan {
  for (let seed = 1; ; seed++) {
    const plan = planPatient(
      seed,
      0,
      {
        studyCount: 1,
        acquisition: { matrix: 256, sliceSpacingMm: 5, region: 'chest-abdomen-pelvis' },
      },
      new LesionTypeBag(new Rng(seed, 'types')),
    )
    if (plan.body.fatMm >= 18) return plan
  }
}

const plan = patientWithFat()
const study = plan.studies[0]
const a: Acquisition = study.acquisition
// No lesions: this checks the anatomy alone.
const hu = renderVolume({
  body: plan.body,
  anatomy: plan.anatomy,
  painters: [],
  acquisition: a,
  tissues: study.tissues,
  textureSeed: plan.textureSeed,
  rng: new Rng(1, 'hu test'),
})
const grid = sliceGrid(a)

/** The slice nearest to body z. */
function sliceAt(zMm: number): number {
  let best = 0
  for (let k = 0; k < a.sliceCount; k++) {
    if (Math.abs(sliceBodyZ(a, k) - zMm) < Math.abs(sliceBodyZ(a, best) - zMm)) best = k
  }
  return best
}

/** Median HU of a (2r+1)² patch centered on a body-frame point. */
function medianAt(xMm: number, yMm: number, zMm: number, r = 2): number {
  const k = sliceAt(zMm)
  const i = Math.round((xMm - grid.x0Mm) / grid.spacingMm)
  const j = Math.round((yMm - grid.y0Mm) / grid.spacingMm)
  const values: number[] = []
  for (let dj = -r; dj <= r; dj++) {
    for (let di = -r; di <= r; di++)
      values.push(hu[k * grid.width * grid.height + (j + dj) * grid.width + i + di])
  }
  return values.sort((p, q) => p - q)[values.length >> 1]
}

describe('synthetic anatomy has CT values in the right ranges', () => {
  it('air outside the body is about −1000 HU', () => {
    const corner = hu.subarray(0, 5 * grid.width)
    const sorted = [...corner].sort((p, q) => p - q)
    expect(sorted[sorted.length >> 1]).toBeGreaterThanOrEqual(-1010)
    expect(sorted[sorted.length >> 1]).toBeLessThanOrEqual(-990)
  })

  it('lung parenchyma is about −850 HU', () => {
    const [right] = plan.organs.lungs
    const z = -100 * plan.body.scale[2]
    const section = lungSection(plan.body, right, z)!
    const value = medianAt(section.cx - section.rx * 0.4, section.cy, z)
    expect(value).toBeGreaterThan(-900)
    expect(value).toBeLessThan(-800)
  })

  it('subcutaneous fat is about −100 HU', () => {
    const z = -330 * plan.body.scale[2]
    const { centerY, skin, muscle } = trunkAt(plan.body, z)
    const value = medianAt(0, centerY - (skin[1] + muscle[1]) / 2, z, 1)
    expect(value).toBeGreaterThan(-130)
    expect(value).toBeLessThan(-70)
  })

  it('liver is 40–70 HU', () => {
    const c = plan.organs.liverRight.center
    const value = medianAt(c[0], c[1], c[2], 4)
    expect(value).toBeGreaterThanOrEqual(40)
    expect(value).toBeLessThanOrEqual(70)
  })

  it('bone is brighter than 300 HU: the vertebral cortex and the femoral heads', () => {
    // The spinous process is solid cortex behind the canal (absent at the level of a disc, so
    // look along a few centimetres of spine).
    const spinous = [-240, -250, -260, -270, -280].map((t) => {
      const z = t * plan.body.scale[2]
      const spine = spineAt(plan.body, z)
      return medianAt(0, spine.cy + spine.radius + 30, z, 1)
    })
    expect(Math.max(...spinous)).toBeGreaterThan(300)
    const k = sliceAt(-556 * plan.body.scale[2])
    const slice = hu.subarray(k * grid.width * grid.height, (k + 1) * grid.width * grid.height)
    expect([...slice].filter((v) => v > 300).length * grid.spacingMm ** 2).toBeGreaterThan(1000)
  })

  it('muscle is 30–70 HU', () => {
    const z = -200 * plan.body.scale[2]
    const spine = spineAt(plan.body, z)
    const value = medianAt(spine.radius + 20, spine.cy + spine.radius + 24, z, 2)
    expect(value).toBeGreaterThan(30)
    expect(value).toBeLessThan(70)
  })
})
