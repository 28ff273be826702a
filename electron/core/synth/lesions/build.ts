/**
 * Turns lesion specs into placed lesions: a site for each type, a size drawn from DeepLesion's
 * long-axis distribution, a shape and an appearance, and its size at every study. Lesions never
 * overlap at any study; neighbours are placed a few millimetres apart.
 */
import type { Vec3 } from '../../geometry/frames'
import type { BodyModel } from '../anatomy/body-model'
import type { OrganLayout } from '../anatomy/organ-layout'
import type { Rng } from '../prng'
import { sampleAppearance } from './appearance'
import type { Lesion } from './lesion'
import type { LesionSpec } from './plan'
import { sampleSite, type LesionSite } from './sites'
import { sizeTrajectory } from './trajectory'

/**
 * Long axis (mm) at first appearance: log-normal around DLS's median of 19.7 mm, a little larger
 * because partial volume makes the measured axes come out slightly shorter.
 */
function longAxisMm(isNew: boolean, rng: Rng): number {
  return isNew ? rng.logNormal(11, 0.35) : rng.logNormal(21, 0.72)
}

/** Largest in-plane radius (mm) the lesion reaches at any study, outline bumps included. */
function maxReachMm(lesion: Lesion): number {
  const bulge = 1 + lesion.lobes.reduce((sum, lobe) => sum + Math.abs(lobe.amplitude), 0)
  return Math.max(...lesion.radiiMm) * bulge * Math.max(...lesion.sizeByStudy)
}

const distance = (a: Vec3, b: Vec3) => Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2])

function overlapsAny(lesion: Lesion, others: Lesion[]): boolean {
  return others.some(
    (other) =>
      distance(lesion.centerBodyMm, other.centerBodyMm) <
      maxReachMm(lesion) + maxReachMm(other) + 2,
  )
}

function makeLesion(
  spec: LesionSpec,
  lesionId: string,
  site: LesionSite,
  studyCount: number,
  minLongMm: number,
  rng: Rng,
): Lesion {
  const appearance = sampleAppearance(spec.type, rng)
  const sizes = sizeTrajectory(studyCount, spec.trend, spec.onsetStudy, spec.vanishStudy, rng)
  const maxLong = Math.min(90, site.maxLongAxisMm)
  const long =
    spec.longAxisMm ?? Math.min(maxLong, Math.max(minLongMm, longAxisMm(spec.onsetStudy > 0, rng)))
  // Growth may not push the lesion past what its site can hold.
  const peak = Math.max(...sizes)
  const fit = peak * long > maxLong * 1.15 ? (maxLong * 1.15) / (peak * long) : 1
  const shortRatio = Math.min(0.98, Math.max(0.42, rng.normal(0.77, 0.14)))
  const a = (long * fit) / 2
  const b = a * shortRatio
  return {
    lesionId,
    type: spec.type,
    site: site.site,
    centerBodyMm: site.centerBodyMm.map((v) => Number(v.toFixed(2))) as Vec3,
    // Cranio-caudal extent between the two in-plane ones, so a flat oval is not a disc.
    radiiMm: [a, b, Math.sqrt(a * b) * rng.uniform(0.85, 1.2)].map((v) =>
      Number(v.toFixed(3)),
    ) as Vec3,
    angle: Number(rng.uniform(0, Math.PI).toFixed(4)),
    ...appearance,
    textureSeed: rng.nextUint32() | 0,
    sizeByStudy: sizes,
    movesWithBreathing: spec.type === 5,
  }
}

/** A site right next to `anchor`: same type, outlines a few millimetres apart, in the same slices. */
function neighbourSite(anchor: Lesion, reachMm: number, rng: Rng): LesionSite {
  const gap = rng.uniform(2, 10)
  const d = maxReachMm(anchor) + reachMm + gap
  const angle = rng.uniform(0, 2 * Math.PI)
  const c = anchor.centerBodyMm
  const center: Vec3 = [
    c[0] + d * Math.cos(angle),
    c[1] + d * Math.sin(angle),
    c[2] + rng.normal(0, 3),
  ]
  return {
    centerBodyMm: center.map((v) => Number(v.toFixed(2))) as Vec3,
    site: anchor.site,
    maxLongAxisMm: 40,
  }
}

/** Places and sizes the lesions of one patient; a spec that finds no free site is dropped. */
export function buildLesions(
  specs: LesionSpec[],
  patientId: string,
  body: BodyModel,
  organs: OrganLayout,
  studyCount: number,
  rng: Rng,
): Lesion[] {
  const lesions: Lesion[] = []
  specs.forEach((spec, n) => {
    const lesionRng = rng.fork(`lesion ${n + 1}`)
    const lesionId = `${patientId}-L${n + 1}`
    for (let attempt = 0; attempt < 60; attempt++) {
      const anchor =
        spec.nextTo === undefined
          ? undefined
          : lesions.find((l) => l.lesionId === `${patientId}-L${spec.nextTo! + 1}`)
      // Draw the lesion at its anchor first to learn its size, then move it beside the anchor.
      const draft = makeLesion(
        spec,
        lesionId,
        anchor
          ? { centerBodyMm: anchor.centerBodyMm, site: anchor.site, maxLongAxisMm: 40 }
          : sampleSite(spec.type, body, organs, lesionRng),
        studyCount,
        // The first lesion is followed in every study, so it is large enough to measure at 5 mm.
        n === 0 ? 10 : 7,
        lesionRng,
      )
      const lesion = anchor
        ? {
            ...draft,
            centerBodyMm: neighbourSite(anchor, maxReachMm(draft), lesionRng).centerBodyMm,
            neighbourOf: anchor.lesionId,
          }
        : draft
      if (!overlapsAny(lesion, lesions)) {
        lesions.push(lesion)
        return
      }
    }
  })
  return lesions
}
