/**
 * The RECIST 1.1 reading of one patient's tracks: each study of the patient is a timepoint (by
 * date), each track a lesion with its bookmarked diameters per study, its type as the organ.
 */
import type { TrackRecord } from '../../api/tracks'
import { LESION_TYPE_NAMES, type Study } from '../model/types'
import { assessRecist } from '../response/recist-response'
import type { RecistAssessment, RecistLesion, RecistMeasurement } from '../response/types'

/** Said with every reading: the bookmarks carry no lymph-node flag, so none is read as one. */
export const NODES_NOT_MARKED =
  'The bookmarks do not mark lymph nodes: every lesion is measured by its long axis.'

/** The measurement of a track in one study: its largest bookmark there (duplicates agree). */
function measurementIn(track: TrackRecord, studyUid: string): RecistMeasurement | undefined {
  let best: RecistMeasurement | undefined
  for (const t of track.timepoints) {
    if (t.studyInstanceUid !== studyUid) continue
    if (!best || t.longAxisMm > best.longAxisMm) {
      best = { longAxisMm: t.longAxisMm, shortAxisMm: t.shortAxisMm }
    }
  }
  return best
}

/** Reads the response of `patientId` from its tracks; `studies` may hold other patients too. */
export function patientResponse(
  patientId: string,
  tracks: readonly TrackRecord[],
  studies: readonly Study[],
): RecistAssessment {
  const timepoints = studies
    .filter((s) => s.patientId === patientId)
    .sort((a, b) => a.studyIndex - b.studyIndex)
  const lesions = tracks.map((track): RecistLesion => ({
    trackId: track.trackId,
    label: track.label,
    organ: track.lesionType === -1 ? '' : LESION_TYPE_NAMES[track.lesionType],
    nodal: false,
    measurements: timepoints.map((s) => measurementIn(track, s.studyInstanceUid)),
  }))
  const assessment = assessRecist(
    timepoints.map((s) => ({
      studyId: s.studyInstanceUid,
      label: s.studyDate || `study ${s.studyIndex}`,
    })),
    lesions,
  )
  return { ...assessment, notes: [NODES_NOT_MARKED, ...assessment.notes] }
}
