import { describe, expect, it } from 'vitest'
import type { PixelXY } from '../../../electron/core/model/types'
import { sliceBodyZ, sliceGrid, sliceSlab } from '../../../electron/core/synth/acquisition'
import { readStudy, type SynthBookmark } from '../../../electron/core/synth/bookmarks'
import {
  lesionAtStudy,
  lesionReachMm,
  type LesionAtStudy,
} from '../../../electron/core/synth/lesions/lesion'
import { pixelCoverage } from '../../../electron/core/synth/lesions/paint'
import { LesionTypeBag } from '../../../electron/core/synth/lesions/plan'
import { planPatient, type StudyPlan } from '../../../electron/core/synth/patient'
import { Rng } from '../../../electron/core/synth/prng'

interface Read {
  study: StudyPlan
  present: LesionAtStudy[]
  bookmarks: SynthBookmark[]
}

/** Reads every study of six random patients, without rendering images. */
const reads: Read[] = []
const types = new LesionTypeBag(new Rng(3, 'types'))
for (let index = 0; index < 6; index++) {
  const plan = planPatient(3, index, { acquisition: {} }, types)
  for (const study of plan.studies) {
    const a = study.acquisition
    const present = plan.lesions
      .map((l) => lesionAtStudy(l, a.studyIndex, a.breathingShiftMm, a.phase))
      .filter((l) => l !== undefined)
    reads.push({
      study,
      present,
      bookmarks: readStudy(a, present, 0.9, new Rng(3, `reader ${index}`)),
    })
  }
}
const all = reads.flatMap((r) => r.bookmarks.map((b) => ({ ...r, b })))

const vector = ([p, q]: [PixelXY, PixelXY]) => [q[0] - p[0], q[1] - p[1]]
const length = (axis: [PixelXY, PixelXY]) => Math.hypot(...vector(axis))

describe('synthetic RECIST bookmarks', () => {
  it('exist: 1–8 per study over six patients', () => {
    expect(all.length).toBeGreaterThan(20)
    for (const r of reads) {
      expect(r.bookmarks.length).toBeGreaterThanOrEqual(1)
      expect(r.bookmarks.length).toBeLessThanOrEqual(8)
    }
  })

  it('have a long axis at least as long as the short axis, both in mm from the pixel spacing', () => {
    for (const { study, b } of all) {
      expect(b.longAxisMm).toBeGreaterThanOrEqual(b.shortAxisMm)
      expect(b.shortAxisMm).toBeGreaterThan(0)
      expect(b.longAxisMm).toBeCloseTo(length(b.longAxisPx) * study.acquisition.pixelSpacingMm, 1)
      expect(b.shortAxisMm).toBeCloseTo(length(b.shortAxisPx) * study.acquisition.pixelSpacingMm, 1)
    }
  })

  it('have perpendicular axes (within 3.5°) that cross each other', () => {
    for (const { b } of all) {
      const [lx, ly] = vector(b.longAxisPx)
      const [sx, sy] = vector(b.shortAxisPx)
      const cos = (lx * sx + ly * sy) / (Math.hypot(lx, ly) * Math.hypot(sx, sy))
      expect(Math.abs(90 - (Math.acos(cos) * 180) / Math.PI)).toBeLessThan(3.5)
      // Solve p + t·l = q + u·s for the crossing; both parameters lie within the segments.
      const [p, q] = [b.longAxisPx[0], b.shortAxisPx[0]]
      const det = lx * -sy - ly * -sx
      const t = ((q[0] - p[0]) * -sy - (q[1] - p[1]) * -sx) / det
      const u = (lx * (q[1] - p[1]) - ly * (q[0] - p[0])) / det
      expect(t).toBeGreaterThan(-0.05)
      expect(t).toBeLessThan(1.05)
      expect(u).toBeGreaterThan(-0.05)
      expect(u).toBeLessThan(1.05)
    }
  })

  it('lie on the lesion: the key slice cuts it and the long-axis midpoint is inside it', () => {
    for (const { study, present, b } of all) {
      const a = study.acquisition
      const at = present.find((l) => l.lesion.lesionId === b.lesionId)!
      expect(Math.abs(sliceBodyZ(a, b.sliceIndex) - at.centerBodyMm[2])).toBeLessThanOrEqual(
        lesionReachMm(at).z,
      )
      const grid = sliceGrid(a)
      const mid = [0, 1].map((axis) => (b.longAxisPx[0][axis] + b.longAxisPx[1][axis]) / 2)
      const x = grid.x0Mm + Math.round(mid[0]) * grid.spacingMm
      const y = grid.y0Mm + Math.round(mid[1]) * grid.spacingMm
      const slab = sliceSlab(a, b.sliceIndex)
      const depths = [
        slab[0] + 0.25 * (slab[1] - slab[0]),
        (slab[0] + slab[1]) / 2,
        slab[1] - 0.25 * (slab[1] - slab[0]),
      ]
      expect(pixelCoverage(at, x, y, depths, grid.spacingMm).coverage).toBeGreaterThan(0.3)
      expect(b.centerBodyMm[0]).toBeCloseTo(grid.x0Mm + mid[0] * grid.spacingMm, 1)
    }
  })

  it('measure about the lesion’s true size (0.5–1.5 × its in-plane diameter that day)', () => {
    for (const { present, b } of all) {
      const at = present.find((l) => l.lesion.lesionId === b.lesionId)!
      const diameter = 2 * at.lesion.radiiMm[0] * at.scale
      expect(b.longAxisMm / diameter).toBeGreaterThan(0.5)
      expect(b.longAxisMm / diameter).toBeLessThan(1.5)
    }
  })

  it('never name the same lesion twice in one study', () => {
    for (const r of reads) {
      const ids = r.bookmarks.map((b) => b.lesionId)
      expect(new Set(ids).size).toBe(ids.length)
    }
  })
})
