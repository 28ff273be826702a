/**
 * Where the studies without bookmarks sit in the patient frame: no lesion can place them, only a
 * prior (image registration) can, carried into the frame of the matcher's transforms through the
 * placed study nearest in time, so that every study of a patient links to the same body level.
 */
import type { Vec3 } from '../geometry/frames'
import { nearestInOrder } from '../model/nearest-in-order'
import type { StudyRef } from './validate'
import type { StudyTransform } from './types'

/**
 * Transforms for the `studies` the matcher did not place that have a prior translation
 * (patientFrameMm = scannerMm + t, in the prior's own frame). Without any placed study, the
 * first study with a prior defines the frame.
 */
export function priorOnlyTransforms(
  placed: readonly StudyTransform[],
  studies: readonly StudyRef[] = [],
  priors: ReadonlyMap<string, Vec3> = new Map(),
  source = 'prior',
): StudyTransform[] {
  const placedIds = new Set(placed.map((t) => t.studyId))
  const anchors = placed.filter((t) => priors.has(t.studyId))
  const firstWithPrior = studies.find((s) => priors.has(s.studyId))
  return studies
    .filter((s) => !placedIds.has(s.studyId) && priors.has(s.studyId))
    .map((study): StudyTransform => {
      const prior = priors.get(study.studyId) as Vec3
      // The anchor's place in both frames turns the prior's frame into the matcher's.
      const anchor = nearestInOrder(anchors, (t) => t.studyOrder, study.studyOrder)
      const anchorPrior = priors.get(anchor?.studyId ?? firstWithPrior!.studyId) as Vec3
      const anchorMm: Vec3 = anchor?.translationMm ?? [0, 0, 0]
      return {
        studyId: study.studyId,
        studyOrder: study.studyOrder,
        translationMm: [0, 1, 2].map((d) => prior[d] - anchorPrior[d] + anchorMm[d]) as Vec3,
        confidence: 0,
        supportingLesions: 0,
        source,
      }
    })
}
