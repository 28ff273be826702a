/**
 * The trunk wall: skin with subcutaneous fat, the muscle layer, the body cavity (fat around the
 * organs) and the paraspinal muscles. The back is flattened where the patient lies on the table.
 */
import { trunkAt, type BodyModel } from './body-model'
import { spineAt } from './organ-layout'
import type { Section } from './primitives'
import type { Structure } from './structure'

/** The trunk wall and paraspinal muscles, painted first. */
export function trunkStructures(body: BodyModel): Structure[] {
  const back = body.backYMm
  return [
    {
      name: 'trunk wall',
      zLowMm: body.zBottomMm,
      zHighMm: body.zTopMm,
      sections: (z): Section[] => {
        const { centerY, skin, muscle, cavity } = trunkAt(body, z)
        const ellipse = (radii: [number, number]) => ({
          cx: 0,
          cy: centerY,
          rx: radii[0],
          ry: radii[1],
          angle: 0,
        })
        return [
          { ...ellipse(skin), tissue: 'subcutaneousFat', clipYMaxMm: back },
          { ...ellipse(muscle), tissue: 'muscle', clipYMaxMm: back - (skin[1] - muscle[1]) * 0.7 },
          { ...ellipse(cavity), tissue: 'visceralFat' },
        ]
      },
    },
    {
      name: 'paraspinal muscles',
      zLowMm: -500 * body.scale[2],
      zHighMm: body.zTopMm,
      sections: (z): Section[] => {
        const spine = spineAt(body, z)
        const radius = 24 * body.scale[0]
        return [-1, 1].map((side) => ({
          cx: side * (spine.radius + radius * 0.8),
          cy: spine.cy + spine.radius + radius * 0.9,
          rx: radius,
          ry: radius * 1.05,
          angle: 0,
          tissue: 'muscle',
        }))
      },
    },
  ]
}
