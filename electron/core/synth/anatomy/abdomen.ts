/**
 * Abdominal and pelvic contents: liver, gallbladder, spleen, stomach, pancreas, kidneys, vena cava,
 * psoas muscles, bowel loops, bladder, uterus or prostate and rectum.
 */
import type { Vec3 } from '../../geometry/frames'
import type { Rng } from '../prng'
import type { Tissue } from '../raster/tissues'
import { place, trunkAt, type BodyModel } from './body-model'
import type { OrganLayout } from './organ-layout'
import { pathTubes, scaled, type Tube } from './primitives'
import { ellipsoidStructure, layered, tubeStructure, type Structure } from './structure'

/** A wiggly loop of bowel: a chain of tubes through random points of the abdominal cavity. */
function bowelLoop(body: BodyModel, rng: Rng, zRange: [number, number], radiusMm: number): Vec3[] {
  const points: Vec3[] = []
  let z = rng.uniform(zRange[0], zRange[1])
  const { centerY, cavity } = trunkAt(body, z)
  const angle = rng.uniform(0, 2 * Math.PI)
  const r = Math.sqrt(rng.next()) * 0.7
  let x = Math.cos(angle) * r * (cavity[0] - radiusMm)
  let y = centerY + Math.sin(angle) * r * (cavity[1] - radiusMm) - 10
  // Mostly cranio-caudal steps, so loops cut as rounded profiles rather than long streaks.
  for (let n = 0; n < 5; n++) {
    points.push([x, y, z])
    x += rng.normal(0, 12)
    y += rng.normal(0, 9)
    z += rng.chance(0.5) ? rng.uniform(20, 35) : -rng.uniform(20, 35)
  }
  return points
}

function bowel(body: BodyModel, rng: Rng): Structure[] {
  const zTop = -270 * body.scale[2]
  const zBottom = -530 * body.scale[2]
  const contents: [Tissue, number][] = [
    ['fluid', 0.6],
    ['air', 0.25],
    ['oralContrast', 0.15],
  ]
  const loops: Structure[] = []
  for (let n = 0; n < 40; n++) {
    const colon = n < 6
    const radius = colon ? rng.uniform(15, 22) : rng.uniform(8, 13)
    const path = bowelLoop(body, rng, [zBottom, zTop], radius)
    const wall = pathTubes(path, [radius, radius, radius, radius])
    const lumen = pathTubes(path, [radius - 2.5, radius - 2.5, radius - 2.5, radius - 2.5])
    loops.push(
      layered(`bowel loop ${n + 1}`, [
        tubeStructure('bowel wall', wall, { tissue: 'bowelWall', over: 'visceralFat' }),
        tubeStructure('bowel lumen', lumen, { tissue: rng.weighted(contents), over: 'bowelWall' }),
      ]),
    )
  }
  return loops
}

/** Abdominal and pelvic structures in painting order (bowel first, then the solid organs). */
export function abdomenStructures(body: BodyModel, organs: OrganLayout, rng: Rng): Structure[] {
  const at = (p: Vec3) => place(body, p)
  const psoas: Tube[] = [-1, 1].flatMap((side) =>
    pathTubes(
      [at([side * 36, 46, -330]), at([side * 52, 36, -450]), at([side * 66, 14, -540])],
      [14 * body.scale[0], 20 * body.scale[0]],
    ),
  )
  const ivc = pathTubes([at([-24, 24, -150]), at([-24, 26, -300]), at([-20, 18, -430])], [11, 11])
  const rectum = pathTubes([at([0, 58, -520]), at([0, 50, -620])], [16])
  const stomachAirLevel = organs.stomach.center[1] - organs.stomach.radii[1] * 0.35
  const kidneys = organs.kidneys.map((kidney, n) => {
    const medialShift = (n === 0 ? 1 : -1) * kidney.radii[0] * 0.45
    const sinus = {
      ...scaled(kidney, [0.35, 0.35, 0.5]),
      center: [kidney.center[0] + medialShift, kidney.center[1], kidney.center[2]] as Vec3,
    }
    return layered(`${n === 0 ? 'right' : 'left'} kidney`, [
      ellipsoidStructure('renal cortex', kidney, { tissue: 'kidneyCortex' }),
      ellipsoidStructure('renal medulla', scaled(kidney, 0.66), { tissue: 'kidneyMedulla' }),
      ellipsoidStructure('renal sinus', sinus, { tissue: 'visceralFat' }),
    ])
  })
  const gluteal = [-1, 1].map((side) => ({
    center: at([side * 80, 72, -560]),
    radii: [52 * body.scale[0], 42 * body.scale[1], 95 * body.scale[2]] as Vec3,
    angle: side * 0.3,
  }))
  return [
    ...gluteal.map((e) => ellipsoidStructure('gluteal muscles', e, { tissue: 'muscle' })),
    ...bowel(body, rng.fork('bowel')),
    tubeStructure('psoas muscles', psoas, { tissue: 'muscle' }),
    tubeStructure('inferior vena cava', ivc, { tissue: 'venousBlood' }),
    ellipsoidStructure('liver right lobe', organs.liverRight, { tissue: 'liver', textureHu: 6 }),
    ellipsoidStructure('liver left lobe', organs.liverLeft, { tissue: 'liver', textureHu: 6 }),
    ellipsoidStructure('gallbladder', organs.gallbladder, { tissue: 'bile' }),
    ellipsoidStructure('spleen', organs.spleen, { tissue: 'spleen', textureHu: 5 }),
    layered('stomach', [
      ellipsoidStructure('stomach wall', organs.stomach, { tissue: 'bowelWall' }),
      ellipsoidStructure('stomach fluid', scaled(organs.stomach, 0.88), { tissue: 'fluid' }),
      // Air rises to the front (negative y) in a supine patient: an air-fluid level.
      ellipsoidStructure('stomach air', scaled(organs.stomach, 0.88), {
        tissue: 'air',
        clipYMaxMm: stomachAirLevel,
      }),
    ]),
    tubeStructure('pancreas', [organs.pancreas], { tissue: 'pancreas', textureHu: 5 }),
    ...kidneys,
    ellipsoidStructure('bladder', organs.bladder, { tissue: 'urine' }),
    ellipsoidStructure(body.sex === 'F' ? 'uterus' : 'prostate', organs.pelvicOrgan, {
      tissue: 'softTissue',
    }),
    layered('rectum', [
      tubeStructure('rectal wall', rectum, { tissue: 'bowelWall' }),
      tubeStructure(
        'rectal lumen',
        rectum.map((t) => ({ ...t, radiusMm: t.radiusMm - 3 })),
        { tissue: 'air' },
      ),
    ]),
  ]
}
