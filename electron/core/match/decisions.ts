/**
 * Turns the user's decisions into constraints on node pairs: links that must stay, pairs that
 * must never share a track, lesions that start their own track. Conflicts are reported, and
 * the last decision about a pair wins.
 */
import type { LesionSet } from './lesion-set'
import type { MatchIssue, UserDecision } from './types'

export interface DecisionConstraints {
  /** Node pairs `${i},${j}` (i < j) a user confirmed. */
  confirmed: Set<string>
  /** Node pairs `${i},${j}` (i < j) a user rejected: never in one track. */
  rejected: Set<string>
  /** Nodes marked new: no link to a lesion of an earlier study. */
  markedNew: Set<number>
  issues: MatchIssue[]
}

export function pairId(i: number, j: number): string {
  return i < j ? `${i},${j}` : `${j},${i}`
}

/** Maps decisions (by lesion id) onto the nodes of `set`. */
export function decisionConstraints(
  set: LesionSet,
  decisions: readonly UserDecision[],
): DecisionConstraints {
  const out: DecisionConstraints = {
    confirmed: new Set(),
    rejected: new Set(),
    markedNew: new Set(),
    issues: [],
  }
  // Most patients have no decision: skip indexing their lesion ids.
  if (decisions.length === 0) return out
  const nodeOf = new Map<string, number>()
  set.nodeLesions.forEach((lesions, node) => lesions.forEach((l) => nodeOf.set(l.lesionId, node)))
  const unknown = (id: string) =>
    out.issues.push({
      code: 'unknown-lesion',
      severity: 'warning',
      subject: id,
      message: `a saved decision refers to lesion ${id}, which is not among this patient's bookmarks`,
      hint: 'The bookmark was deleted or its study not imported; the decision is kept and applies again once it is back.',
    })
  for (const decision of decisions) {
    if (decision.kind === 'mark-new') {
      const node = nodeOf.get(decision.lesionId)
      if (node === undefined) unknown(decision.lesionId)
      else out.markedNew.add(node)
      continue
    }
    const i = nodeOf.get(decision.lesionIdA)
    const j = nodeOf.get(decision.lesionIdB)
    if (i === undefined || j === undefined) {
      unknown(i === undefined ? decision.lesionIdA : decision.lesionIdB)
      continue
    }
    const subject = `${decision.lesionIdA} – ${decision.lesionIdB}`
    if (set.studyOfNode[i] === set.studyOfNode[j]) {
      if (decision.kind === 'confirm-link') {
        out.issues.push({
          code: 'decision-conflict',
          severity: 'warning',
          subject,
          message: `cannot link ${decision.lesionIdA} and ${decision.lesionIdB}: they are in the same study (${set.studies[set.studyOfNode[i]].studyId})`,
          hint: 'A track holds one lesion per study; remove one of the two bookmarks if they are the same lesion.',
        })
      }
      continue
    }
    const id = pairId(i, j)
    const [add, other] =
      decision.kind === 'confirm-link'
        ? [out.confirmed, out.rejected]
        : [out.rejected, out.confirmed]
    if (other.delete(id)) {
      out.issues.push({
        code: 'decision-conflict',
        severity: 'warning',
        subject,
        message: `the link ${subject} was both confirmed and rejected; the later decision (${decision.kind}) is kept`,
        hint: 'Review this link once more if that is not what you meant.',
      })
    }
    add.add(id)
  }
  return out
}
