/**
 * How far apart the same lesion may appear in two aligned studies, and how alike its size must
 * stay: the per-lesion tolerances every alignment and scoring step shares.
 */
import type { MatcherModel } from './model'

/** Position tolerance (one standard deviation, mm) of a lesion of this long axis. */
export function lesionToleranceMm(
  noise: MatcherModel['noise'],
  longAxisMm: number,
): { xyMm: number; zMm: number } {
  // Larger lesions have a less precise centre: the long-axis midpoint moves with the reader's
  // choice of axis, and the key slice can be anywhere the lesion is near its widest (through-plane).
  const xyMm = noise.xyBaseMm + noise.xyPerLongAxis * longAxisMm
  const zMm = Math.hypot(noise.zBaseMm, noise.zPerLongAxis * longAxisMm)
  return { xyMm, zMm }
}

/**
 * How well two positions agree, 0 … 1, from their squared distance in units of the pair's
 * tolerance (`normalisedSquared`): most lesion centres scatter within the tolerance, but a share
 * of them (breathing, a different key slice, a reader's other axis) land several tolerances
 * away, so a wider Gaussian of weight `outlierShare` keeps them from counting as no match at all.
 */
export function positionAgreement(noise: MatcherModel['noise'], normalisedSquared: number): number {
  const wide = noise.outlierScale * noise.outlierScale
  return (
    (1 - noise.outlierShare) * Math.exp(-0.5 * normalisedSquared) +
    noise.outlierShare * Math.exp((-0.5 * normalisedSquared) / wide)
  )
}

/**
 * Squared normalised distance beyond which `positionAgreement` is below `floor`: pairs further
 * apart can be skipped without computing it.
 */
export function agreementReach(noise: MatcherModel['noise'], floor: number): number {
  const wide = noise.outlierShare > 0 ? noise.outlierScale * noise.outlierScale : 1
  return -2 * Math.log(floor) * Math.max(1, wide)
}

/** Tolerance of the difference of two lesion positions: the root mean square of their own. */
export function pairTolerance(toleranceA: number, toleranceB: number): number {
  return Math.sqrt(0.5 * (toleranceA * toleranceA + toleranceB * toleranceB))
}

/**
 * Agreement (0 … 1) of two lesions' long and short axes, given as natural logs, with a Gaussian
 * of width `sigmaLog` on each log ratio.
 */
export function sizeAgreement(
  logLongA: number,
  logShortA: number,
  logLongB: number,
  logShortB: number,
  sigmaLog: number,
): number {
  const l = (logLongA - logLongB) / sigmaLog
  const shortRatio = logShortA - logShortB
  // A short axis not measured (NaN): the lesion is taken to keep its shape (see logShortRatio).
  const s = Number.isNaN(shortRatio) ? l : shortRatio / sigmaLog
  return Math.exp(-0.5 * (l * l + s * s))
}
