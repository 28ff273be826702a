/**
 * One patient's studies in one frame from their images: all pairs registered, the most confident
 * chained from the earliest study; each study gets a translation and confidence, or a refusal.
 */
import type { Vec3 } from '../geometry/frames'
import type { BodyProfile } from './body-profile'
import { registerProfiles, type PairRegistration } from './register-pair'
import type { ImageAlignmentSettings } from './settings'

/** One study as the image alignment sees it: its profile, or why it has none. */
export interface StudyImage {
  studyId: string
  /** Order within the patient (earlier first); the earliest aligned study is the reference. */
  studyOrder: number
  profile?: BodyProfile
  /** Why the study has no profile (no CT series, not axial, …). */
  problem?: string
}

export interface StudyImageAlignment {
  studyId: string
  studyOrder: number
  /**
   * Added to the study's scanner LPS (mm) to reach the reference study's scanner LPS (the patient
   * frame); [0, 0, 0] for the reference itself. Absent when the images cannot place the study.
   */
  translationMm?: Vec3
  /** 0 … 1: the weakest registration on the chain to the reference (1 for the reference). */
  confidence: number
  /** The study this one was registered to directly (absent for the reference and refusals). */
  registeredTo?: string
  /** Profile correlation and overlap (mm) of that registration. */
  correlation?: number
  overlapMm?: number
  /** Why there is no translation, in words a user can act on. */
  refusal?: string
}

export interface PatientImageAlignment {
  /** The study whose scanner frame is the patient frame (undefined when none could be aligned). */
  referenceStudyId?: string
  studies: StudyImageAlignment[]
}

interface Edge {
  reference: number
  moving: number
  registration: PairRegistration
}

function find(parent: number[], a: number): number {
  while (parent[a] !== a) {
    parent[a] = parent[parent[a]]
    a = parent[a]
  }
  return a
}

/**
 * The group of studies to chain: the earliest study's, unless it stands alone; then the largest
 * (the earliest of equals). Studies without a profile have negative groups and are never chosen.
 */
function chosenGroup(groupOf: readonly number[]): number | undefined {
  const sizes = new Map<number, number>()
  for (const g of groupOf) if (g >= 0) sizes.set(g, (sizes.get(g) ?? 0) + 1)
  const sizeOf = (g: number) => sizes.get(g) ?? 0
  if (sizeOf(groupOf[0]) >= 2) return groupOf[0]
  let best: number | undefined
  for (const g of groupOf) if (g >= 0 && (best === undefined || sizeOf(g) > sizeOf(best))) best = g
  return best
}

function refusalOf(s: number, edges: readonly Edge[], inGroup: (s: number) => boolean): string {
  const own = edges.filter(
    (e) => (e.moving === s && inGroup(e.reference)) || (e.reference === s && inGroup(e.moving)),
  )
  if (own.length === 0) return 'no other study of the patient has images to register it to'
  const best = own.reduce((a, b) => (b.registration.confidence > a.registration.confidence ? b : a))
  return (
    best.registration.refusal ??
    'it registers only to studies that are not linked to the reference study'
  )
}

/** Aligns the studies of one patient; see the module comment. */
export function alignStudyImages(
  studies: readonly StudyImage[],
  settings: ImageAlignmentSettings,
): PatientImageAlignment {
  const ordered = [...studies].sort((a, b) => a.studyOrder - b.studyOrder)
  const edges: Edge[] = []
  for (let a = 0; a < ordered.length; a++) {
    for (let b = a + 1; b < ordered.length; b++) {
      const [pa, pb] = [ordered[a].profile, ordered[b].profile]
      if (pa && pb)
        edges.push({ reference: a, moving: b, registration: registerProfiles(pa, pb, settings) })
    }
  }
  // Maximum spanning forest over the accepted registrations (Kruskal, most confident first).
  const parent = ordered.map((_, s) => s)
  const tree: Edge[][] = ordered.map(() => [])
  const accepted = edges
    .filter((e) => e.registration.translationMm)
    .sort((x, y) => y.registration.confidence - x.registration.confidence)
  for (const edge of accepted) {
    const [ra, rb] = [find(parent, edge.reference), find(parent, edge.moving)]
    if (ra === rb) continue
    parent[ra] = rb
    tree[edge.reference].push(edge)
    tree[edge.moving].push(edge)
  }
  const groupOf = ordered.map((study, s) => (study.profile ? find(parent, s) : -1 - s))
  const group = chosenGroup(groupOf)
  const anchor = group === undefined ? -1 : groupOf.indexOf(group)
  const translation: (Vec3 | undefined)[] = ordered.map(() => undefined)
  const confidence = ordered.map(() => 0)
  const placedBy: (Edge | undefined)[] = ordered.map(() => undefined)
  if (anchor >= 0) {
    translation[anchor] = [0, 0, 0]
    confidence[anchor] = 1
    const queue = [anchor]
    while (queue.length > 0) {
      const s = queue.shift() as number
      for (const edge of tree[s]) {
        const other = edge.reference === s ? edge.moving : edge.reference
        if (translation[other]) continue
        const t = translation[s] as Vec3
        const d = edge.registration.translationMm as Vec3
        // The edge maps moving → reference; walked the other way it is the opposite shift.
        const sign = edge.moving === other ? 1 : -1
        translation[other] = [t[0] + sign * d[0], t[1] + sign * d[1], t[2] + sign * d[2]]
        confidence[other] = Math.min(confidence[s], edge.registration.confidence)
        placedBy[other] = edge
        queue.push(other)
      }
    }
  }
  const inGroup = (s: number) => translation[s] !== undefined
  return {
    referenceStudyId: anchor >= 0 ? ordered[anchor].studyId : undefined,
    studies: ordered.map((study, s): StudyImageAlignment => {
      const base = { studyId: study.studyId, studyOrder: study.studyOrder }
      const edge = placedBy[s]
      if (translation[s]) {
        if (!edge) return { ...base, translationMm: translation[s], confidence: confidence[s] }
        const to = edge.reference === s ? edge.moving : edge.reference
        return {
          ...base,
          translationMm: translation[s],
          confidence: confidence[s],
          registeredTo: ordered[to].studyId,
          correlation: edge.registration.correlation,
          overlapMm: edge.registration.overlapMm,
        }
      }
      return {
        ...base,
        confidence: 0,
        refusal: study.problem ?? refusalOf(s, edges, inGroup),
      }
    }),
  }
}
