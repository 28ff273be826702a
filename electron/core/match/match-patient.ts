/**
 * Matches one patient: scores every pair of lesions in different studies, builds the lesion
 * graph, prunes it under the user's decisions, and reads the tracks off its connected components.
 */
import { connectedComponents } from 'graphology-components'
import { analysePatient, type AnalyseOptions, type PatientAnalysis } from './analyse-patient'
import { decisionConstraints } from './decisions'
import { explainLink, explainTrack } from './explain'
import { FEATURE_NAMES, pairEvidence, pairFeatures } from './features'
import {
  buildLesionGraph,
  nodeKey,
  type LesionGraph,
  type LesionNodeAttributes,
} from './lesion-graph'
import { withLazy } from './lazy-property'
import type { LesionSet } from './lesion-set'
import { linkProbability, weightVector } from './link-probability'
import type { MatcherModel } from './model'
import {
  cutStudyConflicts,
  dropBelowThreshold,
  dropEarlierLinksOfNewLesions,
  dropRejectedLinks,
  dropUnlessMutualBest,
  type DroppedLink,
} from './prune'
import type { MatchLesion, MatchLink, PatientMatch, Track, UserDecision } from './types'

export interface MatchOptions extends AnalyseOptions {
  decisions?: readonly UserDecision[]
}

export interface PatientMatchDetail extends PatientMatch {
  analysis: PatientAnalysis
  /** Link probability of two node indices of analysis.set (0 within a study). */
  nodeProbability: Float64Array
}

/** Probability of every node pair at i * n + j. */
export function scoreNodePairs(analysis: PatientAnalysis, model: MatcherModel): Float64Array {
  const { set } = analysis
  const n = set.studyOfNode.length
  const probability = new Float64Array(n * n)
  const weights = weightVector(model)
  const features = new Float64Array(FEATURE_NAMES.length)
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      if (set.studyOfNode[i] === set.studyOfNode[j]) continue
      pairFeatures(analysis.features, i, j, features)
      const p = linkProbability(model.probability.intercept, weights, features)
      probability[i * n + j] = p
      probability[j * n + i] = p
    }
  }
  return probability
}

function toLink(
  graph: LesionGraph,
  source: string,
  target: string,
  dropped: DroppedLink | undefined,
): MatchLink {
  const a = graph.getNodeAttributes(source)
  const b = graph.getNodeAttributes(target)
  const [earlier, later] = a.studyIndex <= b.studyIndex ? [a, b] : [b, a]
  const attributes = dropped ? dropped.attributes : graph.getEdgeAttributes(source, target)
  // Evidence and explanation are read by people (review, export), not by the matcher: they
  // are measured and written when first read, as most links are never shown.
  const link = withLazy(
    {
      lesionIdA: earlier.lesionIds[0],
      lesionIdB: later.lesionIds[0],
      probability: attributes.probability,
      kept: dropped === undefined,
      decision: dropped ? dropped.reason : attributes.confirmed ? 'confirmed by user' : 'kept',
    },
    'evidence',
    () => attributes.evidence,
  )
  return withLazy(link, 'explanation', () =>
    explainLink(attributes.evidence, earlier.longAxisMm, later.longAxisMm, attributes.probability),
  )
}

/**
 * Every candidate link, kept or dropped, most probable first. A helper of its own: the lazy
 * evidence of each link keeps the variables of the function that made its closures alive, and
 * a result should not hold on to the whole graph through them.
 */
function readLinks(graph: LesionGraph, dropped: readonly DroppedLink[]): MatchLink[] {
  return [
    ...graph.mapEdges((_, __, source, target) => toLink(graph, source, target, undefined)),
    ...dropped.map((d) => toLink(graph, d.source, d.target, d)),
  ].sort((x, y) => y.probability - x.probability)
}

/** The links touching each lesion id, built once per patient when an explanation asks. */
function linksByLesion(links: readonly MatchLink[]): Map<string, MatchLink[]> {
  const linksOf = new Map<string, MatchLink[]>()
  for (const link of links) {
    for (const id of [link.lesionIdA, link.lesionIdB]) {
      const list = linksOf.get(id)
      if (list) list.push(link)
      else linksOf.set(id, [link])
    }
  }
  return linksOf
}

