/**
 * The RECIST 1.1 reading a synthetic patient's true lesions give (each study a timepoint, each
 * lesion its largest bookmark there), under a reader's choices: what the app's reading must equal.
 * (Synthetic patients have one study per date.)
 */
import { LESION_TYPE_NAMES } from '../../../electron/core/model/types'
import { assessRecist } from '../../../electron/core/response/recist-response'
import type { RecistAssessment, RecistLesion } from '../../../electron/core/response/types'
import type { TruthPatient } from '../../../electron/core/synth/truth'

export interface TrueChoices {
  /** True lesion ids the reader dropped from the targets, and marked as lymph nodes. */
  dropped?: string[]
  nodes?: string[]
  /** The study the reader made the baseline: earlier studies are not read. */
  baseline?: string
  /** The study where the reader judged the non-target lesions unequivocally progressed. */
  nonTargetProgression?: string
}

export function trueReading(truth: TruthPatient, choices: TrueChoices = {}): RecistAssessment {
  const ordered = [...truth.studies].sort((a, b) => a.studyIndex - b.studyIndex)
  const first = ordered.findIndex((s) => s.studyInstanceUid === choices.baseline)
  const studies = ordered.slice(Math.max(0, first))
  const lesions = truth.lesions.map((lesion): RecistLesion => {
    const marks = truth.bookmarks.filter((b) => b.lesionId === lesion.lesionId)
    return {
      trackId: lesion.lesionId,
      label: lesion.lesionId,
      organ: marks.length > 0 ? LESION_TYPE_NAMES[marks[0].type] : '',
      nodal: choices.nodes?.includes(lesion.lesionId) ?? false,
      measurements: studies.map((s) => {
        const here = marks.filter((b) => b.studyInstanceUid === s.studyInstanceUid)
        if (here.length === 0) return undefined
        const largest = here.reduce((x, y) => (y.longAxisMm > x.longAxisMm ? y : x))
        return { longAxisMm: largest.longAxisMm, shortAxisMm: largest.shortAxisMm }
      }),
    }
  })
  return assessRecist(
    studies.map((s) => ({
      studyId: s.studyInstanceUid,
      studyIds: [s.studyInstanceUid],
      label: s.studyDate,
      date: s.studyDate,
      nonTargetProgression: s.studyInstanceUid === choices.nonTargetProgression,
    })),
    lesions,
    { chosen: new Set(), dropped: new Set(choices.dropped) },
  )
}
