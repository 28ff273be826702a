/**
 * A named part of the synthetic anatomy that yields its axial sections at a body z. The renderer
 * paints structures in list order, so later ones (bones, lesions) cover earlier ones (fat).
 */
import {
  ellipsoidSection,
  tubeSection,
  type Ellipsoid,
  type Section,
  type SectionStyle,
  type Tube,
} from './primitives'

export interface Structure {
  name: string
  /** Body z range (mm) outside which the structure has no sections. */
  zLowMm: number
  zHighMm: number
  sections(zMm: number): Section[]
}

/** A structure that is one ellipsoid. */
export function ellipsoidStructure(name: string, e: Ellipsoid, style: SectionStyle): Structure {
  return {
    name,
    zLowMm: e.center[2] - e.radii[2],
    zHighMm: e.center[2] + e.radii[2],
    sections: (z) => {
      const section = ellipsoidSection(e, z, style)
      return section ? [section] : []
    },
  }
}

/** A structure made of tubes (vessels, bowel, long bones). */
export function tubeStructure(name: string, tubes: Tube[], style: SectionStyle): Structure {
  const zs = tubes.flatMap((t) => [
    t.from[2] - t.radiusMm,
    t.to[2] - t.radiusMm,
    t.from[2] + t.radiusMm,
    t.to[2] + t.radiusMm,
  ])
  return {
    name,
    zLowMm: Math.min(...zs),
    zHighMm: Math.max(...zs),
    sections: (z) =>
      tubes.flatMap((tube) => {
        const section = tubeSection(tube, z, style)
        return section ? [section] : []
      }),
  }
}

/** A structure made of several others painted in order (e.g. an organ wall, then its lumen). */
export function layered(name: string, parts: Structure[]): Structure {
  return {
    name,
    zLowMm: Math.min(...parts.map((p) => p.zLowMm)),
    zHighMm: Math.max(...parts.map((p) => p.zHighMm)),
    sections: (z) => parts.flatMap((p) => (z >= p.zLowMm && z <= p.zHighMm ? p.sections(z) : [])),
  }
}
