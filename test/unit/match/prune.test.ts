// Pruning rules on real graphology graphs: mutual best, threshold, cutting the weakest links of a
// component that would hold two lesions of one study, and user decisions as hard constraints.
import { connectedComponents } from 'graphology-components'
import { describe, expect, it } from 'vitest'
import { decisionConstraints } from '../../../electron/core/match/decisions'
import { groupDuplicates } from '../../../electron/core/match/duplicates'
import {
  buildLesionGraph,
  nodeKey,
  type LesionGraph,
} from '../../../electron/core/match/lesion-graph'
import { buildLesionSet, type LesionSet } from '../../../electron/core/match/lesion-set'
import { loadMatcherModel } from '../../../electron/core/match/model'
import {
  cutStudyConflicts,
  dropBelowThreshold,
  dropEarlierLinksOfNewLesions,
  dropRejectedLinks,
  dropUnlessMutualBest,
  type DroppedLink,
} from '../../../electron/core/match/prune'
import type { PairEvidence, UserDecision } from '../../../electron/core/match/types'
import { lesion } from './lesions'

const model = loadMatcherModel()
const EVIDENCE: PairEvidence = {
  distanceXyMm: 1,
  distanceZMm: 1,
  toleranceXyMm: 8,
  toleranceZMm: 12,
  studyGap: 1,
  longAxisRatio: 1,
  mutualBest: true,
}

/** Lesions named `<study letter><n>` (A1, B1, B2, C1 …), far apart so none are duplicates. */
function setOf(ids: string[]): LesionSet {
  const lesions = ids.map((id, k) => lesion(id, id.charCodeAt(0) - 64, [100 * k, 0, 0], 20))
  return buildLesionSet('P', lesions, groupDuplicates(lesions, model).groups, model)
}

function graphOf(
  set: LesionSet,
  probabilities: Record<string, number>,
  decisions: UserDecision[] = [],
) {
  const ids = set.nodeLesions.map((l) => l[0].lesionId)
  const p = (i: number, j: number) =>
    probabilities[`${ids[i]}-${ids[j]}`] ?? probabilities[`${ids[j]}-${ids[i]}`] ?? 0
  const constraints = decisionConstraints(set, decisions)
  const graph = buildLesionGraph(
    set,
    p,
    () => EVIDENCE,
    0.01,
    new Set([...constraints.confirmed, ...constraints.rejected]),
  )
  for (const id of constraints.confirmed) {
    const [i, j] = id.split(',').map(Number)
    graph.setEdgeAttribute(nodeKey(i), nodeKey(j), 'confirmed', true)
  }
  return { graph, constraints, p }
}

/** The lesion id of a graph node (graph keys are node indices). */
function idOf(graph: LesionGraph, key: string): string {
  return graph.getNodeAttribute(key, 'lesionIds')[0]
}

/** Whether the graph links the lesions with these ids. */
function linked(graph: LesionGraph, a: string, b: string): boolean {
  const keyOf = (id: string) => graph.findNode((key) => idOf(graph, key) === id) as string
  return graph.hasEdge(keyOf(a), keyOf(b))
}

function tracks(graph: LesionGraph): string[] {
  return connectedComponents(graph)
    .map((c) =>
      c
        .map((key) => idOf(graph, key))
        .sort()
        .join('+'),
    )
    .sort()
}

