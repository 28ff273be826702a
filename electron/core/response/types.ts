/**
 * The records of a RECIST 1.1 tumour response reading: tracked lesions with their diameters per
 * timepoint in, chosen target lesions and one category per follow-up (with its rule) out.
 */

/** RECIST 1.1 timepoint categories; 'baseline' for the first timepoint. */
export type RecistCategory = 'baseline' | 'CR' | 'PR' | 'SD' | 'PD' | 'NE'

/** One lesion's diameters at one timepoint (mm, as bookmarked on the key slice). */
export interface RecistMeasurement {
  longAxisMm: number
  /** Null when only the long axis was measured; a node is never read from such a measurement. */
  shortAxisMm: number | null
}

/** One tracked lesion, measured at some of the patient's timepoints. */
export interface RecistLesion {
  trackId: string
  /** What a reader calls it, e.g. 'Lesion 3'. */
  label: string
  /** Organ for the two-per-organ rule, e.g. 'liver'; '' when unknown. */
  organ: string
  /** Lymph node: measured by its short axis, measurable from 15 mm, normal under 10 mm. */
  nodal: boolean
  /**
   * Measurement at each timepoint (index as in the timepoint list); undefined where the lesion was
   * not bookmarked, 'disappeared' where a reader recorded that it is gone.
   */
  measurements: (RecistMeasurement | 'disappeared' | undefined)[]
}

/** One assessment of the patient, in time order (the first is the baseline): the studies of one visit. */
export interface RecistTimepoint {
  /** The first study of the timepoint. */
  studyId: string
  /**
   * Every study the timepoint reads, studyId first: the studies of one visit are one assessment
   * (a chest CT and an abdomen CT a few days apart; see service/response-timepoints.ts).
   */
  studyIds: string[]
  /** What a reader calls it, e.g. the study date. */
  label: string
  /** YYYY-MM-DD, for the intervals of the best overall response; absent or '' when unknown. */
  date?: string
  /** The reader judged the non-target lesions unequivocally progressed here (PD). */
  nonTargetProgression?: boolean
}

/** The reader's changes to the automatic choice of targets, by track id. */
export interface RecistTargetChoices {
  chosen: ReadonlySet<string>
  dropped: ReadonlySet<string>
}

export interface RecistTarget {
  trackId: string
  label: string
  /** 'rule': chosen by size under the RECIST limits; 'reader': chosen by the reader. */
  chosenBy: 'rule' | 'reader'
  /** Which diameter is summed: the short axis for lymph nodes, the long axis otherwise. */
  axis: 'long' | 'short'
  baselineMm: number
}

export interface RecistNonTarget {
  trackId: string
  label: string
  /** Why it is not a target, e.g. 'long axis 8 mm < 10 mm (not measurable)'. */
  reason: string
}

export interface RecistTimepointResult {
  /** The first study of the timepoint. */
  studyId: string
  /** Every study the timepoint reads, studyId first. */
  studyIds: string[]
  label: string
  /** Sum of the target diameters measured here (mm); null when no target was measured. */
  sumMm: number | null
  /** Targets measured here (disappeared ones count, at 0 mm). */
  measuredTargets: number
  /** Track ids of the targets not measured here (none at baseline). */
  notMeasured: string[]
  /**
   * Track ids of the non-target lesions that keep every target being gone from a complete
   * response here: still there, or not assessed. Empty unless every target is gone.
   */
  nonTargetsOpen: string[]
  /** (sum − baseline sum) / baseline sum; null when the sum is incomplete. */
  changeFromBaseline: number | null
  /** Smallest complete sum before this timepoint (baseline included); null at baseline. */
  nadirMm: number | null
  /** Labels of lesions first seen at this timepoint (not at baseline). */
  newLesions: string[]
  category: RecistCategory
  /** The rule that produced the category, with the numbers it compared. */
  rule: string
}

export interface RecistAssessment {
  targets: RecistTarget[]
  nonTargets: RecistNonTarget[]
  timepoints: RecistTimepointResult[]
  /** Best overall response over the timepoints, with the rule that gave it. */
  best: { category: Exclude<RecistCategory, 'baseline'>; rule: string }
  /** What the reading could not take into account, phrased for the reader. */
  notes: string[]
}
