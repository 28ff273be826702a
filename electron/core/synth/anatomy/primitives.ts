/**
 * 3D building blocks of the synthetic anatomy (ellipsoids and tubes in the body frame, mm) and
 * their axial sections, which is all the slice painter needs: one 2D ellipse per shape and slice.
 */
import type { Vec3 } from '../../geometry/frames'
import type { Tissue } from '../raster/tissues'

/** What a structure contributes to one slice; the tissue is resolved to HU per study. */
export interface Section {
  cx: number
  cy: number
  rx: number
  ry: number
  angle: number
  tissue: Tissue
  /** Paint only over this tissue (resolved to an HU range by the renderer). */
  over?: Tissue
  clipYMaxMm?: number
  /** Amplitude (HU) of the organ's low-frequency texture, if any. */
  textureHu?: number
}

/** An ellipsoid rotated about the z axis by `angle` (radians, from +x towards +y). */
export interface Ellipsoid {
  center: Vec3
  radii: Vec3
  angle: number
}

/** A tube of constant radius around the segment from `from` to `to` (a capsule). */
export interface Tube {
  from: Vec3
  to: Vec3
  radiusMm: number
}

export type SectionStyle = Omit<Section, 'cx' | 'cy' | 'rx' | 'ry' | 'angle'>

/** Axial section of an ellipsoid at body z, or undefined when the plane misses it. */
export function ellipsoidSection(
  e: Ellipsoid,
  zMm: number,
  style: SectionStyle,
): Section | undefined {
  const t = (zMm - e.center[2]) / e.radii[2]
  if (t <= -1 || t >= 1) return undefined
  const scale = Math.sqrt(1 - t * t)
  return {
    cx: e.center[0],
    cy: e.center[1],
    rx: e.radii[0] * scale,
    ry: e.radii[1] * scale,
    angle: e.angle,
    ...style,
  }
}

/** The same ellipsoid with radii scaled, e.g. the inner chamber of an organ. */
export function scaled(e: Ellipsoid, factor: number | Vec3): Ellipsoid {
  const f = typeof factor === 'number' ? [factor, factor, factor] : factor
  return { ...e, radii: [e.radii[0] * f[0], e.radii[1] * f[1], e.radii[2] * f[2]] }
}

/**
 * Axial section of a tube: an ellipse at the axis crossing, stretched along the tube's in-plane
 * direction by the obliquity (a steep vessel cuts as a dot, a flat one as a streak).
 */
export function tubeSection(tube: Tube, zMm: number, style: SectionStyle): Section | undefined {
  const { from, to, radiusMm: r } = tube
  const dx = to[0] - from[0]
  const dy = to[1] - from[1]
  const dz = to[2] - from[2]
  const zLow = Math.min(from[2], to[2])
  const zHigh = Math.max(from[2], to[2])
  if (zMm < zLow - r || zMm > zHigh + r) return undefined
  const lengthXy = Math.hypot(dx, dy)
  const length = Math.hypot(lengthXy, dz)
  // Beyond an end the round cap narrows the section.
  const beyond = zMm < zLow ? zLow - zMm : zMm > zHigh ? zMm - zHigh : 0
  const radius = Math.sqrt(Math.max(0, r * r - beyond * beyond))
  if (radius <= 0.05) return undefined
  let t = Math.abs(dz) < 1e-6 ? 0.5 : (zMm - from[2]) / dz
  t = Math.min(1, Math.max(0, t))
  const cosTilt = Math.abs(dz) / length
  const stretch = cosTilt > 1e-3 ? radius / cosTilt : Infinity
  // A nearly horizontal tube shows as much of its length as lies within its radius of the plane.
  const halfLengthXy =
    Math.abs(dz) < 1e-6 ? lengthXy / 2 : Math.min(lengthXy / 2, (r * lengthXy) / Math.abs(dz))
  const rx = Math.min(stretch, halfLengthXy + radius)
  const centerT = Math.abs(dz) < 1e-6 ? 0.5 : t
  return {
    cx: from[0] + dx * centerT,
    cy: from[1] + dy * centerT,
    rx: Math.max(rx, radius),
    ry: radius,
    angle: Math.atan2(dy, dx),
    ...style,
  }
}

/** Sections of a chain of tubes through the given points (a vessel path). */
export function pathTubes(points: Vec3[], radiiMm: number[]): Tube[] {
  return points.slice(1).map((to, n) => ({ from: points[n], to, radiusMm: radiiMm[n] }))
}
