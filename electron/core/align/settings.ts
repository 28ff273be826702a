/**
 * Every number the image alignment uses, in one place: tissue thresholds, sampling, the common
 * profile grid, and when a registration is trusted. resources/models/MATCHER.md says why.
 */

export interface ImageAlignmentSettings {
  /** A sample belongs to the body above this (HU): soft tissue and fat, not air or lung. */
  bodyMinHu: number
  /** A sample is bone above this (HU): cortical bone, not contrast-filled vessels or bowel. */
  boneMinHu: number
  /** In-plane distance between sampled pixels (mm); slices are read on this coarser grid. */
  sampleSpacingMm: number
  /** Step of the common along-body grid that every study's profiles are resampled onto (mm). */
  gridStepMm: number
  /** Smallest half-width of the triangular resampling kernel (mm); thick slices use their spacing. */
  smoothingHalfWidthMm: number
  /** A shift is only scored when the two scan ranges share at least this much (mm). */
  minOverlapMm: number
  /** Profile samples closer than this (mm) are not independent when weighing an overlap. */
  correlationLengthMm: number
  /** The runner-up peak must lie at least this far (mm) from the best one. */
  runnerUpExclusionMm: number
  /** Below this profile correlation the scans are not taken to show the same anatomy. */
  minCorrelation: number
  /** Below this confidence (0 … 1) a study gets no translation: better none than a wrong one. */
  minConfidence: number
  /** Levels with less bone than this (mm²) give no in-plane centroid. */
  minBoneAreaMm2: number
  /** Fewest matched levels with bone for an in-plane shift. */
  minInPlaneLevels: number
  /**
   * Largest spread (median absolute deviation) of the per-level in-plane shifts, in in-plane
   * sample spacings of the coarser study: bone centroids on a coarse grid scatter more.
   */
  maxInPlaneSpreadSamples: number
}

export const DEFAULT_IMAGE_ALIGNMENT: ImageAlignmentSettings = {
  bodyMinHu: -500,
  boneMinHu: 400,
  sampleSpacingMm: 3,
  gridStepMm: 2,
  smoothingHalfWidthMm: 4,
  minOverlapMm: 80,
  correlationLengthMm: 20,
  runnerUpExclusionMm: 40,
  minCorrelation: 0.85,
  minConfidence: 0.25,
  minBoneAreaMm2: 100,
  minInPlaneLevels: 5,
  maxInPlaneSpreadSamples: 2,
}
