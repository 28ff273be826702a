/**
 * What the lesion embedder is fed: the patch geometry, HU windows and scalar features, as data.
 * The same spec is written into every patch file and into the model card, so training and inference agree.
 */

/** A Hounsfield window [low, high], mapped linearly onto [-1, 1] and clipped. */
export type HuWindow = [lowHu: number, highHu: number]

/**
 * Every preprocessing choice the network depends on. Output images are axial in the patient frame:
 * column u runs towards patient left (LPS +x), row v towards posterior (LPS +y), so the image looks
 * the same whatever the series' orientation or slice order.
 */
export interface PatchSpec {
  /** Bumped whenever the meaning of a field changes, so an old model refuses new patches. */
  version: number
  /** Side of the local patch in pixels, centred on the bookmark (midpoint of the long axis). */
  patchSizePx: number
  /** Pixel size of the local patch in mm: a fixed physical scale, so size shows in the image. */
  patchPixelMm: number
  /**
   * Planes of the local patch, as offsets from the key slice towards the head (LPS +z) in mm.
   * Each is interpolated from the two nearest slices, whatever the slice spacing.
   */
  planeOffsetsMm: number[]
  /** HU windows of the local patch; channel = window index × planes + plane index. */
  patchWindowsHu: HuWindow[]
  /** Side of the context image in pixels: the key slice over a wide field, centred on the lesion. */
  contextSizePx: number
  /**
   * Pixel size of the context image in mm. Coarse: it shows where in the body the lesion is.
   * Nearest-voxel samples, not filtered: filtering cost more than the whole rest of the extraction.
   */
  contextPixelMm: number
  contextWindowHu: HuWindow
  /** RECIST diameters enter the network as ln(diameter / this), near zero for a typical lesion. */
  featureReferenceMm: number
  /** Value of samples outside the image in-plane (beyond the reconstructed field: air). */
  outsideHu: number
}

/** The names and order of the scalar features (one row of the `features` input per lesion). */
export const FEATURE_NAMES = ['lnLongAxis', 'lnShortAxis'] as const

/**
 * The spec of the shipped model. Small on purpose: 32 px patches keep inference and extraction
 * fast enough for ≥ 500 lesions/s on two CPU cores.
 */
export const DEFAULT_PATCH_SPEC: PatchSpec = {
  version: 1,
  patchSizePx: 32,
  patchPixelMm: 2,
  planeOffsetsMm: [-4, 0, 4],
  patchWindowsHu: [
    [-1024, 1024],
    [-160, 240],
  ],
  contextSizePx: 32,
  contextPixelMm: 12,
  contextWindowHu: [-1024, 1024],
  featureReferenceMm: 20,
  outsideHu: -1024,
}

/** Shapes of the three network inputs for a batch of `count` lesions (NCHW and N×F). */
export function inputShapes(spec: PatchSpec, count: number) {
  return {
    patch: [count, patchChannels(spec), spec.patchSizePx, spec.patchSizePx],
    context: [count, 1, spec.contextSizePx, spec.contextSizePx],
    features: [count, FEATURE_NAMES.length],
  }
}

/** Channels of the local patch: every window applied to every plane. */
export function patchChannels(spec: PatchSpec): number {
  return spec.patchWindowsHu.length * spec.planeOffsetsMm.length
}
