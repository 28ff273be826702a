/**
 * The lesion graph of one patient (graphology): a node per lesion, an edge per candidate link
 * between lesions of different studies, carrying the link probability and its evidence.
 */
import { UndirectedGraph } from 'graphology'
import { withLazy } from './lazy-property'
import type { LesionSet } from './lesion-set'
import type { PairEvidence } from './types'

export interface LesionNodeAttributes {
  /** Index of the node in its LesionSet. */
  node: number
  /** Bookmarks of this lesion (more than one when a study measured it twice). */
  lesionIds: string[]
  studyId: string
  studyIndex: number
  longAxisMm: number
}

export interface LinkAttributes {
  probability: number
  evidence: PairEvidence
  /** Set by a user's confirm-link decision: the link survives every pruning step. */
  confirmed: boolean
}

export type LesionGraph = UndirectedGraph<LesionNodeAttributes, LinkAttributes>

/** Keys of nodes 0, 1, 2 … made once: every patient's graph uses the same ones. */
const NODE_KEYS: string[] = []

/**
 * The graph key of a node: its index in the lesion set, as a string. Index keys make graphology
 * store neighbours as array elements, about twice as fast to build as keys that are lesion ids;
 * the ids are node attributes (`lesionIds`).
 */
export function nodeKey(node: number): string {
  for (let k = NODE_KEYS.length; k <= node; k++) NODE_KEYS.push(String(k))
  return NODE_KEYS[node]
}

/**
 * Edge attributes whose evidence is measured when first read: most candidate links are dropped
 * and never shown, and the matcher itself decides on the probability alone.
 */
function lazyEvidence(probability: number, measure: () => PairEvidence): LinkAttributes {
  return withLazy({ probability, confirmed: false }, 'evidence', measure)
}

/**
 * Builds the graph with every node and an edge for each pair of different studies whose
 * probability reaches `floor`, plus every pair in `alwaysInclude` (pairs of node indices); an
 * edge's evidence is measured by `evidence` when it is first read.
 */
export function buildLesionGraph(
  set: LesionSet,
  probability: (i: number, j: number) => number,
  evidence: (i: number, j: number) => PairEvidence,
  floor: number,
  alwaysInclude: ReadonlySet<string> = new Set(),
): LesionGraph {
  const graph: LesionGraph = new UndirectedGraph()
  const n = set.studyOfNode.length
  for (let i = 0; i < n; i++) {
    const first = set.nodeLesions[i][0]
    graph.addNode(nodeKey(i), {
      node: i,
      lesionIds: set.nodeLesions[i].map((l) => l.lesionId),
      studyId: first.studyId,
      studyIndex: set.studyOfNode[i],
      longAxisMm: Math.exp(set.logLongAxis[i]),
    })
  }
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      if (set.studyOfNode[i] === set.studyOfNode[j]) continue
      const p = probability(i, j)
      if (p < floor && (alwaysInclude.size === 0 || !alwaysInclude.has(`${i},${j}`))) continue
      graph.addEdge(
        nodeKey(i),
        nodeKey(j),
        lazyEvidence(p, () => evidence(i, j)),
      )
    }
  }
  return graph
}
