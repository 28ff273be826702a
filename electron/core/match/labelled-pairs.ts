/**
 * Training rows from data with a known truth: the features of every two lesions of a patient in
 * different studies, labelled with whether they are the same lesion.
 */
import type { PatientAnalysis } from './analyse-patient'
import { FEATURE_NAMES, pairFeatures } from './features'

export interface LabelledRows {
  features: Float64Array[]
  labels: boolean[]
}

/** Rows of every node pair of different studies; a node's truth is its first bookmark's. */
export function labelledPairRows(
  analyses: Iterable<PatientAnalysis>,
  truthOf: ReadonlyMap<string, string>,
): LabelledRows {
  const rows: LabelledRows = { features: [], labels: [] }
  for (const { set, features } of analyses) {
    const n = set.studyOfNode.length
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        if (set.studyOfNode[i] === set.studyOfNode[j]) continue
        const a = truthOf.get(set.nodeLesions[i][0].lesionId)
        const b = truthOf.get(set.nodeLesions[j][0].lesionId)
        if (a === undefined || b === undefined) continue
        const row = new Float64Array(FEATURE_NAMES.length)
        pairFeatures(features, i, j, row)
        rows.features.push(row)
        rows.labels.push(a === b)
      }
    }
  }
  return rows
}
