/**
 * Chest contents: lungs with their vessel trees, heart, great vessels, airways and oesophagus.
 */
import type { Rng } from '../prng'
import { place, type BodyModel } from './body-model'
import { lungVesselTree } from './lung-vessels'
import { lungSection, type OrganLayout } from './organ-layout'
import { pathTubes, scaled, type Tube } from './primitives'
import { ellipsoidStructure, layered, tubeStructure, type Structure } from './structure'

/** Chest structures in painting order (lungs first, airways last). */
export function thoraxStructures(body: BodyModel, organs: OrganLayout, rng: Rng): Structure[] {
  const [rightHilum, leftHilum] = organs.hila
  const carina = place(body, [0, 16, -62])
  const vessels: Tube[] = [
    ...lungVesselTree(body, organs.lungs[0], rightHilum, rng.fork('right lung vessels')),
    ...lungVesselTree(body, organs.lungs[1], leftHilum, rng.fork('left lung vessels')),
  ]
  const trachea = { from: place(body, [0, 4, 90]), to: carina, radiusMm: 9 * body.scale[0] }
  const bronchi = [rightHilum, leftHilum].map((hilum) => ({ from: carina, to: hilum, radiusMm: 6 }))
  const airwayWall = [trachea, ...bronchi].map((t) => ({ ...t, radiusMm: t.radiusMm + 1.6 }))
  const pulmonaryTrunk = pathTubes([place(body, [16, -30, -118]), place(body, [8, -8, -76])], [14])
  const pulmonaryArteries = [rightHilum, leftHilum].map((hilum) => ({
    from: place(body, [8, -8, -76]),
    to: hilum,
    radiusMm: 10,
  }))
  const svc = pathTubes([place(body, [-26, -14, 40]), place(body, [-26, -12, -112])], [10])
  const oesophagus = pathTubes(
    [place(body, [4, 22, 90]), place(body, [12, 24, -200]), place(body, [40, -10, -214])],
    [8, 8],
  )
  return [
    ...organs.lungs.map((lung): Structure => ({
      name: `${lung.side} lung`,
      zLowMm: lung.zBottomMm,
      zHighMm: lung.zTopMm,
      sections: (z) => {
        const s = lungSection(body, lung, z)
        return s ? [{ ...s, angle: 0, tissue: 'lung' }] : []
      },
    })),
    tubeStructure('pulmonary vessels', vessels, { tissue: 'venousBlood', over: 'lung' }),
    layered('heart', [
      ellipsoidStructure('myocardium', organs.heart, { tissue: 'myocardium' }),
      ellipsoidStructure('cardiac chambers', scaled(organs.heart, 0.72), { tissue: 'venousBlood' }),
    ]),
    tubeStructure(
      'aorta',
      pathTubes(
        organs.aorta,
        [15, 14, 12, 11, 10, 9].map((r) => r * body.scale[0]),
      ),
      {
        tissue: 'arterialBlood',
      },
    ),
    tubeStructure('pulmonary arteries', [...pulmonaryTrunk, ...pulmonaryArteries], {
      tissue: 'venousBlood',
    }),
    tubeStructure('superior vena cava', svc, { tissue: 'venousBlood' }),
    tubeStructure('oesophagus', oesophagus, { tissue: 'softTissue' }),
    tubeStructure('airway wall', airwayWall, { tissue: 'softTissue' }),
    tubeStructure('airway lumen', [trachea, ...bronchi], { tissue: 'air' }),
  ]
}
