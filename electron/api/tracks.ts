/**
 * The lesion tracks of one patient as the renderer receives them (getTracks): plain, serialisable
 * records built from the matcher's output, with every length in mm and every frame named.
 */
import type { Vec3 } from '../core/geometry/frames'
import type { UserDecision } from '../core/match/types'
import type { LesionType } from '../core/model/types'
import type { RecistAssessment } from '../core/response/types'
import type { MeasureDecision } from './measurements'
import type { TypeDecision } from './reader-types'

// The renderer reads the response records through the API, never from core.
export type { RecistAssessment, RecistCategory } from '../core/response/types'
export {
  DEFAULT_RESPONSE_PROTOCOL,
  RESPONSE_PROTOCOL_LIMITS,
  type ResponseProtocol,
} from '../core/response/protocol'

/**
 * A reader's choice for the RECIST reading, naming the lesion by a bookmark of its track (so it
 * follows the lesion through re-matching): make it a target (choose-target) or not (drop-target),
 * read it as a lymph node (mark-node), or record it gone at a study where it has no bookmark; or
 * read from a later study on (choose-baseline: the scan before treatment started, when older
 * scans were imported too); or read a study as a timepoint of its own although it lies within
 * days of the one before (separate-timepoint); or judge the non-target lesions unequivocally progressed at a study
 * (mark-nontarget-progression: PD by the reader's judgement, which RECIST 1.1 leaves to them).
 */
export type ResponseDecision =
  | { kind: 'choose-baseline'; studyInstanceUid: string }
  | { kind: 'separate-timepoint'; studyInstanceUid: string }
  | { kind: 'mark-nontarget-progression'; studyInstanceUid: string }
  | { kind: 'choose-target'; lesionId: string }
  | { kind: 'drop-target'; lesionId: string }
  | { kind: 'mark-node'; lesionId: string }
  | { kind: 'mark-gone'; lesionId: string; studyInstanceUid: string }

/**
 * A user's decision, stored and sent as one list: a correction of the tracks by bookmark ids (the
 * matcher's own type — this link is right, these two are not the same lesion, this bookmark
 * starts a new lesion), a choice for the response reading, a lesion the reader measured, or the
 * type the reader gave an imported bookmark.
 */
export type TrackDecision = UserDecision | ResponseDecision | MeasureDecision | TypeDecision

/** One bookmark of a track: the lesion as measured in one study. */
export interface TrackTimepoint {
  studyInstanceUid: string
  bookmarkId: string
  longAxisMm: number
  /** Null when only the long axis was measured. */
  shortAxisMm: number | null
  /** Probability of the link from the track's previous bookmark; null for its first one. */
  probabilityFromPrevious: number | null
}

/** One physical lesion followed across studies. */
export interface TrackRecord {
  trackId: string
  /** 'Lesion 1', 'Lesion 2' … numbered by first appearance, then by the matcher's order. */
  label: string
  /** The most common lesion type of its bookmarks (-1 when none is labelled). */
  lesionType: LesionType
  /** In study order; a study with two bookmarks of the lesion (duplicates) has two entries. */
  timepoints: TrackTimepoint[]
  /** One line saying why these bookmarks form one track. */
  explanation: string
}

/** A scored candidate link between two bookmarks of different studies. */
export interface TrackLinkRecord {
  /** Bookmark ids. */
  a: string
  b: string
  probability: number
  /** Whether the link joins both bookmarks in one track. */
  kept: boolean
  /** Why it was kept or dropped, e.g. 'kept', 'confirmed by user', 'rejected by user'. */
  decision: string
  /** The user's decision about this very link, when there is one (matchTracks). */
  userDecision: 'confirmed' | 'rejected' | null
  explanation: string
}

/** Where a study sits in the aligned patient frame: alignedMm = scannerLpsMm + translationMm. */
export interface StudyTransformRecord {
  studyInstanceUid: string
  translationMm: Vec3
  /** 0 (a guess) … 1 (many lesions agree). */
  confidence: number
  /** What placed it: 'bookmarks', 'prior' (left in its scanner frame), or the image registration. */
  source: string
  /**
   * Bookmarked lesions of this study that line up with a lesion of another study; null in tracks
   * an earlier version stored, which did not record it.
   */
  supportingLesions: number | null
}

/** What embedded the bookmarks; null in PatientTracks when they were matched without it. */
export interface TrackEmbedderRecord {
  modelVersion: string
  /** ONNX Runtime's name of the provider that ran it, e.g. 'cuda', 'webgpu', 'cpu'. */
  executionProvider: string
  /** Why a better provider was not used; absent when the first choice worked. */
  notice?: string
}

/** A problem found while matching, phrased so a user can act on it. */
export interface TrackIssueRecord {
  code: string
  severity: 'error' | 'warning'
  /** The bookmark, study or patient concerned. */
  subject: string
  message: string
  hint: string
}

/** Everything the Tracks panel shows for one patient. */
export interface PatientTracks {
  patientId: string
  /** Sorted by first appearance (earliest study first). */
  tracks: TrackRecord[]
  links: TrackLinkRecord[]
  transforms: StudyTransformRecord[]
  /** RECIST 1.1 reading of the tracks; null when there is nothing tracked. */
  response: RecistAssessment | null
  embedder: TrackEmbedderRecord | null
  /** The matcher that produced the tracks, e.g. 'lesiontrack-matcher 1.2.0'. */
  matcher: string
  issues: TrackIssueRecord[]
}
