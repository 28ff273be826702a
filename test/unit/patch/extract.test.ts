import { describe, expect, it } from 'vitest'
import {
  lpsToPixel,
  pixelToLps,
  type Vec3,
  type VolumeGeometry,
} from '../../../electron/core/geometry/frames'
import {
  allocatePatchBatch,
  PatchExtractor,
  type PatchBatch,
} from '../../../electron/core/patch/extract'
import { DEFAULT_PATCH_SPEC } from '../../../electron/core/patch/spec'
import { axialGeometry, bodyWithLesion, bookmarkAt, rasterize, type HuField } from './phantom'

const spec = DEFAULT_PATCH_SPEC
const S = spec.patchSizePx
const PLANE = S * S
const CHANNELS = spec.patchChannels.length
const CONTEXT_CHANNELS = spec.contextWindowsHu.length

/** A linear HU field: trilinear interpolation reproduces it exactly, up to integer rounding. */
const linear: HuField = ([x, y, z]) => 20 + 0.5 * x + 0.3 * y + 2 * z
const windowed = (hu: number, [low, high]: [number, number]) =>
  Math.min(1, Math.max(-1, ((hu - low) * 2) / (high - low) - 1))

function extractOne(geometry: VolumeGeometry, field: HuField, centerLps: Vec3): PatchBatch {
  const hu = rasterize(geometry, field)
  const batch = allocatePatchBatch(spec, 2)
  const bookmark = bookmarkAt(geometry, lpsToPixel(geometry, centerLps), 20, 12)
  new PatchExtractor(spec).extractInto({ geometry, hu }, bookmark, batch, 1)
  return batch
}

/** Largest difference between the patch in slot 1 and the windowed linear field it samples. */
function worstChannelError(batch: PatchBatch, center: Vec3): number {
  let worst = 0
  spec.patchChannels.forEach(({ offsetMm, windowHu }, c) => {
    for (let v = 0; v < S; v++) {
      for (let u = 0; u < S; u++) {
        const pointLps: Vec3 = [
          center[0] + (u - (S - 1) / 2) * spec.patchPixelMm,
          center[1] + (v - (S - 1) / 2) * spec.patchPixelMm,
          center[2] + offsetMm,
        ]
        const got = batch.patch[(CHANNELS + c) * PLANE + v * S + u]
        worst = Math.max(worst, Math.abs(got - windowed(linear(pointLps), windowHu)))
      }
    }
  })
  return worst
}

/** An orthonormal frame turned 25° about z, then tilted 10° about x: nothing lines up with LPS. */
function obliqueGeometry(): VolumeGeometry {
  const [cz, sz, cx, sx] = [Math.cos(0.436), Math.sin(0.436), Math.cos(0.175), Math.sin(0.175)]
  const rowDirection: Vec3 = [cz, sz * cx, sz * sx]
  const columnDirection: Vec3 = [-sz, cz * cx, cz * sx]
  const sliceNormal: Vec3 = [0, -sx, cx]
  const dims: Vec3 = [110, 110, 40]
  const spacingMm: Vec3 = [0.9, 0.9, 2]
  const half = dims.map((d, axis) => ((d - 1) / 2) * spacingMm[axis])
  const originLps = [0, 1, 2].map(
    (a) => -(half[0] * rowDirection[a] + half[1] * columnDirection[a] + half[2] * sliceNormal[a]),
  ) as Vec3
  return { dims, spacingMm, originLps, rowDirection, columnDirection, sliceNormal }
}

describe('patch extractor geometry', () => {
  const geometry = axialGeometry([120, 110, 30], [0.8, 0.8, 2.5])
  const center: Vec3 = [6, -4, 3]
  const batch = extractOne(geometry, linear, center)
  const patchBase = CHANNELS * PLANE

  it('samples every channel on its plane, offset towards the head, through its window', () => {
    // Integer HU rounding bounds the error: 0.5 HU in the narrow 400 HU window is 0.0025.
    expect(worstChannelError(batch, center)).toBeLessThan(0.003)
  })

  it('samples the same patient-frame planes from an oblique series', () => {
    const obliqueCenter: Vec3 = [3, 2, -1]
    const oblique = extractOne(obliqueGeometry(), linear, obliqueCenter)
    expect(worstChannelError(oblique, obliqueCenter)).toBeLessThan(0.003)
    const C = spec.contextSizePx
    const context = oblique.context.subarray(CONTEXT_CHANNELS * C * C)
    const pixelLps: Vec3 = [
      obliqueCenter[0] + 0.5 * spec.contextPixelMm,
      obliqueCenter[1] + 0.5 * spec.contextPixelMm,
      obliqueCenter[2],
    ]
    const nearestVoxel = lpsToPixel(obliqueGeometry(), pixelLps).map(Math.round) as Vec3
    const expected = linear(pixelToLps(obliqueGeometry(), nearestVoxel))
    expect(context[(C / 2) * C + C / 2]).toBeCloseTo(
      windowed(expected, spec.contextWindowsHu[0]),
      3,
    )
  })

  it('writes only its own slot of the batch', () => {
    expect(batch.patch.subarray(0, patchBase).every((v) => v === 0)).toBe(true)
    expect(batch.patch.subarray(patchBase).some((v) => v !== 0)).toBe(true)
  })

  it('fills each context channel with the key slice over a wide field, air beyond the image', () => {
    const C = spec.contextSizePx
    const mid = C / 2
    // Pixel (mid, mid) lies half a context pixel right of and below the lesion; it takes the
    // value of the nearest voxel there.
    const pixelLps: Vec3 = [
      center[0] + 0.5 * spec.contextPixelMm,
      center[1] + 0.5 * spec.contextPixelMm,
      center[2],
    ]
    const nearestVoxel = lpsToPixel(geometry, pixelLps).map(Math.round) as Vec3
    const hu = Math.round(linear(pixelToLps(geometry, nearestVoxel)))
    expect(CONTEXT_CHANNELS).toBeGreaterThan(1)
    spec.contextWindowsHu.forEach((window, c) => {
      const channel = batch.context.subarray((CONTEXT_CHANNELS + c) * C * C)
      expect(channel[mid * C + mid]).toBeCloseTo(windowed(hu, window), 3)
      expect(channel[0]).toBeCloseTo(windowed(spec.outsideHu, window), 6)
    })
  })

  it('encodes the RECIST diameters as log ratios to the reference size', () => {
    const features = batch.features.subarray(2)
    expect(features[0]).toBeCloseTo(Math.log(20 / spec.featureReferenceMm), 5)
    expect(features[1]).toBeCloseTo(Math.log(12 / spec.featureReferenceMm), 5)
  })
})

