/**
 * What the lesion embedder is fed: the patch geometry, HU windows and scalar features, as data.
 * The same spec is written into every patch file and into the model card, so training and inference agree.
 */

/** A Hounsfield window [low, high], mapped linearly onto [-1, 1] and clipped. */
export type HuWindow = [lowHu: number, highHu: number]

/**
 * One channel of the local patch: the plane `offsetMm` from the key slice towards the head
 * (LPS +z), interpolated from the two nearest slices whatever the slice spacing, windowed.
 */
export interface PatchChannel {
  offsetMm: number
  windowHu: HuWindow
}

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
  /** The channels of the local patch, in order: which plane, seen through which window. */
  patchChannels: PatchChannel[]
  /** Side of the context image in pixels: the key slice over a wide field, centred on the lesion. */
  contextSizePx: number
  /**
   * Pixel size of the context image in mm. Coarse: it shows where in the body the lesion is.
   * Nearest-voxel samples, not filtered: filtering cost more than the whole rest of the extraction.
   */
  contextPixelMm: number
  /** Windows of the context image, one channel each: the wide one shows air and bone, the
   * soft-tissue one the organs that tell the body level (liver, kidneys, bladder). */
  contextWindowsHu: HuWindow[]
  /** RECIST diameters enter the network as ln(diameter / this), near zero for a typical lesion. */
  featureReferenceMm: number
  /** Value of samples outside the image in-plane (beyond the reconstructed field: air). */
  outsideHu: number
}

/** The names and order of the scalar features (one row of the `features` input per lesion). */
export const FEATURE_NAMES = ['lnLongAxis', 'lnShortAxis'] as const

const WIDE_WINDOW: HuWindow = [-1024, 1024]
const SOFT_TISSUE_WINDOW: HuWindow = [-160, 240]

/**
 * The spec of the shipped model. Small on purpose: 32 px patches keep inference and extraction
 * fast enough for ≥ 500 lesions/s on two CPU cores. Planes ±5 mm fall on whole slices of 5 mm and
 * 1 mm series (most CT), which then read one slice per plane instead of interpolating two. Three planes in a wide window show the lesion
 * in 3D against lung, fat and bone; the key plane again in a soft-tissue window shows its texture.
 * Four channels, not six: ONNX Runtime 1.30's WebGPU Conv gives wrong results for 6 (or 9) input
 * channels (see test/unit/embed/webgpu.test.ts).
 */
export const DEFAULT_PATCH_SPEC: PatchSpec = {
  version: 1,
  patchSizePx: 32,
  patchPixelMm: 2,
  patchChannels: [
    { offsetMm: -5, windowHu: WIDE_WINDOW },
    { offsetMm: 0, windowHu: WIDE_WINDOW },
    { offsetMm: 5, windowHu: WIDE_WINDOW },
    { offsetMm: 0, windowHu: SOFT_TISSUE_WINDOW },
  ],
  contextSizePx: 32,
  contextPixelMm: 12,
  contextWindowsHu: [WIDE_WINDOW, SOFT_TISSUE_WINDOW],
  featureReferenceMm: 20,
  outsideHu: -1024,
}

/** Shapes of the three network inputs for a batch of `count` lesions (NCHW and N×F). */
export function inputShapes(spec: PatchSpec, count: number) {
  return {
    patch: [count, spec.patchChannels.length, spec.patchSizePx, spec.patchSizePx],
    context: [count, spec.contextWindowsHu.length, spec.contextSizePx, spec.contextSizePx],
    features: [count, FEATURE_NAMES.length],
  }
}

/** The distinct planes the channels read, each sampled once per lesion. */
export function patchPlaneOffsetsMm(spec: PatchSpec): number[] {
  return [...new Set(spec.patchChannels.map((channel) => channel.offsetMm))]
}
