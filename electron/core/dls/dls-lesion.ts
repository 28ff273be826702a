/**
 * A DLS lesion as the matcher sees it: centre and axes in millimetres in the scanner frame of
 * its series — x, y measured from the image centre (pixel − 255.5, times the in-plane spacing);
 * z = key slice index × slice spacing.
 */
import type { MatchLesion } from '../match/types'
import type { DlsLesion } from './dls-split'

/**
 * Centre of a DeepLesion slice in 0-based pixel coordinates: the slices are 512 × 512 (DLS splits
 * do not state the size). CT reconstructs around the scanner's axis, so millimetres from the image
 * centre are comparable between studies whatever their field of view; millimetres from the
 * corner are not — two studies at 0.59 and 0.70 mm pixels put the image centre 28 mm apart, and
 * 752 of the 852 directed pairs of valid.json that join two studies differ in pixel spacing.
 */
const IMAGE_CENTRE_PX = 255.5

/** DLS study id: patient and study number (`PPPPPP_SS`); all its series share one frame. */
export function dlsStudyId(lesion: DlsLesion): string {
  return `${lesion.patientId}_${String(lesion.studyIndex).padStart(2, '0')}`
}

/** The matcher's view of a DLS lesion; no type (DLS has none) and no embedding (no images). */
export function matchLesionFromDls(lesion: DlsLesion): MatchLesion {
  const [x1, y1, x2, y2, u1, v1, u2, v2] = lesion.recistPx
  const [sx, sy, sz] = lesion.spacingMm
  return {
    lesionId: lesion.key,
    patientId: lesion.patientId,
    studyId: dlsStudyId(lesion),
    studyOrder: lesion.studyIndex,
    seriesId: `${dlsStudyId(lesion)}_${String(lesion.seriesIndex).padStart(2, '0')}`,
    positionInScannerMm: [
      ((x1 + x2) / 2 - IMAGE_CENTRE_PX) * sx,
      ((y1 + y2) / 2 - IMAGE_CENTRE_PX) * sy,
      lesion.sliceIndex * sz,
    ],
    longAxisMm: Math.hypot((x2 - x1) * sx, (y2 - y1) * sy),
    shortAxisMm: Math.hypot((u2 - u1) * sx, (v2 - v1) * sy),
    lesionType: -1,
  }
}
