/**
 * The records the matching engine takes and returns: plain lesions in, tracks, scored links and
 * per-study transforms out. No images and no app types here, so DLS, DICOM and tests share them.
 */
import type { Vec3 } from '../geometry/frames'
import type { LesionType } from '../model/types'

/** One bookmarked lesion as the matcher sees it. */
export interface MatchLesion {
  /** Stable id (a bookmark id, or a DLS lesion key); user decisions refer to it. */
  lesionId: string
  patientId: string
  studyId: string
  /**
   * Order of the study within its patient (by date, else by source index); larger is later. A
   * study index (1, 2, 3 …) counting every study of the patient, so that studies in between
   * with no bookmark count when judging how far apart two studies are.
   */
  studyOrder: number
  seriesId: string
  /**
   * Centre of the lesion (long-axis midpoint) in mm, in the scanner frame of its series: all
   * series of one study are taken to share that study's frame. Axes must agree between studies
   * (patient LPS for DICOM, pixel columns/rows and slice index for DeepLesion).
   */
  positionInScannerMm: Vec3
  longAxisMm: number
  /** Null when only the long axis was measured. */
  shortAxisMm: number | null
  lesionType: LesionType
  /** Unit-length lesion embedding, when the embedding network has run on this lesion. */
  embedding?: Float32Array
}

/** A user's decision; the matcher keeps every one of them on every run. */
export type UserDecision =
  | { kind: 'confirm-link'; lesionIdA: string; lesionIdB: string }
  | { kind: 'reject-link'; lesionIdA: string; lesionIdB: string }
  | { kind: 'mark-new'; lesionId: string }

/** Where one study sits in the patient frame: patientFrameMm = scannerMm + translationMm. */
export interface StudyTransform {
  studyId: string
  studyOrder: number
  /** Added to the study's scanner positions; the first study of the patient defines the frame. */
  translationMm: Vec3
  /** 0 (a guess: no lesion of this study corroborates the shift) … 1 (many lesions agree). */
  confidence: number
  /** Lesions of this study that found a counterpart in another study after alignment. */
  supportingLesions: number
  /** 'bookmarks' (consensus of the lesion points), 'prior' (no support) or the caller's source. */
  source: string
}

/** Everything the matcher measured about one pair of lesions in different studies. */
export interface PairEvidence {
  /** In-plane and through-plane distance after alignment (mm). */
  distanceXyMm: number
  distanceZMm: number
  /** Position tolerance used for this pair (mm), from the lesion sizes. */
  toleranceXyMm: number
  toleranceZMm: number
  /** Studies apart in the patient's order, studies without bookmarks included (1 = consecutive). */
  studyGap: number
  /** Long axis in the later study over the long axis in the earlier one. */
  longAxisRatio: number
  /** Cosine similarity of the embeddings, when both lesions have one. */
  embeddingSimilarity?: number
  /** true / false when both types are known, undefined otherwise. */
  typesAgree?: boolean
  /** Each lesion is the other's best candidate in the other's study. */
  mutualBest: boolean
}

/** A scored candidate link between two lesions of different studies. */
export interface MatchLink {
  lesionIdA: string
  lesionIdB: string
  /** Calibrated probability that both are the same lesion. */
  probability: number
  /** Whether the link joins the two lesions in one track. */
  kept: boolean
  /** Why it was kept or dropped, e.g. 'confirmed by user', 'below threshold 0.50'. */
  decision: string
  evidence: PairEvidence
  /** One line a reader can check, e.g. '11 mm apart after alignment, long axis 18 → 24 mm'. */
  explanation: string
}

/** One physical lesion followed over time. */
export interface Track {
  trackId: string
  patientId: string
  /** Lesion ids in study order (duplicates of one study are listed together). */
  lesionIds: string[]
  studyIds: string[]
  explanation: string
}

/** A problem with the input or the decisions, phrased so a user can act on it. */
export interface MatchIssue {
  code:
    | 'invalid-position'
    | 'invalid-size'
    | 'duplicate-bookmark'
    | 'single-study'
    | 'study-without-bookmarks'
    | 'unknown-lesion'
    | 'decision-conflict'
  severity: 'error' | 'warning'
  /** The lesion, study or patient concerned. */
  subject: string
  message: string
  hint: string
}

export interface PatientMatch {
  patientId: string
  tracks: Track[]
  links: MatchLink[]
  transforms: StudyTransform[]
  issues: MatchIssue[]
}