describe('pruning', () => {
  it('keeps a link only when each end is the other’s best candidate in that study', () => {
    const set = setOf(['A1', 'B1', 'B2'])
    const { graph } = graphOf(set, { 'A1-B1': 0.9, 'A1-B2': 0.7 })
    const dropped: DroppedLink[] = []
    dropUnlessMutualBest(graph, dropped)
    expect(linked(graph, 'A1', 'B1')).toBe(true)
    expect(linked(graph, 'A1', 'B2')).toBe(false)
    expect(dropped).toHaveLength(1)
    expect(dropped[0].reason).toMatch(/not mutual best/)
  })

  it('drops links under the threshold unless confirmed', () => {
    const set = setOf(['A1', 'B1', 'C1'])
    const { graph } = graphOf(set, { 'A1-B1': 0.3, 'B1-C1': 0.2 }, [
      { kind: 'confirm-link', lesionIdA: 'B1', lesionIdB: 'C1' },
    ])
    const dropped: DroppedLink[] = []
    dropBelowThreshold(graph, 0.5, dropped)
    expect(linked(graph, 'A1', 'B1')).toBe(false)
    expect(linked(graph, 'B1', 'C1')).toBe(true)
    expect(dropped[0].reason).toBe('probability below the link threshold 0.50')
  })

  it('cuts the weakest link of a component that would hold two lesions of one study', () => {
    // A1 – B1 – C1 – B2: B1 and B2 are both in study B, so one of the links into B2 must go.
    const set = setOf(['A1', 'B1', 'C1', 'B2'])
    const { graph, constraints } = graphOf(set, { 'A1-B1': 0.95, 'B1-C1': 0.9, 'C1-B2': 0.6 })
    const dropped: DroppedLink[] = []
    cutStudyConflicts(graph, constraints, dropped)
    expect(tracks(graph)).toEqual(['A1+B1+C1', 'B2'])
    expect(dropped.map((d) => [idOf(graph, d.source), idOf(graph, d.target), d.reason])).toEqual([
      ['C1', 'B2', 'cut: would put two lesions of one study in one track'],
    ])
  })

  it('bridges a study where the lesion was not bookmarked', () => {
    // Studies A, B, C; the lesion is bookmarked in A and C only: the A–C link stays.
    const set = setOf(['A1', 'B1', 'C1'])
    const { graph, constraints } = graphOf(set, { 'A1-C1': 0.8, 'A1-B1': 0.05, 'B1-C1': 0.04 })
    const dropped: DroppedLink[] = []
    dropUnlessMutualBest(graph, dropped)
    dropBelowThreshold(graph, 0.5, dropped)
    cutStudyConflicts(graph, constraints, dropped)
    expect(tracks(graph)).toEqual(['A1+C1', 'B1'])
  })

  it('never joins a rejected pair, not even through a third lesion', () => {
    const set = setOf(['A1', 'B1', 'C1'])
    const { graph, constraints } = graphOf(set, { 'A1-B1': 0.9, 'B1-C1': 0.8, 'A1-C1': 0.7 }, [
      { kind: 'reject-link', lesionIdA: 'A1', lesionIdB: 'C1' },
    ])
    const dropped: DroppedLink[] = []
    dropRejectedLinks(graph, constraints, dropped)
    expect(linked(graph, 'A1', 'C1')).toBe(false)
    cutStudyConflicts(graph, constraints, dropped)
    expect(tracks(graph)).toEqual(['A1+B1', 'C1'])
    expect(dropped.map((d) => d.reason)).toEqual([
      'rejected by user',
      'cut: would join lesions a user kept apart',
    ])
  })

  it('starts a new track at a lesion marked new', () => {
    const set = setOf(['A1', 'B1', 'C1'])
    const { graph, constraints } = graphOf(set, { 'A1-B1': 0.9, 'B1-C1': 0.9, 'A1-C1': 0.9 }, [
      { kind: 'mark-new', lesionId: 'B1' },
    ])
    const dropped: DroppedLink[] = []
    dropEarlierLinksOfNewLesions(graph, constraints, dropped)
    cutStudyConflicts(graph, constraints, dropped)
    expect(linked(graph, 'A1', 'B1')).toBe(false)
    expect(tracks(graph)).toEqual(['A1+C1', 'B1'])
  })

  it('keeps contradicting confirmed links and reports the conflict', () => {
    const set = setOf(['A1', 'B1', 'B2'])
    const { graph, constraints } = graphOf(set, { 'A1-B1': 0.9, 'A1-B2': 0.2 }, [
      { kind: 'confirm-link', lesionIdA: 'A1', lesionIdB: 'B1' },
      { kind: 'confirm-link', lesionIdA: 'A1', lesionIdB: 'B2' },
    ])
    const issues = cutStudyConflicts(graph, constraints, [])
    expect(tracks(graph)).toEqual(['A1+B1+B2'])
    expect(issues).toHaveLength(1)
    expect(issues[0].code).toBe('decision-conflict')
    expect(issues[0].message).toMatch(/two lesions of one study/)
    expect(issues[0].subject).toMatch(/^A1 – B\d$/)
  })
})
