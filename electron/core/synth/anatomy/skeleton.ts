/**
 * Bones: the vertebral column with discs and posterior elements, sternum, scapulae, clavicles,
 * sacrum, iliac wings, pubic and ischial rami and the proximal femurs.
 */
import type { Vec3 } from '../../geometry/frames'
import { place, scaleRadii, trunkAt, type BodyModel } from './body-model'
import { spineAt } from './organ-layout'
import { pathTubes, scaled, type Ellipsoid, type Section, type Tube } from './primitives'
import { ribStructure } from './ribs'
import { ellipsoidStructure, layered, tubeStructure, type Structure } from './structure'

const VERTEBRA_PERIOD_MM = 30
const DISC_MM = 6

function vertebraSections(body: BodyModel, zMm: number): Section[] {
  const { cy, radius } = spineAt(body, zMm)
  const phase = ((80 * body.scale[2] - zMm) / body.scale[2]) % VERTEBRA_PERIOD_MM
  const inDisc = phase < DISC_MM
  const arch = { cx: 0, cy: cy + radius + 11, rx: 15, ry: 12, angle: 0 }
  const sections: Section[] = [
    {
      cx: 0,
      cy,
      rx: radius,
      ry: radius * 0.86,
      angle: 0,
      tissue: inDisc ? 'cartilage' : 'corticalBone',
    },
  ]
  if (!inDisc) {
    sections.push({
      cx: 0,
      cy,
      rx: radius - 2.5,
      ry: radius * 0.86 - 2.5,
      angle: 0,
      tissue: 'cancellousBone',
    })
    sections.push({ ...arch, tissue: 'corticalBone' })
    sections.push({
      cx: 0,
      cy: cy + radius + 30,
      rx: 4.5,
      ry: 15,
      angle: 0,
      tissue: 'corticalBone',
    })
    for (const side of [-1, 1]) {
      sections.push({
        cx: side * (radius + 13),
        cy: cy + radius + 5,
        rx: 14,
        ry: 5,
        angle: side * 0.35,
        tissue: 'corticalBone',
      })
    }
  }
  sections.push({ cx: 0, cy: cy + radius + 10, rx: 8, ry: 7, angle: 0, tissue: 'csf' })
  return sections
}

function sacrumSections(body: BodyModel, zMm: number, zTop: number, zBottom: number): Section[] {
  const t = (zTop - zMm) / (zTop - zBottom)
  const { cy, radius } = spineAt(body, zTop)
  const center = { cx: 0, cy: cy + 8 + 22 * t, angle: 0 }
  const rx = (58 - 38 * t) * body.scale[0]
  return [
    { ...center, rx, ry: radius * 0.8, tissue: 'corticalBone' },
    { ...center, rx: rx - 3, ry: radius * 0.8 - 3, tissue: 'cancellousBone' },
  ]
}

/** Iliac wing of one side at fraction t (0 top, 1 bottom) of its height: a thin oblique plate. */
function iliacWing(body: BodyModel, side: number, t: number): Section[] {
  const center = {
    cx: side * (86 - 10 * t) * body.scale[0],
    cy: (18 + 14 * t) * body.scale[1],
    angle: side * -0.6,
  }
  const rx = (56 - 16 * t) * body.scale[0]
  const ry = 6 + 6 * t
  return [
    { ...center, rx, ry, tissue: 'corticalBone' },
    { ...center, rx: rx - 3, ry: ry - 3, tissue: 'cancellousBone' },
  ]
}

/** A bone as cortex around cancellous core. */
function boneTubes(name: string, tubes: Tube[], cortexMm: number): Structure {
  return layered(name, [
    tubeStructure(`${name} cortex`, tubes, { tissue: 'corticalBone' }),
    tubeStructure(
      `${name} core`,
      tubes.map((t) => ({ ...t, radiusMm: t.radiusMm - cortexMm })),
      { tissue: 'cancellousBone' },
    ),
  ])
}