/** The explanation of one track from its nodes in study order and the patient's links. */
function trackExplanation(
  set: LesionSet,
  nodes: readonly LesionNodeAttributes[],
  linksOf: Map<string, MatchLink[]>,
): string {
  const steps = nodes.map((a) => ({
    studyOrder: set.studies[a.studyIndex].studyOrder,
    longAxisMm: a.longAxisMm,
  }))
  const present = new Set(nodes.map((a) => a.studyIndex))
  const skipped = set.studies
    .filter(
      (_, s) =>
        s > nodes[0].studyIndex && s < nodes[nodes.length - 1].studyIndex && !present.has(s),
    )
    .map((s) => s.studyOrder)
  const own = nodes.flatMap((a) => linksOf.get(a.lesionIds[0]) ?? [])
  let weakest: number | undefined
  let rejected: MatchLink | undefined
  for (const link of own) {
    if (link.kept) weakest = Math.min(weakest ?? 1, link.probability)
    else if (!rejected || link.probability > rejected.probability) rejected = link
  }
  const first = nodes[0].lesionIds[0]
  const bestCandidate = rejected && {
    lesionId: rejected.lesionIdA === first ? rejected.lesionIdB : rejected.lesionIdA,
    probability: rejected.probability,
    reason: rejected.decision,
  }
  return explainTrack(steps, skipped, weakest, bestCandidate)
}

/** The nodes of each connected component in study order, components by their first node. */
function componentsInStudyOrder(graph: LesionGraph): LesionNodeAttributes[][] {
  const components = connectedComponents(graph).map((keys) =>
    keys.map((k) => graph.getNodeAttributes(k)).sort((x, y) => x.studyIndex - y.studyIndex),
  )
  return components.sort((x, y) => x[0].studyIndex - y[0].studyIndex || x[0].node - y[0].node)
}

/**
 * The tracks of the pruned graph. The graph itself is read in a helper: the explanation getters
 * keep this function's variables alive, and a result should not hold on to the whole graph.
 */
function readTracks(graph: LesionGraph, analysis: PatientAnalysis, links: MatchLink[]): Track[] {
  const { set } = analysis
  const components = componentsInStudyOrder(graph)
  // Explanations are for people (review, export): written when first read, like the links'.
  let linksOf: Map<string, MatchLink[]> | undefined
  return components.map((nodes, t): Track =>
    withLazy(
      {
        trackId: `${set.patientId}/T${t + 1}`,
        patientId: set.patientId,
        lesionIds: nodes.flatMap((a) => a.lesionIds),
        studyIds: nodes.map((a) => a.studyId),
      },
      'explanation',
      () => {
        linksOf ??= linksByLesion(links)
        return trackExplanation(set, nodes, linksOf)
      },
    ),
  )
}

/** Matches one patient's lesions; see the module comment. */
export function matchPatient(
  patientId: string,
  lesions: readonly MatchLesion[],
  model: MatcherModel,
  options: MatchOptions = {},
): PatientMatchDetail {
  return matchAnalysedPatient(
    analysePatient(patientId, lesions, model, options),
    model,
    options.decisions,
  )
}

/** The weight-dependent part of matchPatient, for an analysis already made (e.g. calibration). */
export function matchAnalysedPatient(
  analysis: PatientAnalysis,
  model: MatcherModel,
  decisions: readonly UserDecision[] = [],
): PatientMatchDetail {
  const { set, patientId } = analysis
  const n = set.studyOfNode.length
  const nodeProbability = scoreNodePairs(analysis, model)
  const constraints = decisionConstraints(set, decisions)
  const graph = buildLesionGraph(
    set,
    (i, j) => nodeProbability[i * n + j],
    (i, j) => pairEvidence(analysis.features, i, j),
    model.tracks.candidateFloor,
    new Set([...constraints.confirmed, ...constraints.rejected]),
  )
  for (const id of constraints.confirmed) {
    const [i, j] = id.split(',').map(Number)
    graph.setEdgeAttribute(nodeKey(i), nodeKey(j), 'confirmed', true)
  }
  const dropped: DroppedLink[] = []
  dropRejectedLinks(graph, constraints, dropped)
  dropEarlierLinksOfNewLesions(graph, constraints, dropped)
  dropUnlessMutualBest(graph, dropped)
  dropBelowThreshold(graph, model.tracks.linkThreshold, dropped)
  const conflictIssues = cutStudyConflicts(graph, constraints, dropped)
  const links = readLinks(graph, dropped)
  return {
    patientId,
    tracks: readTracks(graph, analysis, links),
    links,
    transforms: analysis.alignment.transforms,
    issues: [...analysis.issues, ...constraints.issues, ...conflictIssues],
    analysis,
    nodeProbability,
  }
}

/** The track id of every lesion of a matched patient. */
export function trackOfLesion(match: PatientMatch): Map<string, string> {
  const trackOf = new Map<string, string>()
  for (const track of match.tracks) for (const id of track.lesionIds) trackOf.set(id, track.trackId)
  return trackOf
}
