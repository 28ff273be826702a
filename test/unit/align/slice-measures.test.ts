// Slice measures on a phantom whose areas and bone position are known exactly: body, lungs, a
// bone disc, arms beside the trunk and a CT table, whose air and foam are not inside the body.
import { describe, expect, it } from 'vitest'
import { DEFAULT_IMAGE_ALIGNMENT } from '../../../electron/core/align/settings'
import { measureSlices, type CtVolume } from '../../../electron/core/align/slice-measures'
import { pixelToLps, type Vec3, type VolumeGeometry } from '../../../electron/core/geometry/frames'

const settings = DEFAULT_IMAGE_ALIGNMENT
const BODY = { centreLps: [10, 0] as const, semiAxesMm: [80, 60] as const }
const LUNG_RADIUS_MM = 20
const LUNG_CENTRES_LPS = [
  [-25, -10],
  [45, -10],
] as const
const BONE = { centreLps: [10, 40] as const, radiusMm: 10 }
/** Arms beside the trunk, 20 mm of air between each and the body outline. */
const ARMS = { centresXMm: [-105, 125], yMm: 0, radiusMm: 15 }
/** Table below the back: 4 mm shells (HU 180) around 16 mm of foam (HU −880), 180 mm wide. */
const TABLE = { yTopMm: 64, shellMm: 4, foamMm: 16, halfWidthMm: 90 }

function axialGeometry(dims: Vec3, spacingMm: Vec3, originLps: Vec3): VolumeGeometry {
  return {
    dims,
    spacingMm,
    originLps,
    rowDirection: [1, 0, 0],
    columnDirection: [0, 1, 0],
    sliceNormal: [0, 0, 1],
  }
}

/** HU at a patient LPS point: lungs only on slices at z ≥ `lungFromZMm`. */
function phantomHu(x: number, y: number, z: number, lungFromZMm: number): number {
  const tableY = y - TABLE.yTopMm
  if (Math.abs(x) <= TABLE.halfWidthMm && tableY >= 0) {
    if (tableY < TABLE.shellMm) return 180
    if (tableY < TABLE.shellMm + TABLE.foamMm) return -880
    if (tableY < 2 * TABLE.shellMm + TABLE.foamMm) return 180
  }
  if (ARMS.centresXMm.some((cx) => Math.hypot(x - cx, y - ARMS.yMm) <= ARMS.radiusMm)) return 40
  const ex = (x - BODY.centreLps[0]) / BODY.semiAxesMm[0]
  const ey = (y - BODY.centreLps[1]) / BODY.semiAxesMm[1]
  if (ex * ex + ey * ey > 1) return -1000
  if (Math.hypot(x - BONE.centreLps[0], y - BONE.centreLps[1]) <= BONE.radiusMm) return 800
  const inLung = LUNG_CENTRES_LPS.some(([cx, cy]) => Math.hypot(x - cx, y - cy) <= LUNG_RADIUS_MM)
  return z >= lungFromZMm && inLung ? -850 : 40
}

function phantom(geometry: VolumeGeometry, lungFromZMm: number): CtVolume {
  const [width, height, depth] = geometry.dims
  const hu = new Int16Array(width * height * depth)
  for (let k = 0; k < depth; k++) {
    for (let j = 0; j < height; j++) {
      for (let i = 0; i < width; i++) {
        const [x, y, z] = pixelToLps(geometry, [i, j, k])
        hu[(k * height + j) * width + i] = phantomHu(x, y, z, lungFromZMm)
      }
    }
  }
  return { geometry, hu }
}

const geometry = axialGeometry([192, 128, 20], [1.5, 1.5, 5], [-140, -110, -300])
const lungFromZMm = -250

