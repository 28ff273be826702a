/**
 * Turns the matcher's output for one patient into the PatientTracks record the API serves:
 * tracks numbered by first appearance, sizes from the bookmarks, plain strings for every reason.
 */
import type {
  PatientTracks,
  TrackDecision,
  TrackEmbedderRecord,
  TrackRecord,
  TrackTimepoint,
} from '../../api/tracks'
import type { PatientMatch, Track } from '../match/types'
import type { Bookmark, LesionType, Study } from '../model/types'
import { DEFAULT_RESPONSE_PROTOCOL, type ResponseProtocol } from '../response/protocol'
import { isResponseDecision, patientResponse } from './patient-response'

/** What the tracks were computed with, the same for every patient of one import. */
export interface TrackProvenance {
  matcher: string
  embedder: TrackEmbedderRecord | null
}

/** The most common labelled type among the bookmarks; -1 when none is labelled. */
function majorityType(bookmarks: readonly Bookmark[]): LesionType {
  const counts = new Map<LesionType, number>()
  for (const b of bookmarks) {
    if (b.lesionType !== -1) counts.set(b.lesionType, (counts.get(b.lesionType) ?? 0) + 1)
  }
  let best: LesionType = -1
  for (const [type, count] of counts) if (count > (counts.get(best) ?? 0)) best = type
  return best
}

/** Kept link probabilities by unordered bookmark pair. */
function keptProbabilities(match: PatientMatch): Map<string, number> {
  const byPair = new Map<string, number>()
  for (const link of match.links) {
    if (!link.kept) continue
    byPair.set(`${link.lesionIdA}|${link.lesionIdB}`, link.probability)
    byPair.set(`${link.lesionIdB}|${link.lesionIdA}`, link.probability)
  }
  return byPair
}

function timepointsOf(
  track: Track,
  bookmarkOf: ReadonlyMap<string, Bookmark>,
  probabilityOf: ReadonlyMap<string, number>,
): TrackTimepoint[] {
  const timepoints: TrackTimepoint[] = []
  let previous: Bookmark | undefined
  for (const id of track.lesionIds) {
    const bookmark = bookmarkOf.get(id)
    if (!bookmark) continue
    timepoints.push({
      studyInstanceUid: bookmark.studyInstanceUid,
      bookmarkId: bookmark.bookmarkId,
      longAxisMm: bookmark.longAxisMm,
      shortAxisMm: bookmark.shortAxisMm,
      probabilityFromPrevious: previous
        ? (probabilityOf.get(`${previous.bookmarkId}|${id}`) ?? null)
        : null,
    })
    previous = bookmark
  }
  return timepoints
}

/** The last confirm or reject of each unordered bookmark pair (the matcher keeps the last too). */
function linkDecisions(decisions: readonly TrackDecision[]): Map<string, 'confirmed' | 'rejected'> {
  const byPair = new Map<string, 'confirmed' | 'rejected'>()
  for (const d of decisions) {
    if (d.kind !== 'confirm-link' && d.kind !== 'reject-link') continue
    const verdict = d.kind === 'confirm-link' ? 'confirmed' : 'rejected'
    byPair.set(`${d.lesionIdA}|${d.lesionIdB}`, verdict)
    byPair.set(`${d.lesionIdB}|${d.lesionIdA}`, verdict)
  }
  return byPair
}

/**
 * The API record of one patient's match under `decisions` (the matcher's and the reader's). `bookmarks` and `studies` may hold
 * other patients too; only those the match names are read.
 */
export function toPatientTracks(
  match: PatientMatch,
  bookmarks: readonly Bookmark[],
  studies: readonly Study[],
  provenance: TrackProvenance,
  decisions: readonly TrackDecision[] = [],
  protocol: ResponseProtocol = DEFAULT_RESPONSE_PROTOCOL,
): PatientTracks {
  const userDecisionOf = linkDecisions(decisions)
  const bookmarkOf = new Map(bookmarks.map((b) => [b.bookmarkId, b]))
  const studyOrder = new Map(studies.map((s) => [s.studyInstanceUid, s.studyIndex]))
  const probabilityOf = keptProbabilities(match)
  const firstStudyOrder = (track: Track) =>
    Math.min(...track.studyIds.map((id) => studyOrder.get(id) ?? Number.POSITIVE_INFINITY))
  // Stable sort: tracks that appear in the same study keep the matcher's order.
  const ordered = [...match.tracks].sort((x, y) => firstStudyOrder(x) - firstStudyOrder(y))
  const tracks = ordered.map((track, index): TrackRecord => ({
    trackId: track.trackId,
    label: `Lesion ${index + 1}`,
    lesionType: majorityType(track.lesionIds.flatMap((id) => bookmarkOf.get(id) ?? [])),
    timepoints: timepointsOf(track, bookmarkOf, probabilityOf),
    explanation: track.explanation,
  }))
  return {
    patientId: match.patientId,
    tracks,
    links: match.links.map((link) => ({
      a: link.lesionIdA,
      b: link.lesionIdB,
      probability: link.probability,
      kept: link.kept,
      decision: link.decision,
      userDecision: userDecisionOf.get(`${link.lesionIdA}|${link.lesionIdB}`) ?? null,
      explanation: link.explanation,
    })),
    transforms: match.transforms.map((t) => ({
      studyInstanceUid: t.studyId,
      translationMm: [t.translationMm[0], t.translationMm[1], t.translationMm[2]],
      confidence: t.confidence,
      source: t.source,
      supportingLesions: t.supportingLesions,
    })),
    response: patientResponse(
      match.patientId,
      tracks,
      studies,
      decisions.filter(isResponseDecision),
      protocol,
    ),
    embedder: provenance.embedder,
    matcher: provenance.matcher,
    issues: match.issues.map((issue) => ({
      code: issue.code,
      severity: issue.severity,
      subject: issue.subject,
      message: issue.message,
      hint: issue.hint,
    })),
  }
}

/** The record of a patient the matcher had nothing to match for (no bookmarks). */
export function emptyPatientTracks(patientId: string, provenance: TrackProvenance): PatientTracks {
  return {
    patientId,
    tracks: [],
    links: [],
    transforms: [],
    response: null,
    embedder: provenance.embedder,
    matcher: provenance.matcher,
    issues: [],
  }
}

/**
 * The record with its RECIST reading made again under `protocol` (the tracks stay as they are):
 * tracks are matched once per load, while the protocol is a setting that may change after.
 */
export function readUnderProtocol(
  tracks: PatientTracks,
  studies: readonly Study[],
  decisions: readonly TrackDecision[],
  protocol: ResponseProtocol,
): PatientTracks {
  if (tracks.response === null) return tracks
  const responseDecisions = decisions.filter(isResponseDecision)
  return {
    ...tracks,
    response: patientResponse(
      tracks.patientId,
      tracks.tracks,
      studies,
      responseDecisions,
      protocol,
    ),
  }
}
