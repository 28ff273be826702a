/**
 * The demo patient the app opens when nothing else is loaded: one patient, three studies, five
 * lesions that show what tracking is for — one growing, one shrinking, one new at the second
 * follow-up, and two mediastinal nodes side by side. Small (256×256, 5 mm) so it builds in seconds.
 */
import type { LesionSpec } from './lesions/plan'
import { synthesize } from './synthesize'

export const DEMO_SEED = 20240601

const DEMO_LESIONS: LesionSpec[] = [
  { type: 4, trend: 'growing', onsetStudy: 0, vanishStudy: 3, longAxisMm: 28 },
  { type: 5, trend: 'shrinking', onsetStudy: 0, vanishStudy: 3, longAxisMm: 24 },
  { type: 3, trend: 'stable', onsetStudy: 0, vanishStudy: 3, longAxisMm: 20 },
  { type: 3, trend: 'growing', onsetStudy: 0, vanishStudy: 3, longAxisMm: 16, nextTo: 2 },
  { type: 2, trend: 'stable', onsetStudy: 2, vanishStudy: 3, longAxisMm: 18 },
]

/** Writes the demo patient (DICOM CT + SR, and truth.json) into `outDir`. */
export async function generateDemo(outDir: string): Promise<void> {
  await synthesize({
    patients: 1,
    seed: DEMO_SEED,
    out: outDir,
    format: 'dicom',
    studies: 3,
    matrix: 256,
    sliceMm: 5,
    region: 'chest-abdomen-pelvis',
    lesionSpecs: DEMO_LESIONS,
    bookmarkProbability: 1,
  })
}