function boneEllipsoid(name: string, e: Ellipsoid): Structure {
  return layered(name, [
    ellipsoidStructure(`${name} cortex`, e, { tissue: 'corticalBone' }),
    ellipsoidStructure(`${name} core`, scaled(e, 0.85), { tissue: 'cancellousBone' }),
  ])
}

/** Bone structures, painted after the soft tissues they lie in. */
export function skeletonStructures(body: BodyModel): Structure[] {
  const at = (p: Vec3) => place(body, p)
  const sacrumTop = -450 * body.scale[2]
  const sacrumBottom = -575 * body.scale[2]
  const wingTop = -395 * body.scale[2]
  const wingBottom = -525 * body.scale[2]
  const sides = [-1, 1]
  return [
    {
      name: 'vertebrae',
      zLowMm: sacrumTop,
      zHighMm: body.zTopMm,
      sections: (z) => vertebraSections(body, z),
    },
    {
      name: 'sacrum',
      zLowMm: sacrumBottom,
      zHighMm: sacrumTop,
      sections: (z) => sacrumSections(body, z, sacrumTop, sacrumBottom),
    },
    {
      name: 'iliac wings',
      zLowMm: wingBottom,
      zHighMm: wingTop,
      sections: (z) =>
        sides.flatMap((side) => iliacWing(body, side, (wingTop - z) / (wingTop - wingBottom))),
    },
    ribStructure(body),
    {
      name: 'sternum',
      zLowMm: -178 * body.scale[2],
      zHighMm: -2 * body.scale[2],
      sections: (z): Section[] => {
        const trunk = trunkAt(body, z)
        const front = trunk.centerY - trunk.muscle[1] + 9
        const rx = z > -45 * body.scale[2] ? 24 : 15
        return [
          { cx: 0, cy: front, rx, ry: 7, angle: 0, tissue: 'corticalBone' },
          { cx: 0, cy: front, rx: rx - 2, ry: 5, angle: 0, tissue: 'cancellousBone' },
        ]
      },
    },
    {
      name: 'scapulae',
      zLowMm: -125 * body.scale[2],
      zHighMm: 42 * body.scale[2],
      sections: (z): Section[] => {
        const t = (42 * body.scale[2] - z) / (167 * body.scale[2])
        const { centerY, skin } = trunkAt(body, z)
        return sides.map((side) => ({
          cx: side * skin[0] * (0.6 - 0.08 * t),
          cy: centerY + skin[1] * 0.66,
          rx: 50 * (1 - 0.7 * t) * body.scale[0],
          ry: 5,
          angle: side * -0.56,
          tissue: 'corticalBone',
        }))
      },
    },
    boneTubes(
      'clavicles',
      sides.map((side) => ({
        from: at([side * 20, -72, 36]),
        to: at([side * 112, -36, 44]),
        radiusMm: 7,
      })),
      2,
    ),
    ...sides.map((side) =>
      boneEllipsoid('femoral head', {
        center: at([side * 90, -4, -556]),
        radii: scaleRadii(body, [24, 24, 24]),
        angle: 0,
      }),
    ),
    ...sides.map((side) =>
      boneEllipsoid('greater trochanter', {
        center: at([side * 116, 6, -592]),
        radii: scaleRadii(body, [17, 20, 22]),
        angle: 0,
      }),
    ),
    boneTubes(
      'femoral shafts',
      sides.flatMap((side) =>
        pathTubes(
          [at([side * 90, -4, -556]), at([side * 104, 2, -604]), at([side * 108, 6, -720])],
          [17, 15],
        ),
      ),
      4,
    ),
    boneTubes(
      'pubic rami',
      sides.map((side) => ({
        from: at([side * 8, -64, -588]),
        to: at([side * 72, -30, -572]),
        radiusMm: 9,
      })),
      2.5,
    ),
    boneTubes(
      'ischia',
      sides.map((side) => ({
        from: at([side * 62, 16, -575]),
        to: at([side * 56, 36, -640]),
        radiusMm: 12,
      })),
      3,
    ),
  ]
}
