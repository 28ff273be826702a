/**
 * The DLS matching protocol: ground-truth groups (connected components of the annotated pairs)
 * and the scored pairs (every two lesions of one patient in different studies).
 */
import type { DlsLesion, DlsSplit } from './dls-split'

export interface ScoredPair {
  a: DlsLesion
  b: DlsLesion
  /** Both lesions are in one ground-truth group. */
  same: boolean
}

export interface DlsProtocol {
  /** Ground-truth group of every lesion key (0 … groups - 1). */
  groupOf: Map<string, number>
  groupCount: number
  lesionsByPatient: Map<string, DlsLesion[]>
  scoredPairs: ScoredPair[]
  /** Annotated pairs joining two series of one study: same study, so never scored. */
  sameStudyPairs: number
  /** Studies of one patient that at least one annotated pair joins (see studyPairKey). */
  annotatedStudyPairs: Set<string>
}

/** Key of two studies of one patient, the same in either order. */
export function studyPairKey(patientId: string, studyA: number, studyB: number): string {
  return `${patientId}:${Math.min(studyA, studyB)}-${Math.max(studyA, studyB)}`
}

function findRoot(parent: Map<string, string>, key: string): string {
  let root = key
  while (parent.get(root) !== root) root = parent.get(root) as string
  while (parent.get(key) !== root) {
    const next = parent.get(key) as string
    parent.set(key, root)
    key = next
  }
  return root
}

/** Builds the protocol's groups and scored pairs for a split. */
export function dlsProtocol(split: DlsSplit): DlsProtocol {
  const parent = new Map(split.lesions.map((l) => [l.key, l.key]))
  const byKey = new Map(split.lesions.map((l) => [l.key, l]))
  let sameStudyPairs = 0
  const annotatedStudyPairs = new Set<string>()
  for (const [a, b] of split.pairs) {
    parent.set(findRoot(parent, a), findRoot(parent, b))
    const la = byKey.get(a) as DlsLesion
    const lb = byKey.get(b) as DlsLesion
    if (la.studyIndex === lb.studyIndex) sameStudyPairs++
    else annotatedStudyPairs.add(studyPairKey(la.patientId, la.studyIndex, lb.studyIndex))
  }
  const groupIds = new Map<string, number>()
  const groupOf = new Map<string, number>()
  for (const lesion of split.lesions) {
    const root = findRoot(parent, lesion.key)
    if (!groupIds.has(root)) groupIds.set(root, groupIds.size)
    groupOf.set(lesion.key, groupIds.get(root) as number)
  }
  const lesionsByPatient = new Map<string, DlsLesion[]>()
  for (const lesion of split.lesions) {
    const list = lesionsByPatient.get(lesion.patientId)
    if (list) list.push(lesion)
    else lesionsByPatient.set(lesion.patientId, [lesion])
  }
  const scoredPairs: ScoredPair[] = []
  for (const patientId of [...lesionsByPatient.keys()].sort()) {
    const list = lesionsByPatient.get(patientId) as DlsLesion[]
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        const [a, b] = [list[i], list[j]]
        if (a.studyIndex === b.studyIndex) continue
        scoredPairs.push({ a, b, same: groupOf.get(a.key) === groupOf.get(b.key) })
      }
    }
  }
  return {
    groupOf,
    groupCount: groupIds.size,
    lesionsByPatient,
    scoredPairs,
    sameStudyPairs,
    annotatedStudyPairs,
  }
}
