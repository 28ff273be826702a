/**
 * A synthetic lesion: where it sits in the body frame, its 3D shape (a lobulated ellipsoid),
 * its appearance, and its size at every study. The shape function here is the single definition
 * used both to paint the lesion and to measure it for the RECIST bookmark.
 */
import type { Vec3 } from '../../geometry/frames'
import type { LesionType } from '../../model/types'
import type { ContrastPhase } from '../raster/tissues'
import { valueNoise3 } from '../raster/value-noise'

export type LesionTexture =
  | 'solid'
  | 'necrotic'
  | 'rim-enhancing'
  | 'cystic'
  | 'calcified'
  | 'ground-glass'
  | 'sclerotic'
  | 'lytic'

/** One harmonic of the outline: radius × (1 + amplitude·cos(order·φ + phase + twist·z/c)). */
export interface Lobe {
  order: number
  amplitude: number
  phase: number
  twist: number
}

export interface Lesion {
  lesionId: string
  type: Exclude<LesionType, -1>
  /** Anatomical site in words, e.g. 'right lower lobe'. */
  site: string
  /** Center in the body frame (mm) at rest; lung lesions also move with breathing. */
  centerBodyMm: Vec3
  /** Semi-axes (mm) at size factor 1: in-plane long, in-plane short, cranio-caudal. */
  radiiMm: Vec3
  /** In-plane rotation of the long semi-axis from +x towards +y (radians). */
  angle: number
  lobes: Lobe[]
  texture: LesionTexture
  /** HU at the lesion with and without IV contrast. */
  huEnhanced: number
  huPlain: number
  /** Amplitude (HU) of the internal texture. */
  heterogeneityHu: number
  textureSeed: number
  /** Linear size factor at each study of the patient; 0 where the lesion is absent. */
  sizeByStudy: number[]
  movesWithBreathing: boolean
  /** Set when the lesion was placed next to another one on purpose (a hard case for matching). */
  neighbourOf?: string
}

/** A lesion as it appears in one study: its center that day, its size and its HU. */
export interface LesionAtStudy {
  lesion: Lesion
  centerBodyMm: Vec3
  scale: number
  baseHu: number
}

/** The lesion at study `studyIndex`, or undefined where it is absent. */
export function lesionAtStudy(
  lesion: Lesion,
  studyIndex: number,
  breathingShiftMm: Vec3,
  phase: ContrastPhase,
): LesionAtStudy | undefined {
  const scale = lesion.sizeByStudy[studyIndex] ?? 0
  if (scale <= 0) return undefined
  const c = lesion.centerBodyMm
  const shift = lesion.movesWithBreathing ? breathingShiftMm : [0, 0, 0]
  return {
    lesion,
    centerBodyMm: [c[0] + shift[0], c[1] + shift[1], c[2] + shift[2]],
    scale,
    baseHu: phase === 'portal-venous' ? lesion.huEnhanced : lesion.huPlain,
  }
}

/** Largest distance (mm) from the center that the outline can reach, in plane and along z. */
export function lesionReachMm(at: LesionAtStudy): { inPlane: number; z: number } {
  const bulge = 1 + at.lesion.lobes.reduce((sum, lobe) => sum + Math.abs(lobe.amplitude), 0)
  const [a, b, c] = at.lesion.radiiMm
  return { inPlane: Math.max(a, b) * at.scale * bulge, z: c * at.scale * bulge }
}

export interface ShapeSample {
  /** Normalised radius: 0 at the center, 1 on the outline. */
  ratio: number
  /** Approximate in-plane signed distance to the outline in mm (negative inside). */
  distanceMm: number
}

/** Where a body-frame point lies relative to the lesion outline. */
export function shapeAt(at: LesionAtStudy, xMm: number, yMm: number, zMm: number): ShapeSample {
  const { lesion, scale } = at
  const dx = xMm - at.centerBodyMm[0]
  const dy = yMm - at.centerBodyMm[1]
  const w = zMm - at.centerBodyMm[2]
  const cos = Math.cos(lesion.angle)
  const sin = Math.sin(lesion.angle)
  const u = dx * cos + dy * sin
  const v = -dx * sin + dy * cos
  const a = lesion.radiiMm[0] * scale
  const b = lesion.radiiMm[1] * scale
  const c = lesion.radiiMm[2] * scale
  const un = u / a
  const vn = v / b
  const wn = w / c
  const q = Math.sqrt(un * un + vn * vn + wn * wn)
  const phi = Math.atan2(vn, un)
  let outline = 1
  for (const lobe of lesion.lobes) {
    outline += lobe.amplitude * Math.cos(lobe.order * phi + lobe.phase + lobe.twist * wn)
  }
  const ratio = q / outline
  // In-plane gap to the outline ≈ (q − outline) / |∇q|, the same estimate the organ painter uses.
  const gradient = q > 1e-9 ? Math.hypot(un / a, vn / b) / q : 0
  const gap = q - outline
  const distanceMm = gradient > 1e-9 ? gap / gradient : gap < 0 ? -Infinity : Infinity
  return { ratio, distanceMm }
}

/** HU of the lesion tissue at a point with normalised radius `ratio` (texture and structure). */
export function lesionHuAt(
  at: LesionAtStudy,
  ratio: number,
  xMm: number,
  yMm: number,
  zMm: number,
): number {
  const { lesion } = at
  const local = 1 / at.scale
  const noise = valueNoise3(
    lesion.textureSeed,
    (xMm - at.centerBodyMm[0]) * local,
    (yMm - at.centerBodyMm[1]) * local,
    (zMm - at.centerBodyMm[2]) * local,
    3.5,
  )
  const base = at.baseHu + lesion.heterogeneityHu * noise
  switch (lesion.texture) {
    case 'necrotic':
      return ratio < 0.55 ? 18 + 6 * noise : base
    case 'rim-enhancing':
      return ratio > 0.72 ? base + 45 : base - 10
    case 'calcified':
      return ratio < 0.3 ? 650 + 120 * noise : base
    case 'ground-glass':
      return ratio < 0.3 ? 25 + 10 * noise : base
    default:
      return base
  }
}
