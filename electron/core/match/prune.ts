/**
 * Pruning of the lesion graph, one rule per function, each dropping edges and saying why:
 * user rejections, lesions marked new, mutual-best candidates, the probability threshold, and
 * cutting the weakest links that would put two lesions of one study in one track.
 */
import type { DecisionConstraints } from './decisions'
import { pairId } from './decisions'
import type { LesionGraph, LinkAttributes } from './lesion-graph'
import type { MatchIssue } from './types'

export interface DroppedLink {
  source: string
  target: string
  attributes: LinkAttributes
  reason: string
}

function dropWhere(
  graph: LesionGraph,
  dropped: DroppedLink[],
  reasonFor: (source: string, target: string, attributes: LinkAttributes) => string | undefined,
): void {
  const doomed: { edge: string; reason: string }[] = []
  graph.forEachEdge((edge, attributes, source, target) => {
    const reason = reasonFor(source, target, attributes)
    if (reason !== undefined) doomed.push({ edge, reason })
  })
  for (const { edge, reason } of doomed) {
    const [source, target] = graph.extremities(edge)
    dropped.push({ source, target, attributes: graph.getEdgeAttributes(edge), reason })
    graph.dropEdge(edge)
  }
}

function nodePair(graph: LesionGraph, source: string, target: string): string {
  return pairId(graph.getNodeAttribute(source, 'node'), graph.getNodeAttribute(target, 'node'))
}

/** Drops links a user rejected. */
export function dropRejectedLinks(
  graph: LesionGraph,
  constraints: DecisionConstraints,
  dropped: DroppedLink[],
): void {
  if (constraints.rejected.size === 0) return
  dropWhere(graph, dropped, (s, t) =>
    constraints.rejected.has(nodePair(graph, s, t)) ? 'rejected by user' : undefined,
  )
}

/** Drops the links of lesions marked new to lesions of earlier studies (unless confirmed). */
export function dropEarlierLinksOfNewLesions(
  graph: LesionGraph,
  constraints: DecisionConstraints,
  dropped: DroppedLink[],
): void {
  if (constraints.markedNew.size === 0) return
  dropWhere(graph, dropped, (s, t, attributes) => {
    if (attributes.confirmed) return undefined
    const a = graph.getNodeAttributes(s)
    const b = graph.getNodeAttributes(t)
    const later = a.studyIndex > b.studyIndex ? a : b
    return constraints.markedNew.has(later.node) ? 'marked new by user' : undefined
  })
}

/**
 * Keeps a link only if each end is the other's most probable candidate in the other's study
 * (confirmed links always stay).
 */
export function dropUnlessMutualBest(graph: LesionGraph, dropped: DroppedLink[]): void {
  // Best probability of each node towards each study, at node * studies + study.
  let studies = 0
  graph.forEachNode((_, a) => (studies = Math.max(studies, a.studyIndex + 1)))
  const best = new Float64Array(graph.order * studies).fill(-Infinity)
  const slot = (from: string, to: string) =>
    graph.getNodeAttribute(from, 'node') * studies + graph.getNodeAttribute(to, 'studyIndex')
  graph.forEachEdge((_, attributes, source, target) => {
    const p = attributes.probability
    const s = slot(source, target)
    const t = slot(target, source)
    if (p > best[s]) best[s] = p
    if (p > best[t]) best[t] = p
  })
  dropWhere(graph, dropped, (s, t, attributes) => {
    if (attributes.confirmed) return undefined
    const p = attributes.probability
    if (p >= best[slot(s, t)] && p >= best[slot(t, s)]) return undefined
    return 'not mutual best: a likelier candidate exists in the same study'
  })
}

/** Drops links below the probability threshold (confirmed links always stay). */
export function dropBelowThreshold(
  graph: LesionGraph,
  threshold: number,
  dropped: DroppedLink[],
): void {
  dropWhere(graph, dropped, (_s, _t, attributes) =>
    !attributes.confirmed && attributes.probability < threshold
      ? `probability below the link threshold ${threshold.toFixed(2)}`
      : undefined,
  )
}

interface Component {
  nodes: number[]
  studies: Set<number>
}

/**
 * Joins lesions strongest link first (confirmed links before all others) and cuts every link
 * that would put two lesions of one study, a rejected pair, or a lesion marked new and an earlier
 * lesion in one track — so the weakest links of an over-full component are the ones cut.
 */
export function cutStudyConflicts(
  graph: LesionGraph,
  constraints: DecisionConstraints,
  dropped: DroppedLink[],
): MatchIssue[] {
  const issues: MatchIssue[] = []
  const componentOf = new Map<string, Component>()
  const keyOf = new Map<number, string>()
  const studyOf = new Map<number, number>()
  graph.forEachNode((key, a) => {
    componentOf.set(key, { nodes: [a.node], studies: new Set([a.studyIndex]) })
    keyOf.set(a.node, key)
    studyOf.set(a.node, a.studyIndex)
  })
  const conflict = (x: Component, y: Component): string | undefined => {
    for (const s of y.studies)
      if (x.studies.has(s)) return 'would put two lesions of one study in one track'
    if (constraints.rejected.size === 0 && constraints.markedNew.size === 0) return undefined
    for (const i of x.nodes) {
      for (const j of y.nodes) {
        if (constraints.rejected.has(pairId(i, j))) return 'would join lesions a user kept apart'
        const [earlier, later] =
          (studyOf.get(i) as number) < (studyOf.get(j) as number) ? [i, j] : [j, i]
        if (constraints.markedNew.has(later) && earlier !== later)
          return 'would join a lesion marked new to an earlier one'
      }
    }
    return undefined
  }
  const edges: { edge: string; attributes: LinkAttributes; source: string; target: string }[] = []
  graph.forEachEdge((edge, attributes, source, target) =>
    edges.push({ edge, attributes, source, target }),
  )
  edges.sort(
    (x, y) =>
      Number(y.attributes.confirmed) - Number(x.attributes.confirmed) ||
      y.attributes.probability - x.attributes.probability,
  )
  for (const { edge, attributes, source, target } of edges) {
    const x = componentOf.get(source) as Component
    const y = componentOf.get(target) as Component
    if (x === y) continue
    const reason = conflict(x, y)
    if (reason && !attributes.confirmed) {
      dropped.push({ source, target, attributes, reason: `cut: ${reason}` })
      graph.dropEdge(edge)
      continue
    }
    if (reason) {
      const link = `${graph.getNodeAttribute(source, 'lesionIds')[0]} – ${graph.getNodeAttribute(target, 'lesionIds')[0]}`
      issues.push({
        code: 'decision-conflict',
        severity: 'warning',
        subject: link,
        message: `the confirmed link ${link} ${reason}; it is kept because a user confirmed it`,
        hint: 'Review the track: unlink one of the confirmed links if they contradict each other.',
      })
    }
    for (const node of y.nodes) {
      x.nodes.push(node)
      componentOf.set(keyOf.get(node) as string, x)
    }
    for (const s of y.studies) x.studies.add(s)
  }
  return issues
}
