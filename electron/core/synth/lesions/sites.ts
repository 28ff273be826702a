/**
 * Plausible places for each DeepLesion lesion type: lung nodules inside the lungs, liver and kidney
 * lesions in those organs, lymph nodes at mediastinal, abdominal and pelvic stations, bone lesions
 * in vertebrae and the pelvis, soft-tissue lesions in subcutaneous fat, muscle and the axillae.
 */
import type { Vec3 } from '../../geometry/frames'
import type { LesionType } from '../../model/types'
import { trunkAt, type BodyModel } from '../anatomy/body-model'
import { lungSection, spineAt, type OrganLayout } from '../anatomy/organ-layout'
import type { Ellipsoid } from '../anatomy/primitives'
import type { Rng } from '../prng'

export interface LesionSite {
  centerBodyMm: Vec3
  site: string
  /** Largest long axis (mm) the site can hold, e.g. inside a vertebral body. */
  maxLongAxisMm: number
}

/** Normalised radius of a point in an ellipsoid (≤ 1 inside), radii shrunk by `marginMm`. */
export function ellipsoidRadius(e: Ellipsoid, p: Vec3, marginMm = 0): number {
  const dx = p[0] - e.center[0]
  const dy = p[1] - e.center[1]
  const cos = Math.cos(e.angle)
  const sin = Math.sin(e.angle)
  const u = (dx * cos + dy * sin) / Math.max(1, e.radii[0] - marginMm)
  const v = (-dx * sin + dy * cos) / Math.max(1, e.radii[1] - marginMm)
  const w = (p[2] - e.center[2]) / Math.max(1, e.radii[2] - marginMm)
  return Math.hypot(u, v, w)
}

/** A random point inside an ellipsoid at normalised radius ≤ `maxRadius`. */
function pointInEllipsoid(e: Ellipsoid, maxRadius: number, rng: Rng): Vec3 {
  const r = Math.cbrt(rng.next()) * maxRadius
  const theta = rng.uniform(0, 2 * Math.PI)
  const cosPhi = rng.uniform(-1, 1)
  const sinPhi = Math.sqrt(1 - cosPhi * cosPhi)
  const u = r * sinPhi * Math.cos(theta) * e.radii[0]
  const v = r * sinPhi * Math.sin(theta) * e.radii[1]
  const cos = Math.cos(e.angle)
  const sin = Math.sin(e.angle)
  return [
    e.center[0] + u * cos - v * sin,
    e.center[1] + u * sin + v * cos,
    e.center[2] + r * cosPhi * e.radii[2],
  ]
}

function lungSite(body: BodyModel, organs: OrganLayout, rng: Rng): LesionSite {
  const blockers = [
    organs.heart,
    organs.liverRight,
    organs.liverLeft,
    organs.spleen,
    organs.stomach,
  ]
  for (;;) {
    const lung = rng.pick(organs.lungs)
    const z = rng.uniform(lung.zBottomMm + 50, lung.zTopMm - 25)
    const section = lungSection(body, lung, z)
    if (!section) continue
    const angle = rng.uniform(0, 2 * Math.PI)
    const r = Math.sqrt(rng.next()) * 0.7
    const p: Vec3 = [
      section.cx + Math.cos(angle) * r * section.rx,
      section.cy + Math.sin(angle) * r * section.ry,
      z,
    ]
    if (blockers.some((organ) => ellipsoidRadius(organ, p, -25) < 1)) continue
    const lobe =
      z > -95 * body.scale[2]
        ? 'upper'
        : lung.side === 'right' && p[1] < 0 && z > -160 * body.scale[2]
          ? 'middle'
          : 'lower'
    const room = Math.min(section.rx, section.ry) * (1 - r)
    return {
      centerBodyMm: p,
      site: `${lung.side} ${lobe} lobe`,
      maxLongAxisMm: Math.max(8, 2 * room),
    }
  }
}

function liverSite(organs: OrganLayout, rng: Rng): LesionSite {
  const right = rng.chance(0.78)
  const organ = right ? organs.liverRight : organs.liverLeft
  return {
    centerBodyMm: pointInEllipsoid(organ, right ? 0.62 : 0.45, rng),
    site: right ? 'right hepatic lobe' : 'left hepatic lobe',
    maxLongAxisMm: right ? 110 : 60,
  }
}

function kidneySite(organs: OrganLayout, rng: Rng): LesionSite {
  const side = rng.int(0, 1)
  const kidney = organs.kidneys[side]
  const p = pointInEllipsoid(kidney, 1, rng)
  // Push the point out towards the cortex: renal masses and cysts are mostly cortical.
  const scale = rng.uniform(0.55, 0.85) / Math.max(0.05, ellipsoidRadius(kidney, p))
  const c = kidney.center
  const center: Vec3 = [
    c[0] + (p[0] - c[0]) * scale,
    c[1] + (p[1] - c[1]) * scale,
    c[2] + (p[2] - c[2]) * scale,
  ]
  const pole =
    center[2] > c[2] + kidney.radii[2] * 0.35
      ? 'upper pole'
      : center[2] < c[2] - kidney.radii[2] * 0.35
        ? 'lower pole'
        : 'interpolar region'
  return {
    centerBodyMm: center,
    site: `${side === 0 ? 'right' : 'left'} kidney, ${pole}`,
    maxLongAxisMm: 70,
  }
}

