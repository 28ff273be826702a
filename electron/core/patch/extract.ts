/**
 * The one patch extractor: turns a bookmark on its volume into the network's three inputs
 * (multi-plane windowed patch, coarse context image, RECIST features), written into a batch in place.
 */
import type { Vec3, VolumeGeometry } from '../geometry/frames'
import type { Bookmark } from '../model/types'
import { ijkPerMm, sampleGridHu, sampleGridNearestHu, type SampleGrid } from './sample-grid'
import { FEATURE_NAMES, patchPlaneOffsetsMm, type HuWindow, type PatchSpec } from './spec'

/** The voxels a bookmark is drawn on: its series' geometry and HU (i fastest, then j, then k). */
export interface PatchVolume {
  geometry: VolumeGeometry
  hu: Int16Array
}

/** What the extractor reads from a bookmark. */
export type PatchBookmark = Pick<
  Bookmark,
  'sliceIndex' | 'longAxisPx' | 'longAxisMm' | 'shortAxisMm'
>

/** Network inputs for up to `capacity` lesions, laid out as the ONNX inputs expect (NCHW, N×F). */
export interface PatchBatch {
  capacity: number
  patch: Float32Array
  context: Float32Array
  features: Float32Array
}

/** Allocates a batch; reuse it across calls so extraction allocates nothing per lesion. */
export function allocatePatchBatch(spec: PatchSpec, capacity: number): PatchBatch {
  const patchSize = spec.patchSizePx * spec.patchSizePx
  return {
    capacity,
    patch: new Float32Array(capacity * spec.patchChannels.length * patchSize),
    context: new Float32Array(
      capacity * spec.contextWindowsHu.length * spec.contextSizePx * spec.contextSizePx,
    ),
    features: new Float32Array(capacity * FEATURE_NAMES.length),
  }
}

/** Centre of the bookmark in the pixel frame: the long axis midpoint on the key slice. */
export function bookmarkCenterIjk(bookmark: PatchBookmark): Vec3 {
  const [a, b] = bookmark.longAxisPx
  return [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2, bookmark.sliceIndex]
}

/** A square grid of `sizePx` samples `pixelMm` apart, centred on `centerIjk`, axial in LPS. */
function axialGrid(
  geometry: VolumeGeometry,
  centerIjk: Vec3,
  sizePx: number,
  pixelMm: number,
  offsetTowardHeadMm: number,
): SampleGrid {
  const perMm = ijkPerMm(geometry)
  const half = (sizePx - 1) / 2
  const stepUIjk = perMm.x.map((d) => d * pixelMm) as Vec3
  const stepVIjk = perMm.y.map((d) => d * pixelMm) as Vec3
  const originIjk = centerIjk.map(
    (c, axis) => c - half * (stepUIjk[axis] + stepVIjk[axis]) + offsetTowardHeadMm * perMm.z[axis],
  ) as Vec3
  return { originIjk, stepUIjk, stepVIjk, sizePx }
}

/** Maps HU onto [-1, 1] through `window`, clipping outside it. */
function applyWindow(
  hu: Float32Array,
  window: HuWindow,
  out: Float32Array,
  outOffset: number,
  count: number,
): void {
  const [low, high] = window
  const scale = 2 / (high - low)
  const shift = -1 - low * scale
  for (let n = 0; n < count; n++) {
    const value = hu[n] * scale + shift
    out[outOffset + n] = value < -1 ? -1 : value > 1 ? 1 : value
  }
}

/** Extracts patches for one spec; holds the scratch buffers so the hot path allocates nothing. */
export class PatchExtractor {
  private readonly planeHu: Float32Array
  private readonly contextHu: Float32Array
  private readonly planeOffsetsMm: number[]

  constructor(readonly spec: PatchSpec) {
    this.planeOffsetsMm = patchPlaneOffsetsMm(spec)
    this.planeHu = new Float32Array(spec.patchSizePx * spec.patchSizePx)
    this.contextHu = new Float32Array(spec.contextSizePx * spec.contextSizePx)
  }

  /** Writes the inputs of `bookmark` on `volume` into slot `index` of `batch`. */
  extractInto(
    volume: PatchVolume,
    bookmark: PatchBookmark,
    batch: PatchBatch,
    index: number,
  ): void {
    if (index < 0 || index >= batch.capacity) {
      throw new RangeError(`patch slot ${index} is outside a batch of ${batch.capacity}`)
    }
    const { spec, planeHu, contextHu } = this
    const { geometry, hu } = volume
    const center = bookmarkCenterIjk(bookmark)
    const planeSize = spec.patchSizePx * spec.patchSizePx
    const patchBase = index * spec.patchChannels.length * planeSize
    for (const offsetMm of this.planeOffsetsMm) {
      const grid = axialGrid(geometry, center, spec.patchSizePx, spec.patchPixelMm, offsetMm)
      sampleGridHu(geometry, hu, grid, spec.outsideHu, planeHu, 0)
      spec.patchChannels.forEach((channel, c) => {
        if (channel.offsetMm !== offsetMm) return
        applyWindow(planeHu, channel.windowHu, batch.patch, patchBase + c * planeSize, planeSize)
      })
    }

    const contextGrid = axialGrid(geometry, center, spec.contextSizePx, spec.contextPixelMm, 0)
    sampleGridNearestHu(geometry, hu, contextGrid, spec.outsideHu, contextHu, 0)
    const contextSize = spec.contextSizePx * spec.contextSizePx
    const contextBase = index * spec.contextWindowsHu.length * contextSize
    spec.contextWindowsHu.forEach((window, c) => {
      applyWindow(contextHu, window, batch.context, contextBase + c * contextSize, contextSize)
    })

    const featureBase = index * FEATURE_NAMES.length
    batch.features[featureBase] = lnDiameter(bookmark.longAxisMm, spec)
    batch.features[featureBase + 1] = lnDiameter(
      bookmark.shortAxisMm ?? TYPICAL_SHORT_TO_LONG * bookmark.longAxisMm,
      spec,
    )
  }
}

/**
 * Short / long axis given to the network for a lesion measured by its long axis only: the median
 * of DLS (DESIGN.md), the middle of what it was trained on. An input only, never shown or exported.
 */
const TYPICAL_SHORT_TO_LONG = 0.75

/** ln(d / reference); diameters under 1 mm (a short axis drawn as a point) count as 1 mm. */
function lnDiameter(diameterMm: number, spec: PatchSpec): number {
  return Math.log(Math.max(diameterMm, 1) / spec.featureReferenceMm)
}
