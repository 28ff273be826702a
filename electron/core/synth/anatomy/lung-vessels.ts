/**
 * Pulmonary vessel trees grown to fill each lung: random points of the lung are joined, nearest
 * first, to the tree rooted at the hilum, and each segment's radius follows the number of branch
 * tips it feeds (Murray's law), so vessels are thick at the hilum and thin at the periphery.
 */
import type { Vec3 } from '../../geometry/frames'
import type { Rng } from '../prng'
import type { BodyModel } from './body-model'
import { lungSection, type LungShape } from './organ-layout'
import type { Tube } from './primitives'

const TIPS_PER_LUNG = 600
const TIP_RADIUS_MM = 0.8
const MAX_RADIUS_MM = 7
/** A long new segment is split so the tree branches gradually instead of in long straight runs. */
const MAX_SEGMENT_MM = 24

/** A random point inside the lung, away from its edge. */
function pointInLung(body: BodyModel, lung: LungShape, rng: Rng): Vec3 {
  for (;;) {
    const z = rng.uniform(lung.zBottomMm + 8, lung.zTopMm - 8)
    const section = lungSection(body, lung, z)
    if (!section) continue
    const angle = rng.uniform(0, 2 * Math.PI)
    const r = Math.sqrt(rng.next()) * 0.9
    return [
      section.cx + Math.cos(angle) * r * section.rx,
      section.cy + Math.sin(angle) * r * section.ry,
      z,
    ]
  }
}

const distance = (a: Vec3, b: Vec3) => Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2])

/** All vessel segments of one lung, rooted at its hilum. */
export function lungVesselTree(body: BodyModel, lung: LungShape, hilum: Vec3, rng: Rng): Tube[] {
  const nodes: Vec3[] = [hilum]
  const parent: number[] = [-1]
  const tips: Vec3[] = []
  for (let n = 0; n < TIPS_PER_LUNG; n++) tips.push(pointInLung(body, lung, rng))
  tips.sort((a, b) => distance(a, hilum) - distance(b, hilum))
  for (const tip of tips) {
    let nearest = 0
    for (let n = 1; n < nodes.length; n++) {
      if (distance(nodes[n], tip) < distance(nodes[nearest], tip)) nearest = n
    }
    const steps = Math.max(1, Math.ceil(distance(nodes[nearest], tip) / MAX_SEGMENT_MM))
    const start = nodes[nearest]
    let previous = nearest
    for (let s = 1; s <= steps; s++) {
      const t = s / steps
      // Intermediate points wander a little so vessels are not ruler-straight.
      const wobble = s < steps ? 3 : 0
      nodes.push([
        start[0] + (tip[0] - start[0]) * t + rng.normal(0, wobble),
        start[1] + (tip[1] - start[1]) * t + rng.normal(0, wobble),
        start[2] + (tip[2] - start[2]) * t + rng.normal(0, wobble),
      ])
      parent.push(previous)
      previous = nodes.length - 1
    }
  }
  // Tips fed by each node: children always come after their parent, so one backward pass suffices.
  const fed = new Array<number>(nodes.length).fill(0)
  for (let n = nodes.length - 1; n > 0; n--) {
    if (fed[n] === 0) fed[n] = 1
    fed[parent[n]] += fed[n]
  }
  const tubes: Tube[] = []
  for (let n = 1; n < nodes.length; n++) {
    const radiusMm = Math.min(MAX_RADIUS_MM, TIP_RADIUS_MM * Math.pow(fed[n], 1 / 2.4))
    tubes.push({ from: nodes[parent[n]], to: nodes[n], radiusMm })
  }
  return tubes
}