describe('measureSlices', () => {
  const measured = measureSlices(phantom(geometry, lungFromZMm), settings)
  if (!measured.ok) throw new Error(measured.reason)
  const m = measured.measures
  const lungAreaMm2 = 2 * Math.PI * LUNG_RADIUS_MM ** 2
  const bodyAreaMm2 =
    Math.PI * BODY.semiAxesMm[0] * BODY.semiAxesMm[1] + 2 * Math.PI * ARMS.radiusMm ** 2
  const shellAreaMm2 = 2 * TABLE.shellMm * 2 * TABLE.halfWidthMm

  it('places every slice at its patient z and reads every third millimetre in-plane', () => {
    expect([...m.zMm]).toEqual([...Array(20).keys()].map((k) => -300 + 5 * k))
    expect(m.sliceSpacingMm).toBe(5)
    expect(m.sampleSpacingMm).toBe(3)
  })

  it('measures body, bone and the air inside the body, not beside the arms or in the table', () => {
    for (let k = 0; k < 20; k++) {
      const lungs = m.zMm[k] >= lungFromZMm ? lungAreaMm2 : 0
      expect(m.airInsideMm2[k]).toBeGreaterThanOrEqual(0.9 * lungs)
      expect(m.airInsideMm2[k]).toBeLessThanOrEqual(1.1 * lungs)
      expect(m.bodyAreaMm2[k]).toBeGreaterThanOrEqual(0.95 * (bodyAreaMm2 - lungs))
      expect(m.bodyAreaMm2[k]).toBeLessThanOrEqual(1.05 * (bodyAreaMm2 - lungs + shellAreaMm2))
      expect(m.boneAreaMm2[k]).toBeGreaterThanOrEqual(0.8 * Math.PI * BONE.radiusMm ** 2)
      expect(m.boneAreaMm2[k]).toBeLessThanOrEqual(1.2 * Math.PI * BONE.radiusMm ** 2)
    }
  })

  it('finds the bone centroid in patient LPS, whichever way the pixel axes run', () => {
    // The same phantom stored with columns running right to left and slices head to foot.
    const flipped: VolumeGeometry = {
      ...geometry,
      originLps: [146.5, -110, -205],
      rowDirection: [-1, 0, 0],
      sliceNormal: [0, 0, -1],
    }
    const again = measureSlices(phantom(flipped, lungFromZMm), settings)
    if (!again.ok) throw new Error(again.reason)
    for (const measures of [m, again.measures]) {
      for (let k = 0; k < 20; k++) {
        expect(Math.abs(measures.boneXMm[k] - BONE.centreLps[0])).toBeLessThan(1.5)
        expect(Math.abs(measures.boneYMm[k] - BONE.centreLps[1])).toBeLessThan(1.5)
      }
    }
    expect(Math.min(...again.measures.zMm)).toBe(-300)
  })

  it('reads only every other slice of a 1 mm series', () => {
    const thin = axialGeometry([64, 64, 41], [3, 3, 1], [-95, -110, -300])
    const result = measureSlices(phantom(thin, lungFromZMm), settings)
    if (!result.ok) throw new Error(result.reason)
    expect(result.measures.zMm).toHaveLength(21)
    expect(result.measures.sliceSpacingMm).toBe(2)
  })

  it('says why a volume cannot be measured', () => {
    const sagittal: VolumeGeometry = {
      ...geometry,
      rowDirection: [0, 1, 0],
      columnDirection: [0, 0, -1],
      sliceNormal: [-1, 0, 0],
    }
    const hu = new Int16Array(192 * 128 * 20)
    expect(measureSlices({ geometry: sagittal, hu }, settings)).toEqual({
      ok: false,
      reason: 'the slices are not axial (sagittal, coronal or tilted by more than 8°)',
    })
    expect(measureSlices({ geometry, hu: new Int16Array(10) }, settings)).toEqual({
      ok: false,
      reason: 'the voxel array holds 10 values, not 192×128×20',
    })
    const single = axialGeometry([128, 128, 1], [1.5, 1.5, 5], [0, 0, 0])
    expect(measureSlices({ geometry: single, hu: new Int16Array(128 * 128) }, settings)).toEqual({
      ok: false,
      reason: 'a single slice has no extent along the body',
    })
  })

  it('measures a 512×512×300 volume in tens of milliseconds, not seconds', () => {
    const large = axialGeometry([512, 512, 300], [0.8, 0.8, 1.25], [-205, -205, -400])
    const hu = new Int16Array(512 * 512 * 300).fill(40)
    const times: number[] = []
    for (let run = 0; run < 3; run++) {
      const start = performance.now()
      expect(measureSlices({ geometry: large, hu }, settings).ok).toBe(true)
      times.push(performance.now() - start)
    }
    // Median of three; a loose bound, as other jobs share the machine's two cores.
    expect(times.sort((a, b) => a - b)[1]).toBeLessThan(300)
  })
})
