/**
 * Where a patient's organs are: the shared layout that both the slice painters and the lesion
 * site samplers use, so every lesion sits in the organ the image shows. Body frame, mm.
 */
import type { Vec3 } from '../../geometry/frames'
import type { Rng } from '../prng'
import { placeOrgan, scaleRadii, trunkAt, type BodyModel } from './body-model'
import type { Ellipsoid, Tube } from './primitives'

export interface LungShape {
  side: 'right' | 'left'
  zTopMm: number
  zBottomMm: number
}

export interface OrganLayout {
  lungs: [LungShape, LungShape]
  heart: Ellipsoid
  liverRight: Ellipsoid
  liverLeft: Ellipsoid
  gallbladder: Ellipsoid
  spleen: Ellipsoid
  stomach: Ellipsoid
  pancreas: Tube
  /** Right then left kidney. */
  kidneys: [Ellipsoid, Ellipsoid]
  bladder: Ellipsoid
  /** Pelvic organ behind the bladder: uterus or prostate. */
  pelvicOrgan: Ellipsoid
  /** Center line of the aorta from the root to the iliac arteries (left then right branch). */
  aorta: Vec3[]
  iliacArteries: [Vec3[], Vec3[]]
  /** Lung hila, right then left: where the pulmonary vessels and bronchi enter. */
  hila: [Vec3, Vec3]
  /** Template lymph-node stations (body frame) for mediastinal, abdominal and pelvic nodes. */
  nodeStations: { mediastinum: Vec3[]; abdomen: Vec3[]; pelvis: Vec3[] }
}

/** Center (y) and body radius of the vertebra at body z; lumbar bodies are larger. */
export function spineAt(body: BodyModel, zMm: number): { cy: number; radius: number } {
  const templateZ = zMm / body.scale[2]
  const lumbar = Math.min(1, Math.max(0, (-templateZ - 200) / 200))
  const trunk = trunkAt(body, zMm)
  const back = trunk.centerY + trunk.muscle[1]
  return { cy: back - (58 + 6 * lumbar) * body.scale[1], radius: (15 + 7 * lumbar) * body.scale[0] }
}

/** Axial section of a lung at body z as an ellipse (center, radii), or undefined outside it. */
export function lungSection(
  body: BodyModel,
  lung: LungShape,
  zMm: number,
): { cx: number; cy: number; rx: number; ry: number } | undefined {
  if (zMm > lung.zTopMm || zMm < lung.zBottomMm) return undefined
  const t = (lung.zTopMm - zMm) / (lung.zTopMm - lung.zBottomMm)
  const apex = Math.min(1, Math.sqrt(t / 0.22))
  const base = 1 - 0.4 * Math.max(0, (t - 0.72) / 0.28)
  const size = apex * base
  const { centerY, cavity } = trunkAt(body, zMm)
  const sign = lung.side === 'right' ? -1 : 1
  return {
    cx: sign * cavity[0] * (0.5 + 0.08 * (1 - apex)),
    // The lowest part is the posterior costophrenic recess.
    cy: centerY + 4 * body.scale[1] + 28 * body.scale[1] * Math.max(0, (t - 0.6) / 0.4),
    rx: cavity[0] * 0.47 * size,
    ry: cavity[1] * 0.86 * size,
  }
}

/** Places the organs of a patient: template positions, scaled and jittered per patient. */
export function layoutOrgans(body: BodyModel, rng: Rng): OrganLayout {
  const organ = (center: Vec3, radii: Vec3, angle = 0): Ellipsoid => ({
    center: placeOrgan(body, [
      center[0] + rng.normal(0, 3),
      center[1] + rng.normal(0, 3),
      center[2] + rng.normal(0, 4),
    ]),
    radii: scaleRadii(body, [
      radii[0] * rng.uniform(0.92, 1.08),
      radii[1] * rng.uniform(0.92, 1.08),
      radii[2] * rng.uniform(0.92, 1.08),
    ]),
    angle: angle + rng.normal(0, 0.06),
  })
  const at = (p: Vec3): Vec3 => placeOrgan(body, p)
  const female = body.sex === 'F'
  return {
    lungs: [
      { side: 'right', zTopMm: 38 * body.scale[2], zBottomMm: -250 * body.scale[2] },
      { side: 'left', zTopMm: 36 * body.scale[2], zBottomMm: -256 * body.scale[2] },
    ],
    heart: organ([28, -22, -150], [64, 50, 56], -0.55),
    liverRight: organ([-62, -2, -232], [88, 92, 84], 0.1),
    liverLeft: organ([14, -46, -206], [58, 34, 42], 0.15),
    gallbladder: organ([-44, -48, -268], [17, 21, 32], 0.6),
    spleen: organ([96, 42, -214], [30, 56, 50], 0.65),
    stomach: organ([56, -38, -212], [46, 34, 52], -0.3),
    pancreas: { from: at([-18, 14, -252]), to: at([78, 18, -236]), radiusMm: 11 * body.scale[0] },
    kidneys: [
      organ([-72, 46, -318], [27, 30, 54], -0.35),
      organ([72, 46, -306], [27, 30, 54], 0.35),
    ],
    bladder: organ([0, -30, -568], [44, 36, 34]),
    pelvicOrgan: female ? organ([0, 8, -530], [34, 24, 40], 0) : organ([0, 2, -608], [20, 18, 18]),
    aorta: [
      at([6, -12, -118]),
      at([2, -22, -40]),
      at([14, 8, -22]),
      at([26, 26, -60]),
      at([20, 22, -200]),
      at([14, 14, -300]),
      at([8, 12, -430]),
    ],
    iliacArteries: [
      [at([8, 12, -430]), at([-58, 10, -520]), at([-86, -14, -610])],
      [at([8, 12, -430]), at([62, 10, -520]), at([88, -14, -610])],
    ],
    hila: [at([-52, 8, -78]), at([50, 10, -74])],
    nodeStations: {
      mediastinum: [
        at([-16, -2, -28]),
        at([14, -4, -36]),
        at([0, 22, -88]),
        at([-46, 10, -74]),
        at([44, 12, -70]),
        at([-2, -38, -52]),
      ],
      abdomen: [
        at([-24, 24, -330]),
        at([30, 26, -340]),
        at([28, 22, -390]),
        at([-18, -10, -330]),
        at([40, -18, -360]),
        at([-36, 44, -262]),
      ],
      pelvis: [
        at([-60, 6, -500]),
        at([62, 6, -505]),
        at([-72, -6, -540]),
        at([70, -4, -545]),
        at([0, 30, -540]),
      ],
    },
  }
}
