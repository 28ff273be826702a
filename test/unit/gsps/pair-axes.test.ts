// Which lines drawn on one image are a RECIST measurement: two lines crossing at a wide angle are
// its long and short axis; arrows, parallel or separate lines are not.
import { describe, expect, it } from 'vitest'
import { crossingCosine, pairAxes, type Segment } from '../../../electron/core/gsps/pair-axes'

/** A line of `length` px through (cx, cy) at `degrees` from the x axis. */
function line(cx: number, cy: number, length: number, degrees: number): Segment {
  const dx = (Math.cos((degrees * Math.PI) / 180) * length) / 2
  const dy = (Math.sin((degrees * Math.PI) / 180) * length) / 2
  return [
    [cx - dx, cy - dy],
    [cx + dx, cy + dy],
  ]
}

describe('crossingCosine', () => {
  it('is 0 for perpendicular crossing lines and undefined for lines that do not meet', () => {
    expect(crossingCosine(line(50, 50, 20, 0), line(50, 50, 10, 90))).toBeCloseTo(0, 12)
    expect(crossingCosine(line(50, 50, 20, 0), line(80, 50, 10, 90))).toBeUndefined()
    expect(crossingCosine(line(50, 50, 20, 0), line(50, 60, 20, 0))).toBeUndefined()
  })

  it('counts a short axis that ends on the long axis as crossing it', () => {
    const long: Segment = [
      [10, 50],
      [40, 50],
    ]
    const short: Segment = [
      [25, 50],
      [25, 62],
    ]
    expect(crossingCosine(long, short)).toBeCloseTo(0, 12)
  })
})

describe('pairAxes', () => {
  it('pairs two crossing lines, the longer as the long axis, whatever their order', () => {
    const lines = [line(60, 40, 12, 100), line(60, 40, 25, 10)]
    expect(pairAxes(lines)).toEqual({ pairs: [{ long: 1, short: 0 }], lone: [], caps: [] })
  })

  it('tells two measurements on one image apart, and leaves a separate line alone', () => {
    const lines = [
      line(30, 30, 20, 0),
      line(100, 80, 30, 45),
      line(30, 30, 12, 90),
      line(100, 80, 18, 135),
      line(200, 200, 15, 0),
    ]
    expect(pairAxes(lines)).toEqual({
      pairs: [
        { long: 0, short: 2 },
        { long: 1, short: 3 },
      ],
      lone: [4],
      caps: [],
    })
  })

  it('reads a ruler drawn with a bar across each end as one line, its bars as caps', () => {
    const ruler = line(50, 50, 40, 20)
    const bar = (end: number): Segment => {
      const [x, y] = ruler[end]
      return line(x, y, 6, 110)
    }
    expect(pairAxes([ruler, bar(0), bar(1)])).toEqual({ pairs: [], lone: [0], caps: [1, 2] })
    // A short axis 9 % of the way along is still one (the near-end case above); 1 % is a cap.
    const along = (share: number): Segment => {
      const [[x0, y0], [x1, y1]] = ruler
      return line(x0 + share * (x1 - x0), y0 + share * (y1 - y0), 14, 110)
    }
    expect(pairAxes([ruler, along(0.09)]).pairs).toEqual([{ long: 0, short: 1 }])
    expect(pairAxes([ruler, along(0.01)])).toEqual({ pairs: [], lone: [0], caps: [1] })
  })

  it('does not read an arrow (a shaft and two head strokes meeting at 30°) as a measurement', () => {
    const tip: [number, number] = [50, 50]
    const stroke = (degrees: number): Segment => [
      tip,
      [
        tip[0] + 6 * Math.cos((degrees * Math.PI) / 180),
        tip[1] + 6 * Math.sin((degrees * Math.PI) / 180),
      ],
    ]
    const arrow = [[tip, [90, 50]] as Segment, stroke(30), stroke(-30)]
    expect(pairAxes(arrow)).toEqual({ pairs: [], lone: [0, 1, 2], caps: [] })
  })

  it('pairs a short axis drawn near the end of the long axis, but not two strokes meeting in a V', () => {
    const long: Segment = [
      [10, 50],
      [50, 50],
    ]
    const nearEnd: Segment = [
      [13.8, 47],
      [13.8, 52],
    ]
    expect(pairAxes([long, nearEnd]).pairs).toEqual([{ long: 0, short: 1 }])
    const v: Segment[] = [
      [
        [10, 10],
        [30, 10],
      ],
      [
        [10, 10],
        [10, 25],
      ],
    ]
    expect(pairAxes(v)).toEqual({ pairs: [], lone: [0, 1], caps: [] })
  })

  it('does not read a "+" marker (equal horizontal and vertical lines through one middle)', () => {
    const plus = [line(40, 40, 10, 0), line(40, 40, 10, 90)]
    expect(pairAxes(plus)).toEqual({ pairs: [], lone: [0, 1], caps: [] })
    // A reader's axes of a round lesion: nearly equal, but not exactly, or not along the image axes.
    expect(pairAxes([line(40, 40, 10, 0), line(40, 40, 9.6, 90)]).pairs).toHaveLength(1)
    expect(pairAxes([line(40, 40, 10, 12), line(40, 40, 10, 102)]).pairs).toHaveLength(1)
  })

  it('pairs the most perpendicular partner when a line crosses two', () => {
    const lines = [line(50, 50, 40, 0), line(45, 50, 10, 70), line(55, 50, 12, 91)]
    expect(pairAxes(lines).pairs).toEqual([{ long: 0, short: 2 }])
    expect(pairAxes(lines).lone).toEqual([1])
  })
})
