/**
 * Tissue classes of the synthetic body and their Hounsfield units in one study. Structures name a
 * tissue, not a number, so the same anatomy renders differently with and without IV contrast.
 */
import type { Rng } from '../prng'

export type Tissue =
  | 'air'
  | 'subcutaneousFat'
  | 'visceralFat'
  | 'muscle'
  | 'lung'
  | 'arterialBlood'
  | 'venousBlood'
  | 'myocardium'
  | 'liver'
  | 'spleen'
  | 'kidneyCortex'
  | 'kidneyMedulla'
  | 'pancreas'
  | 'softTissue'
  | 'bowelWall'
  | 'fluid'
  | 'bile'
  | 'urine'
  | 'oralContrast'
  | 'cartilage'
  | 'csf'
  | 'corticalBone'
  | 'cancellousBone'
  | 'tableShell'
  | 'tableFoam'

export type TissueTable = Record<Tissue, number>

export type ContrastPhase = 'portal-venous' | 'non-contrast'

/**
 * HU of each tissue for one study. Values sit inside published CT ranges; the liver stays in
 * 40–70 HU so both phases look like a routine staging CT, and a few HU of per-study jitter mimic
 * scanner calibration and contrast timing.
 */
export function tissueTable(phase: ContrastPhase, rng: Rng): TissueTable {
  const jitter = (sd: number) => rng.normal(0, sd)
  const enhanced = phase === 'portal-venous'
  return {
    air: -1000,
    subcutaneousFat: -105 + jitter(4),
    // Kept apart from subcutaneous fat so painters can target the abdominal cavity by value.
    visceralFat: -92 + jitter(3),
    muscle: 48 + jitter(3),
    lung: -855 + jitter(12),
    arterialBlood: enhanced ? 165 + jitter(15) : 42 + jitter(3),
    venousBlood: enhanced ? 145 + jitter(12) : 40 + jitter(3),
    myocardium: enhanced ? 95 + jitter(8) : 45 + jitter(3),
    liver: enhanced ? 64 + jitter(3) : 52 + jitter(3),
    spleen: enhanced ? 70 + jitter(4) : 47 + jitter(3),
    kidneyCortex: enhanced ? 175 + jitter(12) : 35 + jitter(3),
    kidneyMedulla: enhanced ? 120 + jitter(10) : 32 + jitter(3),
    pancreas: enhanced ? 80 + jitter(5) : 42 + jitter(3),
    softTissue: 45 + jitter(3),
    bowelWall: enhanced ? 70 + jitter(5) : 40 + jitter(3),
    fluid: 12 + jitter(3),
    bile: 8 + jitter(2),
    urine: 6 + jitter(2),
    oralContrast: 260 + jitter(30),
    cartilage: 110 + jitter(8),
    csf: 12 + jitter(2),
    corticalBone: 820 + jitter(40),
    cancellousBone: 240 + jitter(20),
    tableShell: 180 + jitter(10),
    tableFoam: -880 + jitter(10),
  }
}
