/**
 * First guess of every study's shift: join studies along the most decisive pairwise consensus
 * shifts (best support minus the runner-up), like a maximum spanning tree over the study pairs.
 */
import type { Vec3 } from '../geometry/frames'
import type { ShiftMode } from './consensus-shift'

/** Pairwise consensus shifts of study pairs a < b (shift of study b minus study a). */
export interface PairModes {
  studyCount: number
  /** Modes of studies a < b at a * studyCount + b; undefined where none were sought. */
  lists: (ShiftMode[] | undefined)[]
}

const NO_MODES: readonly ShiftMode[] = []

/** Pair modes for `studyCount` studies, none sought yet. */
export function createPairModes(studyCount: number): PairModes {
  return { studyCount, lists: new Array(studyCount * studyCount) }
}

/** The consensus shifts of studies a and b (either order), best first; shifts are b' − a'. */
export function modesOf(modes: PairModes, a: number, b: number): readonly ShiftMode[] {
  const index = a < b ? a * modes.studyCount + b : b * modes.studyCount + a
  return modes.lists[index] ?? NO_MODES
}

/**
 * Translations (added to each study's scanner positions) that chain the decisive pairwise
 * shifts; studies no pair reaches keep a zero translation.
 */
export function spanningTranslations(studyCount: number, modes: PairModes): Vec3[] {
  const edges: { margin: number; support: number; a: number; b: number; shift: Vec3 }[] = []
  for (let a = 0; a < studyCount; a++) {
    for (let b = a + 1; b < studyCount; b++) {
      const list = modes.lists[a * modes.studyCount + b]
      if (!list || list.length === 0) continue
      const margin = list[0].support - (list.length > 1 ? list[1].support : 0)
      edges.push({ margin, support: list[0].support, a, b, shift: list[0].shiftMm })
    }
  }
  edges.sort((x, y) => y.margin - x.margin || y.support - x.support)
  const translation: Vec3[] = Array.from({ length: studyCount }, () => [0, 0, 0] as Vec3)
  const component = Array.from({ length: studyCount }, (_, i) => i)
  const members = new Map<number, number[]>(component.map((i) => [i, [i]]))
  for (const { a, b, shift } of edges) {
    const ca = component[a]
    const cb = component[b]
    if (ca === cb) continue
    // Aligned positions agree when pA + tA = pB + tB, i.e. tB = tA - (pB - pA) = tA - shift.
    const move: Vec3 = [0, 1, 2].map(
      (d) => translation[a][d] - shift[d] - translation[b][d],
    ) as Vec3
    const moved = members.get(cb) as number[]
    for (const s of moved) {
      for (let d = 0; d < 3; d++) translation[s][d] += move[d]
      component[s] = ca
    }
    ;(members.get(ca) as number[]).push(...moved)
    members.delete(cb)
  }
  return translation
}
