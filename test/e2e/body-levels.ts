/**
 * Body levels of the demo's studies from the generator's truth: where along the body a study view
 * is, and how closely the matcher's alignment must bring two studies to one level.
 */
import type { TruthStudy } from '../../electron/core/synth/truth'
import type { AppPage } from './app-page'

/** The matcher's image alignment is good to about 2 mm on the demo; more would be a wrong level. */
export const ALIGNMENT_TOLERANCE_MM = 3

/** Body level (mm along the body) of a study's scanner z: the generator's table shift undone. */
export function bodyLevelMm(study: TruthStudy, zMm: number): number {
  return zMm - study.tableShiftMm[2]
}

/** The body level (mm) of the slice a study view shows. */
export async function viewBodyLevelMm(app: AppPage, study: TruthStudy): Promise<number> {
  return bodyLevelMm(study, (await app.slicePlace(study.studyInstanceUid)).zMm)
}

/** How far (mm) a view's level may be from a level it was brought to: half a slice + alignment. */
export function levelToleranceMm(study: TruthStudy): number {
  return study.sliceSpacingMm / 2 + ALIGNMENT_TOLERANCE_MM
}
