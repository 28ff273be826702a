// A RECIST short axis is perpendicular to the long axis in the patient, so a hand-drawn one must
// be turned perpendicular in millimetres (pixels of 0.5 × 0.8 mm are not square), keep its
// midpoint and the length it spans across the long axis, and keep its drawing direction.
import { describe, expect, it } from 'vitest'
import { perpendicularShortAxis } from '../../../renderer/src/viewer/short-axis'

const spacing: [number, number] = [0.5, 0.8]
const mm = ([x, y]: [number, number]): [number, number] => [x * spacing[0], y * spacing[1]]

describe('perpendicularShortAxis', () => {
  it('turns a slanted stroke perpendicular to the long axis in mm, about its midpoint', () => {
    const long: [[number, number], [number, number]] = [
      [10, 10],
      [50, 30],
    ]
    const drawn: [[number, number], [number, number]] = [
      [28, 30],
      [34, 8],
    ]
    const [a, b] = perpendicularShortAxis(long, drawn, spacing)
    const [l0, l1] = long.map(mm)
    const [s0, s1] = [a, b].map(mm)
    const dot = (l1[0] - l0[0]) * (s1[0] - s0[0]) + (l1[1] - l0[1]) * (s1[1] - s0[1])
    expect(dot).toBeCloseTo(0, 9)
    expect((a[0] + b[0]) / 2).toBeCloseTo(31, 9)
    expect((a[1] + b[1]) / 2).toBeCloseTo(19, 9)
    // Its length is the stroke's extent across the long axis, in mm.
    const [d0, d1] = drawn.map(mm)
    const length = Math.hypot(l1[0] - l0[0], l1[1] - l0[1])
    const across = Math.abs(
      ((d1[0] - d0[0]) * -(l1[1] - l0[1]) + (d1[1] - d0[1]) * (l1[0] - l0[0])) / length,
    )
    expect(Math.hypot(s1[0] - s0[0], s1[1] - s0[1])).toBeCloseTo(across, 9)
  })

  it('leaves a stroke already perpendicular as drawn', () => {
    const long: [[number, number], [number, number]] = [
      [0, 10],
      [40, 10],
    ]
    const drawn: [[number, number], [number, number]] = [
      [20, 4],
      [20, 16],
    ]
    const out = perpendicularShortAxis(long, drawn, spacing)
    out.flat().forEach((v, n) => expect(v).toBeCloseTo(drawn.flat()[n], 9))
  })
})
