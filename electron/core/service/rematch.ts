/**
 * What re-matching a patient under the user's decisions needs, handed back by the worker with
 * each import (lesions with embeddings, study refs, image priors, the matcher), and the re-match.
 */
import type { PatientTracks } from '../../api/tracks'
import type { Vec3 } from '../geometry/frames'
import { IMAGE_REGISTRATION_SOURCE, imagePriorTranslations } from '../align'
import type { PatientImageAlignment } from '../align'
import type { ImportResult } from '../import/result'
import { matchPatient } from '../match/match-patient'
import type { MatcherModel } from '../match/model'
import type { TrackDecision } from '../../api/tracks'
import type { MatchLesion } from '../match/types'
import type { StudyRef } from '../match/validate'
import { matcherDecisions } from './patient-response'
import { toPatientTracks, type TrackProvenance } from './patient-tracks'

/** One patient's matcher input, as the import's tracking step computed it. */
export interface PatientMatchInputs {
  patientId: string
  /** The matcher's records of the patient's bookmarks, with their embeddings when computed. */
  lesions: MatchLesion[]
  /** Every study of the patient, with or without bookmarks. */
  studies: StudyRef[]
  /** Image registration of the patient's studies, by study id (patientFrameMm = scannerMm + t). */
  priorTranslations: Map<string, Vec3>
}

/** Everything an import's patients can be re-matched with, without the volumes or the embedder. */
export interface MatchInputs {
  model: MatcherModel
  provenance: TrackProvenance
  patients: PatientMatchInputs[]
}

/** Splits an import's tracking inputs by patient (every patient of `result`, even without lesions). */
export function matchInputsOf(
  result: ImportResult,
  lesions: readonly MatchLesion[],
  imageAlignment: ReadonlyMap<string, PatientImageAlignment>,
  model: MatcherModel,
  provenance: TrackProvenance,
): MatchInputs {
  const priors = imagePriorTranslations(imageAlignment.values())
  const patients = result.patients.map(({ patientId }): PatientMatchInputs => {
    const studies = result.studies
      .filter((s) => s.patientId === patientId)
      .map((s) => ({ studyId: s.studyInstanceUid, studyOrder: s.studyIndex }))
    const studyIds = new Set(studies.map((s) => s.studyId))
    return {
      patientId,
      lesions: lesions.filter((l) => l.patientId === patientId),
      studies,
      priorTranslations: new Map([...priors].filter(([studyId]) => studyIds.has(studyId))),
    }
  })
  return { model, provenance, patients }
}

/**
 * Matches one patient again under `decisions` (milliseconds: no images are read). Decisions that
 * name bookmarks the patient does not have come back as issues of the record, not as errors.
 */
export function rematchPatient(
  inputs: MatchInputs,
  patient: PatientMatchInputs,
  decisions: readonly TrackDecision[],
  result: ImportResult,
): PatientTracks {
  const match = matchPatient(patient.patientId, patient.lesions, inputs.model, {
    decisions: matcherDecisions(decisions),
    studies: patient.studies,
    alignment: {
      priorTranslations: patient.priorTranslations,
      priorSource: IMAGE_REGISTRATION_SOURCE,
    },
  })
  return toPatientTracks(match, result.bookmarks, result.studies, inputs.provenance, decisions)
}
