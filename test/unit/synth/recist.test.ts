import { describe, expect, it } from 'vitest'
import type { PixelXY } from '../../../electron/core/model/types'
import { axisLengthPx, measureRecist } from '../../../electron/core/synth/recist'

/** Pixels whose centers lie inside an ellipse with semi-axes a, b (px) rotated by `angle`. */
function ellipsePixels(a: number, b: number, angle: number): PixelXY[] {
  const pixels: PixelXY[] = []
  const [cx, cy] = [50.3, 40.7]
  for (let j = 0; j < 100; j++) {
    for (let i = 0; i < 100; i++) {
      const dx = i - cx
      const dy = j - cy
      const u = dx * Math.cos(angle) + dy * Math.sin(angle)
      const v = -dx * Math.sin(angle) + dy * Math.cos(angle)
      if ((u / a) ** 2 + (v / b) ** 2 <= 1) pixels.push([i, j])
    }
  }
  return pixels
}

describe('measureRecist', () => {
  for (const [a, b, angle] of [
    [20, 12, 0],
    [15, 9, 0.7],
    [25, 24, 2.1],
    [8, 3, 1.2],
  ]) {
    it(`measures an ellipse of diameters ${2 * a} × ${2 * b} px at ${angle} rad`, () => {
      const axes = measureRecist(ellipsePixels(a, b, angle))!
      expect(Math.abs(axisLengthPx(axes.longAxisPx) - 2 * a)).toBeLessThan(1.5)
      expect(Math.abs(axisLengthPx(axes.shortAxisPx) - 2 * b)).toBeLessThan(1.5)
      const [l, s] = [axes.longAxisPx, axes.shortAxisPx].map(([p, q]) => [q[0] - p[0], q[1] - p[1]])
      const cos = (l[0] * s[0] + l[1] * s[1]) / (Math.hypot(l[0], l[1]) * Math.hypot(s[0], s[1]))
      expect(Math.abs(cos)).toBeLessThan(1e-9)
      if (a > b + 2) {
        // The longest chord of a pixelated outline may run corner to corner of its end pixels.
        const direction = Math.atan2(l[1], l[0])
        expect(Math.abs(Math.sin(direction - angle))).toBeLessThan(0.15)
      }
    })
  }

  it('measures a single pixel as one pixel across, edge to edge', () => {
    const axes = measureRecist([[4, 5]])!
    expect(axisLengthPx(axes.longAxisPx)).toBeCloseTo(1, 9)
    expect(axisLengthPx(axes.shortAxisPx)).toBeCloseTo(1, 9)
  })

  it('returns nothing for an empty cross-section', () => {
    expect(measureRecist([])).toBeUndefined()
  })
})
