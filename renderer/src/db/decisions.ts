/**
 * The user's decisions about a patient's tracks in IndexedDB: each change is one transaction with
 * its audit entry, so a decision is never stored without its record of who-did-what, or lost.
 */
import { LESION_TYPE_NAMES } from '../../../electron/api/lesion-types'
import type { PatientTracks, TrackDecision } from '../../../electron/api/tracks'
import type { LesionTrackDatabase, StoredDecision } from './database'

/**
 * The identity of a decision: one per bookmark pair (confirm and reject of the same pair replace
 * each other, as the matcher keeps only the later one), one per bookmark marked new, one target
 * choice per bookmark (choose and drop replace each other), one node mark per bookmark, one
 * "gone" per bookmark and study, one per measured bookmark, one type per imported bookmark, one
 * baseline per patient, and one non-target progression and one separated timepoint per study.
 */
export function decisionKey(decision: TrackDecision): string {
  switch (decision.kind) {
    case 'confirm-link':
    case 'reject-link': {
      const [a, b] = [decision.lesionIdA, decision.lesionIdB].sort()
      return `link:${a}|${b}`
    }
    case 'mark-new':
      return `new:${decision.lesionId}`
    case 'choose-baseline':
      return 'baseline'
    case 'mark-nontarget-progression':
      return `nontarget-progression:${decision.studyInstanceUid}`
    case 'separate-timepoint':
      return `separate-timepoint:${decision.studyInstanceUid}`
    case 'choose-target':
    case 'drop-target':
      return `target:${decision.lesionId}`
    case 'mark-node':
      return `node:${decision.lesionId}`
    case 'mark-gone':
      return `gone:${decision.lesionId}@${decision.studyInstanceUid}`
    case 'measure':
      return `measure:${decision.bookmarkId}`
    case 'set-type':
      return `type:${decision.bookmarkId}`
  }
}

/** The decision in words, for the audit log and the list of decisions. */
export function describeDecision(decision: TrackDecision): string {
  switch (decision.kind) {
    case 'confirm-link':
      return `confirmed that bookmarks ${decision.lesionIdA} and ${decision.lesionIdB} are the same lesion`
    case 'reject-link':
      return `marked bookmarks ${decision.lesionIdA} and ${decision.lesionIdB} as not the same lesion`
    case 'mark-new':
      return `marked bookmark ${decision.lesionId} as a new lesion`
    case 'choose-baseline':
      return `chose study ${decision.studyInstanceUid} as the RECIST baseline`
    case 'mark-nontarget-progression':
      return `judged the non-target lesions unequivocally progressed at study ${decision.studyInstanceUid}`
    case 'separate-timepoint':
      return `read study ${decision.studyInstanceUid} as a RECIST timepoint of its own`
    case 'choose-target':
      return `chose the lesion of bookmark ${decision.lesionId} as a RECIST target`
    case 'drop-target':
      return `took the lesion of bookmark ${decision.lesionId} off the RECIST targets`
    case 'mark-node':
      return `marked the lesion of bookmark ${decision.lesionId} as a lymph node`
    case 'mark-gone':
      return `recorded the lesion of bookmark ${decision.lesionId} as gone at study ${decision.studyInstanceUid}`
    case 'measure':
      return `measured a lesion (bookmark ${decision.bookmarkId}) on slice ${decision.sliceIndex + 1} of series ${decision.seriesInstanceUid} in study ${decision.studyInstanceUid}`
    case 'set-type':
      return `gave bookmark ${decision.bookmarkId} the lesion type ${LESION_TYPE_NAMES[decision.lesionType]}`
  }
}

/**
 * Stores a decision (replacing an earlier one of the same identity) with its audit entry, in one
 * transaction: if either write fails, neither happens.
 */
export async function addDecision(
  db: LesionTrackDatabase,
  patientId: string,
  decision: TrackDecision,
  now: Date = new Date(),
): Promise<StoredDecision> {
  const [stored] = await addDecisions(db, patientId, [decision], now)
  return stored
}

/**
 * Stores decisions made by one action (a measurement and its link to a track) with their audit
 * entries in one transaction: all of them, or none.
 */
export async function addDecisions(
  db: LesionTrackDatabase,
  patientId: string,
  decisions: readonly TrackDecision[],
  now: Date = new Date(),
): Promise<StoredDecision[]> {
  return db.transaction('rw', [db.decisions, db.auditLog], async () => {
    const saved: StoredDecision[] = []
    for (const [n, decision] of decisions.entries()) {
      // A millisecond apart: decisions are read back oldest first, so they keep this order.
      const at = new Date(now.getTime() + n).toISOString()
      const stored: StoredDecision = { patientId, key: decisionKey(decision), decision, at }
      const replaced = await db.decisions.get([patientId, stored.key])
      const detail = describeDecision(decision)
      await db.auditLog.add({
        at,
        patientId,
        action: 'decision-added',
        detail: replaced ? `${detail} (replacing: ${describeDecision(replaced.decision)})` : detail,
      })
      await db.decisions.put(stored)
      saved.push(stored)
    }
    return saved
  })
}

/** The bookmark ids a decision names. */
function bookmarkIdsOf(decision: TrackDecision): string[] {
  switch (decision.kind) {
    case 'confirm-link':
    case 'reject-link':
      return [decision.lesionIdA, decision.lesionIdB]
    case 'measure':
    case 'set-type':
      return [decision.bookmarkId]
    case 'choose-baseline':
    case 'separate-timepoint':
    case 'mark-nontarget-progression':
      return []
    default:
      return [decision.lesionId]
  }
}

/**
 * Removes a decision (Undo) with its audit entry in one transaction; undoing a measurement also
 * removes the decisions about the lesion it measured, which name a bookmark that is gone with it.
 * False when the decision was not there.
 */
export async function removeDecision(
  db: LesionTrackDatabase,
  patientId: string,
  key: string,
  now: Date = new Date(),
): Promise<boolean> {
  return db.transaction('rw', [db.decisions, db.auditLog], async () => {
    const existing = await db.decisions.get([patientId, key])
    if (!existing) return false
    const removed = [existing]
    if (existing.decision.kind === 'measure') {
      const { bookmarkId } = existing.decision
      const all = await db.decisions.where('patientId').equals(patientId).toArray()
      removed.push(
        ...all.filter((d) => d.key !== key && bookmarkIdsOf(d.decision).includes(bookmarkId)),
      )
    }
    for (const stored of removed) {
      await db.auditLog.add({
        at: now.toISOString(),
        patientId,
        action: 'decision-removed',
        detail: `undid: ${describeDecision(stored.decision)}`,
      })
      await db.decisions.delete([patientId, stored.key])
    }
    return true
  })
}

/** The patient's decisions, oldest first (the order the matcher applies them in). */
export async function readDecisions(
  db: LesionTrackDatabase,
  patientId: string,
): Promise<StoredDecision[]> {
  const list = await db.decisions.where('patientId').equals(patientId).toArray()
  return list.sort((x, y) => x.at.localeCompare(y.at) || x.key.localeCompare(y.key))
}

/** Replaces the stored tracks of one patient (after a re-match), leaving the records alone. */
export async function saveTracks(db: LesionTrackDatabase, tracks: PatientTracks): Promise<void> {
  await db.tracks.put(tracks)
}
