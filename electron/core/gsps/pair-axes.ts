/**
 * Tells RECIST bookmarks among the straight lines drawn on one image: a bidirectional measurement
 * is two lines that cross at a wide angle, the longer the long axis. Pure geometry in the image's
 * pixel coordinates (x = column, y = row).
 */
import type { PixelXY } from '../model/types'

export type Segment = [PixelXY, PixelXY]

/**
 * Lines crossing at a narrower angle are not one measurement's two axes (RECIST draws them
 * perpendicular; an arrow's head strokes meet its shaft at some 30°).
 */
const MIN_CROSSING_ANGLE_DEG = 60
/**
 * How far (share of each line's length) the crossing may lie beyond a line's ends: a short axis
 * drawn to end exactly on the long axis still crosses it, whatever the rounding.
 */
const CROSSING_SLACK = 0.02
/**
 * Lines that meet within this share of their length from an end of each (an arrow's head, a V)
 * only touch: a short axis crosses the long axis inside at least one of the two, even where a
 * reader drew it near the long axis's end or ending on it.
 */
const END_SHARE = 0.05
/**
 * A line crossing the longer one within this share of its end is an end cap (a ruler's tick, an
 * I-beam's bar), not a short axis: a short axis spans the lesion, and at the end of the lesion's
 * longest diameter the lesion is only a point wide.
 */
const CAP_SHARE = 0.02

export interface AxisPair {
  /** Indices into the lines given. */
  long: number
  short: number
}

export interface PairedLines {
  pairs: AxisPair[]
  /** Lines that cross no other (a length measurement, an arrow, a mark). */
  lone: number[]
  /** Short lines across another line's end: caps or ticks of a drawn ruler, no measurement. */
  caps: number[]
}

function lengthPx([a, b]: Segment): number {
  return Math.hypot(b[0] - a[0], b[1] - a[1])
}

/** Lines whose ends differ by less than this (px) along one image axis run along the other. */
const AXIS_ALIGNED_PX = 0.01
/** Two lines within this share of each other's length are equally long. */
const SAME_LENGTH_SHARE = 0.01

/**
 * A viewer's "+" marker (a point or crosshair mark), not a measurement: a horizontal and a
 * vertical line exactly as long as each other, each through the other's middle. A reader's two
 * axes are never all of that at once.
 */
export function isCrosshair(a: Segment, b: Segment): boolean {
  const along = ([p, q]: Segment) =>
    Math.abs(p[1] - q[1]) < AXIS_ALIGNED_PX
      ? 'row'
      : Math.abs(p[0] - q[0]) < AXIS_ALIGNED_PX
        ? 'column'
        : 'oblique'
  const [alongA, alongB] = [along(a), along(b)]
  if (alongA === 'oblique' || alongB === 'oblique' || alongA === alongB) return false
  if (Math.abs(lengthPx(a) - lengthPx(b)) > SAME_LENGTH_SHARE * lengthPx(a)) return false
  const middle = ([p, q]: Segment) => [(p[0] + q[0]) / 2, (p[1] + q[1]) / 2]
  const [ma, mb] = [middle(a), middle(b)]
  return Math.hypot(ma[0] - mb[0], ma[1] - mb[1]) < SAME_LENGTH_SHARE * lengthPx(a)
}

/** Where two lines cross: |cos| of their angle, and the share of each line's length it lies at. */
interface Crossing {
  cosine: number
  alongA: number
  alongB: number
}

/**
 * How two lines cross (within CROSSING_SLACK of their ends, and not where both end), else
 * undefined.
 */
function crossing(a: Segment, b: Segment): Crossing | undefined {
  const ax = a[1][0] - a[0][0]
  const ay = a[1][1] - a[0][1]
  const bx = b[1][0] - b[0][0]
  const by = b[1][1] - b[0][1]
  const denominator = ax * by - ay * bx
  const lengths = Math.hypot(ax, ay) * Math.hypot(bx, by)
  if (lengths === 0 || Math.abs(denominator) < 1e-12 * lengths) return undefined
  // a[0] + t·(a[1] − a[0]) = b[0] + u·(b[1] − b[0])
  const cx = b[0][0] - a[0][0]
  const cy = b[0][1] - a[0][1]
  const t = (cx * by - cy * bx) / denominator
  const u = (cx * ay - cy * ax) / denominator
  const within = (v: number) => v >= -CROSSING_SLACK && v <= 1 + CROSSING_SLACK
  if (!within(t) || !within(u)) return undefined
  const atEnd = (v: number) => v < END_SHARE || v > 1 - END_SHARE
  if (atEnd(t) && atEnd(u)) return undefined
  return { cosine: Math.abs(ax * bx + ay * by) / lengths, alongA: t, alongB: u }
}

/**
 * |cos| of the angle between two lines when they cross (within CROSSING_SLACK of their ends, and
 * not where both end), else undefined: the smaller, the more perpendicular.
 */
export function crossingCosine(a: Segment, b: Segment): number | undefined {
  return crossing(a, b)?.cosine
}

/**
 * The bidirectional measurements among `lines`: pairs that cross at more than
 * MIN_CROSSING_ANGLE_DEG, away from the longer one's ends, and are no crosshair, the most perpendicular first, each line in one
 * pair at most; the rest are lone.
 */
export function pairAxes(lines: readonly Segment[]): PairedLines {
  const widest = Math.cos((MIN_CROSSING_ANGLE_DEG * Math.PI) / 180)
  const candidates: { i: number; j: number; cosine: number }[] = []
  const caps = new Set<number>()
  for (let i = 0; i < lines.length; i++) {
    for (let j = i + 1; j < lines.length; j++) {
      const meeting = crossing(lines[i], lines[j])
      if (!meeting || meeting.cosine >= widest || isCrosshair(lines[i], lines[j])) continue
      const iLonger = lengthPx(lines[i]) >= lengthPx(lines[j])
      const alongLonger = iLonger ? meeting.alongA : meeting.alongB
      if (alongLonger < CAP_SHARE || alongLonger > 1 - CAP_SHARE) {
        caps.add(iLonger ? j : i)
        continue
      }
      candidates.push({ i, j, cosine: meeting.cosine })
    }
  }
  candidates.sort((x, y) => x.cosine - y.cosine || x.i - y.i || x.j - y.j)
  const used = new Set<number>()
  const pairs: AxisPair[] = []
  for (const { i, j } of candidates) {
    if (used.has(i) || used.has(j)) continue
    used.add(i).add(j)
    // Pixel lengths decide; with pixels not square the import checks the lengths in mm again.
    pairs.push(
      lengthPx(lines[i]) >= lengthPx(lines[j]) ? { long: i, short: j } : { long: j, short: i },
    )
  }
  pairs.sort((x, y) => Math.min(x.long, x.short) - Math.min(y.long, y.short))
  const unpaired = lines.map((_, k) => k).filter((k) => !used.has(k))
  return {
    pairs,
    lone: unpaired.filter((k) => !caps.has(k)),
    caps: unpaired.filter((k) => caps.has(k)),
  }
}