describe('patch extractor frames', () => {
  const field = bodyWithLesion([10, 5, 0], 9)
  const dicomOrder = axialGeometry([140, 120, 24], [0.9, 0.9, 3])
  // The same anatomy stored as DeepLesion does (slices towards the feet) with rows bottom-up and a
  // finer in-plane grid: the patch lives in the patient frame, so it must come out the same.
  const flipped: VolumeGeometry = {
    dims: [180, 160, 24],
    spacingMm: [0.7, 0.7, 3],
    originLps: [-62.65, 55.65, 34.5],
    rowDirection: [1, 0, 0],
    columnDirection: [0, -1, 0],
    sliceNormal: [0, 0, -1],
  }

  it('gives the same patch for the same anatomy whatever the orientation and pixel size', () => {
    const a = extractOne(dicomOrder, field, [10, 5, 0])
    const b = extractOne(flipped, field, [10, 5, 0])
    let sumAbs = 0
    for (let n = 0; n < a.patch.length; n++) sumAbs += Math.abs(a.patch[n] - b.patch[n])
    const meanAbs = sumAbs / (a.patch.length / 2)
    // Different voxel grids resample the lesion edge differently; the content must agree.
    expect(meanAbs).toBeLessThan(0.02)
    // The soft-tissue channel of the key plane, at the patch centre: inside the lesion.
    const soft = spec.patchChannels.findIndex((c) => c.offsetMm === 0 && c.windowHu[0] > -500)
    const centerPixel = CHANNELS * PLANE + soft * PLANE + (S / 2) * S + S / 2
    const lesion = windowed(120, spec.patchChannels[soft].windowHu)
    expect(a.patch[centerPixel]).toBeCloseTo(lesion, 2)
    expect(b.patch[centerPixel]).toBeCloseTo(lesion, 2)
  })

  it('still extracts a patch on the first and last slice and at the image corner', () => {
    const geometry = axialGeometry([64, 64, 5], [1, 1, 5])
    const hu = rasterize(geometry, field)
    const batch = allocatePatchBatch(spec, 3)
    const extractor = new PatchExtractor(spec)
    const cases: Vec3[] = [
      [0, 0, 0],
      [63, 63, 4],
      [31.5, 31.5, 4],
    ]
    cases.forEach((ijk, n) =>
      extractor.extractInto({ geometry, hu }, bookmarkAt(geometry, ijk, 15, 10), batch, n),
    )
    expect(batch.patch.every(Number.isFinite)).toBe(true)
    expect(batch.context.every(Number.isFinite)).toBe(true)
    // At the corner voxel, three quarters of the patch lies beyond the image and reads as air.
    const air = windowed(spec.outsideHu, spec.patchChannels[0].windowHu)
    const firstPlane = batch.patch.subarray(0, PLANE)
    const airCount = firstPlane.filter((v) => v === air).length
    expect(airCount / PLANE).toBeGreaterThan(0.7)
    // On the last slice the plane above the volume repeats the last slice instead of reading air.
    const channelOf = (offsetMm: number) =>
      spec.patchChannels.findIndex((c) => c.offsetMm === offsetMm && c.windowHu[0] === -1024)
    const last = 2 * CHANNELS * PLANE
    const plane = (c: number) => [...batch.patch.subarray(last + c * PLANE, last + (c + 1) * PLANE)]
    expect(plane(channelOf(5))).toEqual(plane(channelOf(0)))
    expect(plane(channelOf(-5))).not.toEqual(plane(channelOf(0)))
  })

  it('rejects a slot outside the batch', () => {
    const geometry = axialGeometry([16, 16, 2], [1, 1, 1])
    const batch = allocatePatchBatch(spec, 1)
    expect(() =>
      new PatchExtractor(spec).extractInto(
        { geometry, hu: new Int16Array(512) },
        bookmarkAt(geometry, [8, 8, 0], 5, 4),
        batch,
        1,
      ),
    ).toThrow(/outside a batch of 1/)
  })
})
