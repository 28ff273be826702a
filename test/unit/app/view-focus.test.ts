// Zoom and pan decide where every RECIST mark lands once a view is not simply fitted: a lesion
// must come to the view centre, the point under the pointer must stay put while zooming, and a
// drag must carry the image with the pointer, on axial and oblique series alike.
import { describe, expect, it } from 'vitest'
import type { Vec3, VolumeGeometry } from '../../../electron/api/geometry'
import {
  focalPointLps,
  lesionFocus,
  lpsAtViewPoint,
  MAX_ZOOM,
  mmPerViewPixel,
  pannedFocus,
  zoomedFocus,
  type ViewFocus,
} from '../../../renderer/src/viewer/view-focus'
import { axial, feetFirst, prone } from './geometries'

/** Tilted by 30° about the row direction: the in-plane axes are no longer LPS axes. */
const c30 = Math.cos(Math.PI / 6)
const s30 = Math.sin(Math.PI / 6)
const oblique: VolumeGeometry = {
  ...axial,
  columnDirection: [0, c30, s30],
  sliceNormal: [0, -s30, c30],
}

/** A tall, narrow study view, like the three side by side on a laptop screen (CSS px). */
const size = { width: 320, height: 700 }

function expectClose(actual: Vec3, expected: Vec3): void {
  actual.forEach((v, d) => expect(v).toBeCloseTo(expected[d], 6))
}

describe.each([
  ['axial', axial],
  ['oblique', oblique],
  ['feet-first', feetFirst],
  ['prone', prone],
])('view focus on an %s series', (_, geometry) => {
  it('puts the lesion centre at the view centre on its slice and keeps it there on others', () => {
    const centre: Vec3 = [10, -20, -250]
    const focus = lesionFocus(geometry, centre, 20)
    const k = 20
    const onSlice = focalPointLps(geometry, k, focus)
    const shown = lpsAtViewPoint(geometry, k, focus, size, [size.width / 2, size.height / 2])
    expectClose(shown, onSlice)
    // The focal point is the lesion centre moved along the normal onto slice k.
    const offset = [0, 1, 2].map((d) => centre[d] - onSlice[d])
    const n = geometry.sliceNormal
    const along = offset[0] * n[0] + offset[1] * n[1] + offset[2] * n[2]
    expectClose(offset as Vec3, [along * n[0], along * n[1], along * n[2]])
  })

  it('keeps the point under the pointer in place while zooming in and out', () => {
    const pointer: [number, number] = [60, 150]
    let focus: ViewFocus = lesionFocus(geometry, [0, 0, -240], 15)
    for (const factor of [2, 0.5, 1.25, 3]) {
      const anchor = lpsAtViewPoint(geometry, 12, focus, size, pointer)
      const next = zoomedFocus(geometry, 12, focus, factor, anchor)
      expect(next).not.toBeNull()
      expect(next!.zoom).toBeCloseTo(Math.min(MAX_ZOOM, focus.zoom * factor))
      expectClose(lpsAtViewPoint(geometry, 12, next!, size, pointer), anchor)
      focus = next!
    }
  })

  it('carries the image with a drag: what was under the pointer is under it after the move', () => {
    const focus = lesionFocus(geometry, [5, 5, -260], 30)
    const from: [number, number] = [100, 300]
    const [dx, dy] = [37, -22]
    const mm = mmPerViewPixel(geometry, focus, size)
    const panned = pannedFocus(geometry, 16, focus, dx * mm, dy * mm)
    expect(panned.zoom).toBe(focus.zoom)
    expectClose(
      lpsAtViewPoint(geometry, 16, panned, size, [from[0] + dx, from[1] + dy]),
      lpsAtViewPoint(geometry, 16, focus, size, from),
    )
  })
})

describe('the view of a feet-first or prone series', () => {
  it.each([
    ['feet-first', feetFirst, 59 - 32],
    ['prone', prone, 32],
  ])('puts every point of a %s slice where the head-first supine view puts it', (_, other, k) => {
    // Both geometries cover one region, and slice k of `other` is slice 32 of `axial`: a view
    // point must show one patient point in both.
    const focus = lesionFocus(axial, [12, -30, -220], 20)
    for (const point of [
      [10, 20],
      [300, 650],
      [160, 350],
    ] as [number, number][]) {
      expectClose(
        lpsAtViewPoint(other, k, focus, size, point),
        lpsAtViewPoint(axial, 32, focus, size, point),
      )
    }
  })
})

describe('view focus limits', () => {
  it('zooms to show about eight long axes (100 mm at least) of the slice’s 358 mm extent', () => {
    expect(lesionFocus(axial, [0, 0, 0], 20).zoom).toBeCloseTo(358.4 / 160)
    expect(lesionFocus(axial, [0, 0, 0], 5).zoom).toBeCloseTo(358.4 / 100)
    // A lesion as large as the field is shown with the whole slice: never below the fit.
    expect(lesionFocus(axial, [0, 0, 0], 50).zoom).toBe(1)
  })

  it('shows one lesion size at one scale whatever the series’ pixel spacing', () => {
    const finer = { ...axial, spacingMm: [0.6, 0.6, 2.5] as Vec3, dims: [512, 512, 60] as Vec3 }
    const coarser = { ...axial, spacingMm: [0.9, 0.9, 2.5] as Vec3, dims: [512, 512, 60] as Vec3 }
    const mmPerPx = (g: VolumeGeometry) => mmPerViewPixel(g, lesionFocus(g, [0, 0, 0], 20), size)
    expect(mmPerPx(finer)).toBeCloseTo(mmPerPx(coarser))
  })

  it('returns to the fit (no focus) at zoom 1 and stops at the maximum zoom', () => {
    const focus = { centreLps: [0, 0, -250] as Vec3, zoom: 2 }
    expect(zoomedFocus(axial, 10, focus, 0.5)).toBeNull()
    expect(zoomedFocus(axial, 10, focus, 0.1)).toBeNull()
    expect(zoomedFocus(axial, 10, focus, 100)?.zoom).toBe(MAX_ZOOM)
  })

  it('fits the whole slice without a focus: the view spans the slice’s width in a narrow view', () => {
    // 512 columns × 0.7 mm = 358.4 mm across 320 CSS px.
    expect(mmPerViewPixel(axial, undefined, size)).toBeCloseTo(358.4 / 320)
  })
})
