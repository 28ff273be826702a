// Studies compared side by side must show the patient the same way round: a feet-first or prone
// series is flipped to the head-first supine view, coronal and sagittal reformats follow the
// radiological conventions, and each view edge is labelled with the patient direction it faces.
import { describe, expect, it } from 'vitest'
import type { Vec3, VolumeGeometry } from '../../../electron/api/geometry'
import {
  displayAxes,
  patientLetters,
  viewDirection,
} from '../../../renderer/src/viewer/display-axes'
import { axial, feetFirst, prone } from './geometries'

const coronal: VolumeGeometry = {
  ...axial,
  rowDirection: [1, 0, 0],
  columnDirection: [0, 0, -1],
  sliceNormal: [0, 1, 0],
}
const sagittal: VolumeGeometry = {
  ...axial,
  rowDirection: [0, 1, 0],
  columnDirection: [0, 0, -1],
  sliceNormal: [1, 0, 0],
}
/** Axial with rows and columns swapped: rows run posterior, columns to the patient's left. */
const transposed: VolumeGeometry = {
  ...axial,
  rowDirection: [0, 1, 0],
  columnDirection: [1, 0, 0],
  sliceNormal: [0, 0, -1],
}

/** The view direction of `geometry`, with −0 written as 0. */
const into = (geometry: VolumeGeometry) => viewDirection(displayAxes(geometry)).map((c) => c + 0)

/** Letters at the left, right, top and bottom edges of a view of `geometry`. */
function edges(geometry: VolumeGeometry): string[] {
  const { right, down } = displayAxes(geometry)
  const minus = (v: Vec3) => v.map((c) => -c) as Vec3
  return [minus(right.lps), right.lps, minus(down.lps), down.lps].map(patientLetters)
}

describe('displayAxes', () => {
  it.each([
    ['head-first supine', axial, 0, 1, 1, 1],
    ['feet-first supine', feetFirst, 0, -1, 1, 1],
    ['prone', prone, 0, -1, 1, -1],
    ['transposed', transposed, 1, 1, 0, 1],
  ] as const)(
    'shows a %s axial series from the feet, anterior up',
    (_, geometry, rightAxis, rightSign, downAxis, downSign) => {
      const { right, down } = displayAxes(geometry)
      expect([right.axis, right.sign, down.axis, down.sign]).toEqual([
        rightAxis,
        rightSign,
        downAxis,
        downSign,
      ])
      expect(edges(geometry)).toEqual(['R', 'L', 'A', 'P'])
      // Looking from the feet toward the head.
      expect(into(geometry)).toEqual([0, 0, 1])
    },
  )

  it('shows a coronal series from the front and a sagittal one from the left, head up', () => {
    expect(edges(coronal)).toEqual(['R', 'L', 'S', 'I'])
    expect(into(coronal)).toEqual([0, 1, 0])
    expect(edges(sagittal)).toEqual(['A', 'P', 'S', 'I'])
    expect(into(sagittal)).toEqual([-1, 0, 0])
  })

  it('keeps the pixel axes square to the screen on an oblique series, and names both tilts', () => {
    const c = Math.cos(Math.PI / 6)
    const s = Math.sin(Math.PI / 6)
    const tilted: VolumeGeometry = {
      ...feetFirst,
      rowDirection: [-c, s, 0],
      columnDirection: [s, c, 0],
    }
    const { right, down } = displayAxes(tilted)
    expect(right.lps.map((v) => +v.toFixed(6))).toEqual([c, -s, 0].map((v) => +v.toFixed(6)))
    expect(down.lps.map((v) => +v.toFixed(6))).toEqual([s, c, 0].map((v) => +v.toFixed(6)))
    expect(edges(tilted)).toEqual(['RP', 'LA', 'AR', 'PL'])
  })
})
