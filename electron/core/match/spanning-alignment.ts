/**
 * First guess of every study's shift: join studies along the most decisive pairwise consensus
 * shifts (best support minus the runner-up), like a maximum spanning tree over the study pairs.
 */
import type { Vec3 } from '../geometry/frames'
import type { ShiftMode } from './consensus-shift'

/** Pairwise consensus shifts, keyed `${a},${b}` with a < b (shift of study b minus study a). */
export type PairModes = Map<string, ShiftMode[]>

export function pairKey(a: number, b: number): string {
  return `${a},${b}`
}

/**
 * Translations (added to each study's scanner positions) that chain the decisive pairwise
 * shifts; studies no pair reaches keep a zero translation.
 */
export function spanningTranslations(studyCount: number, modes: PairModes): Vec3[] {
  const edges: { margin: number; support: number; a: number; b: number; shift: Vec3 }[] = []
  for (const [key, list] of modes) {
    if (list.length === 0) continue
    const [a, b] = key.split(',').map(Number)
    const margin = list[0].support - (list.length > 1 ? list[1].support : 0)
    edges.push({ margin, support: list[0].support, a, b, shift: list[0].shiftMm })
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
