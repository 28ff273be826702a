/**
 * The patient-specific shape of a synthetic body: overall scale, fat and the trunk outline along z.
 * Body frame: mm, LPS axes (x to the patient's left, y posterior, z superior), x = 0 on the midline,
 * y = 0 at the center of the trunk, z = 0 at the sternal notch; it is fixed to the skeleton.
 */
import type { Vec3 } from '../../geometry/frames'
import type { Rng } from '../prng'

export interface BodyModel {
  sex: 'M' | 'F'
  /** Scale of the template anatomy along x (width), y (depth) and z (height). */
  scale: Vec3
  /** Subcutaneous fat thickness at the waist, mm. */
  fatMm: number
  /** Organ position jitter in template mm, drawn once per patient. */
  organShiftMm: Vec3
  /** Body y (mm) of the table top: the back lies flat on it at every level. */
  backYMm: number
  /** Body z range (mm) the anatomy covers, superior end first. */
  zTopMm: number
  zBottomMm: number
}

/** Template trunk outline: [z, half width, half depth] from the neck to the upper thighs. */
const TRUNK_PROFILE: [number, number, number][] = [
  [80, 70, 65],
  [40, 125, 95],
  [10, 155, 105],
  [-60, 162, 110],
  [-160, 163, 114],
  [-260, 158, 118],
  [-360, 152, 116],
  [-430, 165, 110],
  [-520, 172, 106],
  [-600, 168, 102],
  [-680, 160, 98],
]

/** Linear interpolation in a table sorted by descending first column. */
export function interpolate(table: [number, ...number[]][], z: number, column: number): number {
  if (z >= table[0][0]) return table[0][column]
  for (let n = 1; n < table.length; n++) {
    const [zHigh, zLow] = [table[n - 1][0], table[n][0]]
    if (z >= zLow) {
      const t = (zHigh - z) / (zHigh - zLow)
      return table[n - 1][column] * (1 - t) + table[n][column] * t
    }
  }
  return table[table.length - 1][column]
}

/** A random build: sex, size, subcutaneous fat and organ jitter. */
export function sampleBodyModel(rng: Rng): BodyModel {
  const sex: BodyModel['sex'] = rng.chance(0.5) ? 'M' : 'F'
  const width = rng.uniform(0.88, 1.1) * (sex === 'M' ? 1.03 : 0.97)
  const scale: Vec3 = [width, width * rng.uniform(0.92, 1.1), rng.uniform(0.93, 1.07)]
  const fatMm = rng.uniform(6, 32)
  const body: BodyModel = {
    sex,
    scale,
    fatMm,
    organShiftMm: [rng.normal(0, 5), rng.normal(0, 5), rng.normal(0, 8)],
    backYMm: 0,
    zTopMm: 80 * scale[2],
    zBottomMm: -680 * scale[2],
  }
  let deepest = 0
  for (let z = body.zBottomMm; z <= body.zTopMm; z += 5)
    deepest = Math.max(deepest, halfDepthAt(body, z))
  return { ...body, backYMm: FLATTENING * deepest }
}

/** Body-frame point of a template point (template mm scaled by the patient's build). */
export function place(body: BodyModel, template: Vec3): Vec3 {
  return [template[0] * body.scale[0], template[1] * body.scale[1], template[2] * body.scale[2]]
}

/** Organ center: a template point plus the patient's organ jitter. */
export function placeOrgan(body: BodyModel, template: Vec3): Vec3 {
  const s = body.organShiftMm
  return place(body, [template[0] + s[0], template[1] + s[1], template[2] + s[2]])
}

/** Template radii scaled by the patient's build. */
export function scaleRadii(body: BodyModel, radii: Vec3): Vec3 {
  return [radii[0] * body.scale[0], radii[1] * body.scale[1], radii[2] * body.scale[2]]
}

/** Subcutaneous fat is thinner over the chest than over the belly and hips. */
function fatAt(body: BodyModel, templateZ: number): number {
  const factor = templateZ > -150 ? 0.55 : templateZ > -300 ? 0.8 : 1
  return body.fatMm * factor
}

/** The back is pressed flat against the table over the last 4 % of the trunk's depth. */
const FLATTENING = 0.96

function halfDepthAt(body: BodyModel, zMm: number): number {
  const templateZ = zMm / body.scale[2]
  return interpolate(TRUNK_PROFILE, templateZ, 2) * body.scale[1] + fatAt(body, templateZ) * 0.4
}

export interface TrunkSection {
  /**
   * Body y of the center of the outlines. It moves along z so that the back always meets the
   * table (a supine patient's back is straight where the front is not).
   */
  centerY: number
  /** Skin outline half width / half depth (mm). */
  skin: [number, number]
  /** Outer edge of the muscle wall. */
  muscle: [number, number]
  /** Inner edge of the muscle wall: the body cavity. */
  cavity: [number, number]
}

/** The trunk's nested outlines at body z (all centered on x = 0, y = centerY). */
export function trunkAt(body: BodyModel, zMm: number): TrunkSection {
  const templateZ = zMm / body.scale[2]
  const fat = fatAt(body, templateZ)
  const halfWidth = interpolate(TRUNK_PROFILE, templateZ, 1) * body.scale[0] + fat * 0.6
  const halfDepth = halfDepthAt(body, zMm)
  const wall = templateZ > -150 ? 14 : templateZ > -420 ? 11 : 16
  return {
    centerY: body.backYMm - FLATTENING * halfDepth,
    skin: [halfWidth, halfDepth],
    muscle: [halfWidth - fat, halfDepth - fat * 0.8],
    cavity: [halfWidth - fat - wall, halfDepth - fat * 0.8 - wall],
  }
}
