/**
 * A handful of small in-memory patients with two studies each and known lesion identities, for
 * tests that need labelled patches: three lesion types in different tissue, shifted between studies.
 */
import type { Vec3 } from '../../../electron/core/geometry/frames'
import type { PatchVolume } from '../../../electron/core/patch/extract'
import type { LabelledBookmark } from '../../../electron/core/patch/lesion-labels'
import type { LesionType } from '../../../electron/core/model/types'
import { axialGeometry, bookmarkAt, rasterize } from '../patch/phantom'

interface PhantomLesion {
  type: LesionType
  centerBodyMm: Vec3
  radiusMm: number
  hu: number
}

/** Tissue around each lesion type: liver-like, lung-like and bone-like surroundings. */
const SURROUNDINGS: Partial<Record<LesionType, number>> = { 4: 60, 5: -850, 1: 400 }
const LESION_HU: Partial<Record<LesionType, number>> = { 4: 10, 5: 20, 1: 900 }

function lesionsOf(patient: number): PhantomLesion[] {
  const types: LesionType[] = [4, 5, 1]
  return types.map((type, n) => ({
    type,
    centerBodyMm: [-60 + 60 * n + 4 * patient, 20 - 8 * patient + 10 * n, 0],
    radiusMm: 5 + ((patient * 3 + n * 5) % 8),
    hu: LESION_HU[type] ?? 0,
  }))
}

export interface PhantomCohort {
  volumes: Map<string, PatchVolume>
  lesions: LabelledBookmark[]
}

/**
 * `patients` patients, 2 studies each, 3 lesions per study; study 2 moves the table by a few
 * centimetres and grows every lesion by 10 %.
 */
export function phantomCohort(patients: number): PhantomCohort {
  const volumes = new Map<string, PatchVolume>()
  const lesions: LabelledBookmark[] = []
  const geometry = axialGeometry([96, 96, 10], [2.5, 2.5, 4])
  for (let p = 0; p < patients; p++) {
    const body = lesionsOf(p)
    for (const studyIndex of [1, 2]) {
      const tableMm: Vec3 = studyIndex === 1 ? [0, 0, 0] : [12 - 3 * p, -9, 4]
      const growth = studyIndex === 1 ? 1 : 1.1
      const seriesUid = `P${p}-S${studyIndex}`
      const hu = rasterize(geometry, ([x, y, z]) => {
        const bodyPoint: Vec3 = [x - tableMm[0], y - tableMm[1], z - tableMm[2]]
        if ((bodyPoint[0] / 115) ** 2 + (bodyPoint[1] / 90) ** 2 > 1) return -1000
        for (const lesion of body) {
          const d = Math.hypot(...bodyPoint.map((v, axis) => v - lesion.centerBodyMm[axis]))
          if (d < lesion.radiusMm * growth) return lesion.hu
          if (d < 28) return SURROUNDINGS[lesion.type] ?? 0
        }
        return 40
      })
      volumes.set(seriesUid, { geometry, hu })
      body.forEach((lesion, n) => {
        const centerScannerMm = lesion.centerBodyMm.map((v, axis) => v + tableMm[axis]) as Vec3
        const ijk = centerScannerMm.map(
          (v, axis) => (v - geometry.originLps[axis]) / geometry.spacingMm[axis],
        ) as Vec3
        ijk[2] = Math.round(ijk[2])
        const diameter = 2 * lesion.radiusMm * growth
        const bookmark = {
          ...bookmarkAt(geometry, ijk, diameter, diameter * 0.8, `${seriesUid}-L${n}`),
          patientId: `P${p}`,
          studyInstanceUid: `P${p}-study${studyIndex}`,
          seriesInstanceUid: seriesUid,
          lesionType: lesion.type,
        }
        lesions.push({
          bookmark,
          studyIndex,
          lesionId: `P${p}-L${n}`,
          normalizedLocation: [
            0.5 + lesion.centerBodyMm[0] / 230,
            0.5 + lesion.centerBodyMm[1] / 180,
            0.5,
          ],
        })
      })
    }
  }
  return { volumes, lesions }
}
