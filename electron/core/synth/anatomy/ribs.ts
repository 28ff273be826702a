/**
 * The rib cage: twelve ribs a side, each a curve that starts beside the spine and slopes down as it
 * runs round to the front, continuing as costal cartilage. An axial slice cuts each rib obliquely,
 * which is why ribs show as short curved bands along the chest wall.
 */
import { trunkAt, type BodyModel } from './body-model'
import type { Section } from './primitives'
import type { Structure } from './structure'

const RIB_COUNT = 12
const START_ANGLE = 0.1 * Math.PI
/** How far (template mm) a rib descends from its back to its front end. */
const DESCENT_MM = 78
const RIB_HEIGHT_MM = 11
const RIB_THICKNESS_MM = 6.5

/** Where the bone ends and cartilage begins, as an angle from the back (π = front midline). */
function boneEndAngle(rib: number): number {
  if (rib < 7) return 0.78 * Math.PI
  if (rib < 10) return 0.7 * Math.PI
  return 0.45 * Math.PI
}

function cartilageEndAngle(rib: number): number {
  if (rib < 7) return 0.93 * Math.PI
  if (rib < 10) return 0.86 * Math.PI
  return boneEndAngle(rib)
}

function ribSections(body: BodyModel, zMm: number): Section[] {
  const descent = DESCENT_MM * body.scale[2]
  const { centerY, muscle, cavity } = trunkAt(body, zMm)
  const radiusX = (muscle[0] + cavity[0]) / 2
  const radiusY = (muscle[1] + cavity[1]) / 2
  const sections: Section[] = []
  for (let rib = 0; rib < RIB_COUNT; rib++) {
    const zBack = (24 - 25.5 * rib) * body.scale[2]
    const drop = zBack - zMm
    if (drop < -RIB_HEIGHT_MM / 2) continue
    // z(ψ) = zBack − descent·t^1.3 with t the fraction of the way round; invert for ψ.
    const t = Math.pow(Math.max(0, drop) / descent, 1 / 1.3)
    const angle = START_ANGLE + t * (Math.PI - START_ANGLE)
    if (angle > cartilageEndAngle(rib)) continue
    const slopePerRadian =
      (descent * 1.3 * Math.pow(Math.max(t, 0.05), 0.3)) / (Math.PI - START_ANGLE)
    for (const side of [-1, 1]) {
      const arcPerRadian = Math.hypot(radiusX * Math.cos(angle), radiusY * Math.sin(angle))
      const halfLength = Math.min(24, (RIB_HEIGHT_MM / 2) * (arcPerRadian / slopePerRadian))
      const base = {
        cx: side * radiusX * Math.sin(angle),
        cy: centerY + radiusY * Math.cos(angle),
        angle: Math.atan2(-radiusY * Math.sin(angle), side * radiusX * Math.cos(angle)),
      }
      if (angle > boneEndAngle(rib)) {
        sections.push({ ...base, rx: halfLength, ry: RIB_THICKNESS_MM / 2, tissue: 'cartilage' })
      } else {
        sections.push({ ...base, rx: halfLength, ry: RIB_THICKNESS_MM / 2, tissue: 'corticalBone' })
        sections.push({
          ...base,
          rx: halfLength - 1.6,
          ry: RIB_THICKNESS_MM / 2 - 1.6,
          tissue: 'cancellousBone',
        })
      }
    }
  }
  return sections
}

/** Both rib cages' sections as one structure. */
export function ribStructure(body: BodyModel): Structure {
  return {
    name: 'ribs',
    zLowMm:
      (24 - 25.5 * (RIB_COUNT - 1)) * body.scale[2] - DESCENT_MM * body.scale[2] - RIB_HEIGHT_MM,
    zHighMm: 24 * body.scale[2] + RIB_HEIGHT_MM,
    sections: (z) => ribSections(body, z),
  }
}
