/**
 * How a lesion of each type looks on CT: internal texture, attenuation with and without contrast,
 * heterogeneity and outline (smooth nodes, lobulated masses, spiculated lung nodules).
 */
import type { LesionType } from '../../model/types'
import type { Rng } from '../prng'
import type { Lesion, LesionTexture, Lobe } from './lesion'

export type Appearance = Pick<
  Lesion,
  'texture' | 'huEnhanced' | 'huPlain' | 'heterogeneityHu' | 'lobes'
>

function lobes(rng: Rng, maxAmplitude: number, spiculated: boolean): Lobe[] {
  const result: Lobe[] = []
  const count = rng.int(1, 3)
  for (let n = 0; n < count; n++) {
    result.push({
      order: rng.int(2, 6),
      amplitude: rng.uniform(0, maxAmplitude),
      phase: rng.uniform(0, 2 * Math.PI),
      twist: rng.uniform(-1.5, 1.5),
    })
  }
  if (spiculated) {
    result.push({
      order: rng.int(9, 16),
      amplitude: rng.uniform(0.06, 0.14),
      phase: rng.uniform(0, 2 * Math.PI),
      twist: rng.uniform(-2, 2),
    })
  }
  return result
}

/** A solid soft-tissue lesion that enhances by `enhancementHu` with contrast. */
function soft(
  rng: Rng,
  texture: LesionTexture,
  plainHu: number,
  enhancementHu: number,
  lobeAmplitude: number,
): Appearance {
  return {
    texture,
    huPlain: plainHu,
    huEnhanced: plainHu + enhancementHu,
    heterogeneityHu: rng.uniform(3, 12),
    lobes: lobes(rng, lobeAmplitude, false),
  }
}

/** A random appearance for a lesion of the given DeepLesion type. */
export function sampleAppearance(type: Exclude<LesionType, -1>, rng: Rng): Appearance {
  switch (type) {
    case 5: {
      if (rng.chance(0.15)) {
        return {
          texture: 'ground-glass',
          huPlain: rng.uniform(-620, -450),
          huEnhanced: rng.uniform(-600, -430),
          heterogeneityHu: 40,
          lobes: lobes(rng, 0.1, false),
        }
      }
      const plain = rng.uniform(-10, 40)
      return {
        texture: rng.chance(0.1) ? 'calcified' : 'solid',
        huPlain: plain,
        huEnhanced: plain + rng.uniform(5, 35),
        heterogeneityHu: rng.uniform(4, 12),
        lobes: lobes(rng, 0.08, rng.chance(0.35)),
      }
    }
    case 4: {
      // Metastases are darker than the enhanced liver; a few enhance more than it.
      const hyper = rng.chance(0.15)
      const plain = rng.uniform(25, 40)
      return {
        ...soft(
          rng,
          rng.weighted<LesionTexture>([
            ['solid', 0.5],
            ['necrotic', 0.25],
            ['rim-enhancing', 0.25],
          ]),
          plain,
          hyper ? rng.uniform(50, 80) : rng.uniform(-10, 12),
          0.1,
        ),
      }
    }
    case 6:
      if (rng.chance(0.4)) {
        return {
          texture: 'cystic',
          huPlain: rng.uniform(2, 15),
          huEnhanced: rng.uniform(2, 18),
          heterogeneityHu: 2,
          lobes: lobes(rng, 0.02, false),
        }
      }
      return soft(
        rng,
        rng.chance(0.3) ? 'necrotic' : 'solid',
        rng.uniform(30, 45),
        rng.uniform(40, 90),
        0.08,
      )
    case 1:
      if (rng.chance(0.4)) {
        return {
          texture: 'sclerotic',
          huPlain: rng.uniform(550, 950),
          huEnhanced: rng.uniform(550, 950),
          heterogeneityHu: 60,
          lobes: lobes(rng, 0.12, false),
        }
      }
      return soft(rng, 'lytic', rng.uniform(25, 55), rng.uniform(5, 25), 0.1)
    case 7:
      return soft(
        rng,
        rng.chance(0.15) ? 'necrotic' : 'solid',
        rng.uniform(30, 50),
        rng.uniform(10, 40),
        0.06,
      )
    default:
      // Lymph nodes (abdominal, mediastinal, pelvic) and adrenal masses: smooth and oval.
      return soft(
        rng,
        rng.chance(0.18) ? 'necrotic' : 'solid',
        rng.uniform(30, 48),
        rng.uniform(10, 35),
        0.04,
      )
  }
}
