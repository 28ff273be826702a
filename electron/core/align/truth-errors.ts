/**
 * How far the image alignment is from a known truth (synthetic data, where every study's table
 * shift is known): errors of the translations given, and how many studies were refused.
 */
import type { Vec3 } from '../geometry/frames'
import type { PatientImageAlignment } from './align-study-images'

export interface ErrorSummary {
  median: number
  p90: number
  max: number
}

export interface ImageAlignmentFigures {
  /** Studies other than their patient's reference whose truth is known. */
  studies: number
  aligned: number
  refused: number
  /** Errors of the aligned studies (mm): whole vector, along the body (z) and in-plane (x, y). */
  errorMm: ErrorSummary
  errorZMm: ErrorSummary
  errorXyMm: ErrorSummary
}

/** Linear interpolation between order statistics (NaN for no values). */
function quantile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN
  const position = p * (sorted.length - 1)
  const low = Math.floor(position)
  const high = Math.min(sorted.length - 1, low + 1)
  return sorted[low] + (sorted[high] - sorted[low]) * (position - low)
}

function summary(values: number[]): ErrorSummary {
  const sorted = [...values].sort((a, b) => a - b)
  return { median: quantile(sorted, 0.5), p90: quantile(sorted, 0.9), max: quantile(sorted, 1) }
}

/**
 * Scores `alignments` against the true table shifts (scannerLps = bodyMm + tableShiftMm, by study
 * id): study s placed onto reference r is exactly right when its translation is
 * tableShift(r) − tableShift(s).
 */
export function imageAlignmentFigures(
  alignments: Iterable<PatientImageAlignment>,
  tableShiftOf: ReadonlyMap<string, Vec3>,
): ImageAlignmentFigures {
  const errors: number[] = []
  const errorsZ: number[] = []
  const errorsXy: number[] = []
  let studies = 0
  let refused = 0
  for (const alignment of alignments) {
    const reference = alignment.referenceStudyId && tableShiftOf.get(alignment.referenceStudyId)
    for (const study of alignment.studies) {
      const own = tableShiftOf.get(study.studyId)
      if (!reference || !own || study.studyId === alignment.referenceStudyId) continue
      studies++
      if (!study.translationMm) {
        refused++
        continue
      }
      const e = study.translationMm.map((t, d) => t - (reference[d] - own[d]))
      errors.push(Math.hypot(e[0], e[1], e[2]))
      errorsZ.push(Math.abs(e[2]))
      errorsXy.push(Math.hypot(e[0], e[1]))
    }
  }
  return {
    studies,
    aligned: studies - refused,
    refused,
    errorMm: summary(errors),
    errorZMm: summary(errorsZ),
    errorXyMm: summary(errorsXy),
  }
}
