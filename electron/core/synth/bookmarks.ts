/**
 * A reader's RECIST bookmarks for one study: for each lesion the reader measures, the key slice is
 * the one where its cross-section is longest (give or take the reader's choice), and the axes are
 * measured on that cross-section with a little hand jitter. Tracking identifiers are given in a
 * shuffled order per study so they never reveal which lesions are the same across studies.
 */
import type { Vec3 } from '../geometry/frames'
import type { PixelXY } from '../model/types'
import { sliceBodyZ, sliceGrid, sliceSlab, type Acquisition } from './acquisition'
import { lesionReachMm, type LesionAtStudy } from './lesions/lesion'
import { forEachLesionPixel } from './lesions/paint'
import type { Rng } from './prng'
import { axisLengthPx, measureRecist, type RecistAxes } from './recist'

/** A bookmark as the generator made it; pixel coordinates are 0-based pixel centers. */
export interface SynthBookmark {
  lesionId: string
  /** Key slice k of the study volume (k = 0 is the most inferior slice). */
  sliceIndex: number
  longAxisPx: [PixelXY, PixelXY]
  shortAxisPx: [PixelXY, PixelXY]
  longAxisMm: number
  shortAxisMm: number
  /** Midpoint of the long axis in the body frame (mm), breathing shift included. */
  centerBodyMm: Vec3
  /** e.g. 'Lesion 2': the order of the bookmark in this study's report. */
  trackingIdentifier: string
}

const MAX_BOOKMARKS_PER_STUDY = 8
const MIN_MEASURED_MM = 5
/** Hand jitter of each end point (mm) and of the short axis direction (degrees). */
const ENDPOINT_SD_MM = 0.5
const ANGLE_SD_DEG = 1

/** Below this peak coverage the lesion is too faint in the slice for a reader to outline. */
const MIN_PEAK_COVERAGE = 0.35

/**
 * The lesion's cross-section on slice k as a reader sees it: the pixels at least half as covered
 * as its most covered pixel (a half-maximum edge), so a small lesion blurred by a thick slice is
 * measured across its visible blur rather than as a sliver.
 */
function crossSection(acquisition: Acquisition, at: LesionAtStudy, k: number): PixelXY[] {
  const covered: { pixel: PixelXY; coverage: number }[] = []
  forEachLesionPixel(sliceGrid(acquisition), at, sliceSlab(acquisition, k), (i, j, pixel) => {
    covered.push({ pixel: [i, j], coverage: pixel.coverage })
  })
  const peak = covered.reduce((max, c) => Math.max(max, c.coverage), 0)
  if (peak < MIN_PEAK_COVERAGE) return []
  return covered.filter((c) => c.coverage >= peak / 2).map((c) => c.pixel)
}

interface Measured {
  sliceIndex: number
  axes: RecistAxes
}

/** The slice a reader would pick: among those within 5 % of the longest cross-section. */
function measureOnKeySlice(
  acquisition: Acquisition,
  at: LesionAtStudy,
  rng: Rng,
): Measured | undefined {
  // The widest cross-section of a (lobulated) ellipsoid lies near its equator: search the slices
  // within 40 % of its half-height of the center, and at least the nearest one.
  const window = Math.max(0.4 * lesionReachMm(at).z, acquisition.sliceSpacingMm / 2)
  const candidates: (Measured & { length: number })[] = []
  for (let k = 0; k < acquisition.sliceCount; k++) {
    const z = sliceBodyZ(acquisition, k)
    if (Math.abs(z - at.centerBodyMm[2]) > window) continue
    const axes = measureRecist(crossSection(acquisition, at, k))
    if (axes) candidates.push({ sliceIndex: k, axes, length: axisLengthPx(axes.longAxisPx) })
  }
  const longest = Math.max(0, ...candidates.map((c) => c.length))
  // A reader does not measure a speck: below 5 mm the lesion is seen but not bookmarked.
  if (longest * acquisition.pixelSpacingMm < MIN_MEASURED_MM) return undefined
  return rng.pick(candidates.filter((c) => c.length >= 0.95 * longest))
}

const round2 = (v: number) => Math.round(v * 100) / 100

/** Adds reader jitter; the short axis stays within a few degrees of perpendicular and shorter. */
function jitter(axes: RecistAxes, spacingMm: number, rng: Rng): RecistAxes {
  const sd = ENDPOINT_SD_MM / spacingMm
  const move = (p: PixelXY): PixelXY => [p[0] + rng.normal(0, sd), p[1] + rng.normal(0, sd)]
  const longAxis: [PixelXY, PixelXY] = [move(axes.longAxisPx[0]), move(axes.longAxisPx[1])]
  const longLength = axisLengthPx(longAxis)
  const direction = Math.atan2(longAxis[1][1] - longAxis[0][1], longAxis[1][0] - longAxis[0][0])
  const angleError = Math.max(-3, Math.min(3, rng.normal(0, ANGLE_SD_DEG))) * (Math.PI / 180)
  const across = direction + Math.PI / 2 + angleError
  const [s0, s1] = axes.shortAxisPx
  const middle: PixelXY = [(s0[0] + s1[0]) / 2, (s0[1] + s1[1]) / 2]
  const shortLength = Math.min(
    0.99 * longLength,
    Math.max(0.5, axisLengthPx(axes.shortAxisPx) + rng.normal(0, sd * Math.SQRT2)),
  )
  const half: PixelXY = [(Math.cos(across) * shortLength) / 2, (Math.sin(across) * shortLength) / 2]
  const roundPoint = (p: PixelXY): PixelXY => [round2(p[0]), round2(p[1])]
  return {
    longAxisPx: [roundPoint(longAxis[0]), roundPoint(longAxis[1])],
    shortAxisPx: [
      roundPoint([middle[0] - half[0], middle[1] - half[1]]),
      roundPoint([middle[0] + half[0], middle[1] + half[1]]),
    ],
  }
}

/**
 * Bookmarks of one study. Each visible lesion is measured with the given probability (at
 * least one, at most eight per study); lesions outside the scan range cannot be measured.
 */
export function readStudy(
  acquisition: Acquisition,
  present: LesionAtStudy[],
  measureProbability: number,
  rng: Rng,
): SynthBookmark[] {
  const measured: { at: LesionAtStudy; m: Measured }[] = []
  for (const at of present) {
    const m = measureOnKeySlice(acquisition, at, rng)
    if (m) measured.push({ at, m })
  }
  let chosen = measured.filter(() => rng.chance(measureProbability))
  if (chosen.length === 0 && measured.length > 0) chosen = [measured[0]]
  chosen = rng.shuffled(chosen).slice(0, MAX_BOOKMARKS_PER_STUDY)
  const grid = sliceGrid(acquisition)
  return chosen.map(({ at, m }, n) => {
    const axes = jitter(m.axes, grid.spacingMm, rng)
    const [a, b] = axes.longAxisPx
    const mid: PixelXY = [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2]
    return {
      lesionId: at.lesion.lesionId,
      sliceIndex: m.sliceIndex,
      ...axes,
      longAxisMm: round2(axisLengthPx(axes.longAxisPx) * grid.spacingMm),
      shortAxisMm: round2(axisLengthPx(axes.shortAxisPx) * grid.spacingMm),
      centerBodyMm: [
        round2(grid.x0Mm + mid[0] * grid.spacingMm),
        round2(grid.y0Mm + mid[1] * grid.spacingMm),
        round2(sliceBodyZ(acquisition, m.sliceIndex)),
      ],
      trackingIdentifier: `Lesion ${n + 1}`,
    }
  })
}
