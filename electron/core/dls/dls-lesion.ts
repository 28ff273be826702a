/**
 * A DLS lesion as the matcher sees it: centre and axes in millimetres in the scanner frame of
 * its series (x, y = pixel × in-plane spacing; z = key slice index × slice spacing).
 */
import type { MatchLesion } from '../match/types'
import type { DlsLesion } from './dls-split'

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
    positionInScannerMm: [((x1 + x2) / 2) * sx, ((y1 + y2) / 2) * sy, lesion.sliceIndex * sz],
    longAxisMm: Math.hypot((x2 - x1) * sx, (y2 - y1) * sy),
    shortAxisMm: Math.hypot((u2 - u1) * sx, (v2 - v1) * sy),
    lesionType: -1,
  }
}