const STATION_NAMES = {
  mediastinum: [
    'right paratracheal',
    'left paratracheal',
    'subcarinal',
    'right hilar',
    'left hilar',
    'prevascular',
  ],
  abdomen: [
    'right para-aortic',
    'left para-aortic',
    'left para-aortic (lower)',
    'mesenteric',
    'left mesenteric',
    'right adrenal',
  ],
  pelvis: [
    'right external iliac',
    'left external iliac',
    'right obturator',
    'left obturator',
    'presacral',
  ],
}

function nodeSite(
  organs: OrganLayout,
  region: 'mediastinum' | 'abdomen' | 'pelvis',
  rng: Rng,
): LesionSite {
  const stations = organs.nodeStations[region]
  const index = rng.int(0, stations.length - 1)
  const s = stations[index]
  const name = STATION_NAMES[region][index]
  return {
    centerBodyMm: [s[0] + rng.normal(0, 4), s[1] + rng.normal(0, 4), s[2] + rng.normal(0, 8)],
    site: name.includes('adrenal') ? `${name} gland` : `${name} lymph node`,
    maxLongAxisMm: region === 'mediastinum' ? 55 : 75,
  }
}

function softTissueSite(body: BodyModel, rng: Rng): LesionSite {
  const kind = rng.weighted([
    ['subcutaneous', 0.45],
    ['axillary', 0.3],
    ['muscle', 0.25],
  ] as const)
  const side = rng.chance(0.5) ? -1 : 1
  const sideName = side < 0 ? 'right' : 'left'
  if (kind === 'axillary') {
    const z = rng.uniform(-70, -15) * body.scale[2]
    const { centerY, skin } = trunkAt(body, z)
    return {
      centerBodyMm: [side * (skin[0] - 22), centerY + rng.normal(-5, 10), z],
      site: `${sideName} axillary lymph node`,
      maxLongAxisMm: 40,
    }
  }
  if (kind === 'muscle') {
    const z = rng.uniform(-420, -60) * body.scale[2]
    const spine = spineAt(body, z)
    return {
      centerBodyMm: [side * (spine.radius + 20), spine.cy + spine.radius + 22, z],
      site: `${sideName} paraspinal muscle`,
      maxLongAxisMm: 40,
    }
  }
  const z = rng.uniform(-480, -60) * body.scale[2]
  const { centerY, skin, muscle } = trunkAt(body, z)
  const angle = rng.uniform(-0.9, 0.9) * Math.PI
  const depth = 0.5
  const rx = muscle[0] + (skin[0] - muscle[0]) * depth
  const ry = muscle[1] + (skin[1] - muscle[1]) * depth
  return {
    centerBodyMm: [rx * Math.sin(angle), centerY - ry * Math.cos(angle), z],
    site: 'subcutaneous tissue',
    maxLongAxisMm: 45,
  }
}

function boneSite(body: BodyModel, rng: Rng): LesionSite {
  const kind = rng.weighted([
    ['vertebra', 0.55],
    ['ilium', 0.3],
    ['sacrum', 0.15],
  ] as const)
  if (kind === 'vertebra') {
    const z = rng.uniform(-430, -20) * body.scale[2]
    const spine = spineAt(body, z)
    return {
      centerBodyMm: [rng.normal(0, 2), spine.cy + rng.normal(0, 2), z],
      site: 'vertebral body',
      maxLongAxisMm: 1.5 * spine.radius,
    }
  }
  if (kind === 'ilium') {
    const side = rng.chance(0.5) ? -1 : 1
    const t = rng.uniform(0.2, 0.8)
    const z = (-395 - 130 * t) * body.scale[2]
    return {
      centerBodyMm: [side * (86 - 10 * t) * body.scale[0], (18 + 14 * t) * body.scale[1], z],
      site: `${side < 0 ? 'right' : 'left'} iliac bone`,
      maxLongAxisMm: 40,
    }
  }
  const z = rng.uniform(-540, -470) * body.scale[2]
  const spine = spineAt(body, -450 * body.scale[2])
  return { centerBodyMm: [rng.normal(0, 8), spine.cy + 14, z], site: 'sacrum', maxLongAxisMm: 40 }
}

/** A random site for a lesion of the given type. */
export function sampleSite(
  type: Exclude<LesionType, -1>,
  body: BodyModel,
  organs: OrganLayout,
  rng: Rng,
): LesionSite {
  switch (type) {
    case 1:
      return boneSite(body, rng)
    case 2:
      return nodeSite(organs, 'abdomen', rng)
    case 3:
      return nodeSite(organs, 'mediastinum', rng)
    case 4:
      return liverSite(organs, rng)
    case 5:
      return lungSite(body, organs, rng)
    case 6:
      return kidneySite(organs, rng)
    case 7:
      return softTissueSite(body, rng)
    case 8:
      return nodeSite(organs, 'pelvis', rng)
  }
}
