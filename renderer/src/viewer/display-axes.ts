/**
 * How a slice is laid on screen. Every study is shown in one anatomical orientation, whichever
 * way the scanner stored it, so that studies side by side compare: axial slices as seen from the
 * feet with anterior up (the patient's right on the screen's left), coronal from the front with
 * superior up, sagittal from the patient's left with superior up and anterior on the left. A
 * feet-first or prone series is flipped to match a head-first supine one instead of showing the
 * lesion mirrored. Only flips and a swap of the pixel axes are used, never a rotation: pixels stay
 * square to the screen.
 */
import { cross, dot, type Vec3, type VolumeGeometry } from '../../../electron/api/geometry'

/** One screen direction: the pixel axis running along it (0 = i, 1 = j) and its sign. */
export interface ScreenAxis {
  axis: 0 | 1
  sign: 1 | -1
  /** The unit patient LPS vector of that screen direction (± the row or column direction). */
  lps: Vec3
}

export interface DisplayAxes {
  right: ScreenAxis
  down: ScreenAxis
}

/** Patient letters (LPS) at the end each LPS axis points to, and at its other end. */
const TOWARD: readonly [string, string][] = [
  ['L', 'R'],
  ['P', 'A'],
  ['S', 'I'],
]

/** LPS directions that screen right and down should follow, by the slice normal's main axis. */
const TARGETS: Record<0 | 1 | 2, { right: Vec3; down: Vec3 }> = {
  // Sagittal: anterior on the left, so screen right is posterior; feet down.
  0: { right: [0, 1, 0], down: [0, 0, -1] },
  // Coronal: the patient's left on screen right (seen from the front); feet down.
  1: { right: [1, 0, 0], down: [0, 0, -1] },
  // Axial: the patient's left on screen right (seen from the feet); posterior down.
  2: { right: [1, 0, 0], down: [0, 1, 0] },
}

function screenAxis(axis: 0 | 1, direction: Vec3, target: Vec3): ScreenAxis {
  const sign = dot(direction, target) < 0 ? -1 : 1
  return { axis, sign, lps: direction.map((c) => sign * c) as Vec3 }
}

const PLANES = ['sagittal', 'coronal', 'axial'] as const

/** The anatomical plane a series' slices lie closest to (by the slice normal's main axis). */
export function slicePlane(geometry: VolumeGeometry): (typeof PLANES)[number] {
  return PLANES[normalAxis(geometry)]
}

function normalAxis(geometry: VolumeGeometry): 0 | 1 | 2 {
  const n = geometry.sliceNormal.map(Math.abs)
  return n[2] >= n[0] && n[2] >= n[1] ? 2 : n[1] >= n[0] ? 1 : 0
}

/** The screen axes of a series; see the module comment. */
export function displayAxes(geometry: VolumeGeometry): DisplayAxes {
  const target = TARGETS[normalAxis(geometry)]
  const directions: [Vec3, Vec3] = [geometry.rowDirection, geometry.columnDirection]
  // The pixel axis closer to the wanted "down" runs down the screen; the other runs across.
  const downAxis =
    Math.abs(dot(directions[1], target.down)) >= Math.abs(dot(directions[0], target.down)) ? 1 : 0
  const rightAxis = downAxis === 1 ? 0 : 1
  return {
    right: screenAxis(rightAxis, directions[rightAxis], target.right),
    down: screenAxis(downAxis, directions[downAxis], target.down),
  }
}

/**
 * The patient direction a screen direction points to, as radiology labels view edges: the
 * letters of its main LPS components, largest first ("L", "PL" for an oblique).
 */
export function patientLetters(lps: Vec3): string {
  return [0, 1, 2]
    .filter((d) => Math.abs(lps[d]) > 0.25)
    .sort((a, b) => Math.abs(lps[b]) - Math.abs(lps[a]))
    .map((d) => TOWARD[d][lps[d] > 0 ? 0 : 1])
    .join('')
}

/** The direction of the camera's view (LPS): into the screen, given its right and down. */
export function viewDirection({ right, down }: DisplayAxes): Vec3 {
  return cross(right.lps, down.lps)
}
