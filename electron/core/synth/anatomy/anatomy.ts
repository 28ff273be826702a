/**
 * Assembles a patient's anatomy: the structures in painting order (wall, chest, abdomen, bones).
 */
import type { Rng } from '../prng'
import { abdomenStructures } from './abdomen'
import type { BodyModel } from './body-model'
import type { OrganLayout } from './organ-layout'
import { skeletonStructures } from './skeleton'
import type { Structure } from './structure'
import { thoraxStructures } from './thorax'
import { trunkStructures } from './trunk'

/** All structures of the patient, in the order they are painted. */
export function buildAnatomy(body: BodyModel, organs: OrganLayout, rng: Rng): Structure[] {
  return [
    ...trunkStructures(body),
    ...thoraxStructures(body, organs, rng.fork('thorax')),
    ...abdomenStructures(body, organs, rng.fork('abdomen')),
    ...skeletonStructures(body),
  ]
}
