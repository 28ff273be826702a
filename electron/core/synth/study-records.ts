/**
 * The records of one study, computed without touching the disk: its truth entries, the UIDs of
 * its slices and bookmarks, and its DL_info rows with the DeepLesion slice ranges to ship.
 */
import type { Vec3 } from '../geometry/frames'
import { deriveUid } from '../dicom/write/uid'
import { seriesFolderName } from '../deeplesion/dl-info'
import { dlInfoFileName, type DlInfoRowInput } from '../deeplesion/write/dl-info-writer'
import { deepLesionSliceIndex, mergedSliceRanges, rangeOf } from '../deeplesion/write/slice-ranges'
import { sliceBodyZ } from './acquisition'
import { trunkAt } from './anatomy/body-model'
import type { SynthBookmark } from './bookmarks'
import type { Lesion } from './lesions/lesion'
import type { PatientPlan, StudyPlan } from './patient'
import { scannerToBodyMatrix, type TruthBookmark, type TruthStudy } from './truth'

/** Soft-tissue display window written into the CT and reported in DL_info. */
export const WINDOW_CENTER_HU = 50
export const WINDOW_WIDTH_HU = 450

export interface StudyRecords {
  truthStudy: TruthStudy
  truthBookmarks: TruthBookmark[]
  dlInfoRows: DlInfoRowInput[]
  /** SOP Instance UID of slice k, indexed by k. */
  sopInstanceUids: string[]
  /** Tracking Unique Identifier of each bookmark, in bookmark order. */
  trackingUids: string[]
  /** DeepLesion slices to ship, as merged [first, last] index ranges. */
  deepLesionRanges: [number, number][]
  /** Relative folders of the DICOM series and of the DeepLesion series. */
  seriesFolder: string
  deepLesionFolder: string
}

function ageAt(birthDate: string, date: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number)
  const [y, m, d] = date.split('-').map(Number)
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0)
}

/**
 * Where the lesion sits relative to the body, as DeepLesion's Normalized_lesion_location: x and y
 * across the body outline at that level, z from 0 at the neck to about 0.85 at the upper thighs
 * (a linear stand-in for body-part regression).
 */
function normalizedLocation(plan: PatientPlan, centerBodyMm: Vec3): [number, number, number] {
  const { centerY, skin } = trunkAt(plan.body, centerBodyMm[2])
  const templateZ = centerBodyMm[2] / plan.body.scale[2]
  return [
    (centerBodyMm[0] + skin[0]) / (2 * skin[0]),
    (centerBodyMm[1] - centerY + skin[1]) / (2 * skin[1]),
    0.35 - (templateZ * 0.47) / 600,
  ]
}

const round2 = (v: number) => Math.round(v * 100) / 100

/** Truth entries, UIDs and DL_info rows of one study and its bookmarks; touches no file. */
export function studyRecords(
  seed: number,
  plan: PatientPlan,
  study: StudyPlan,
  bookmarks: SynthBookmark[],
): StudyRecords {
  const a = study.acquisition
  const s = a.studyIndex
  const seriesFolder = `${plan.patientId}/${study.folder}/SE01`
  const deepLesionFolder = `Images_png/${seriesFolderName({ patientIndex: plan.index + 1, studyIndex: s + 1, seriesId: 1 })}`
  const sopInstanceUids = Array.from({ length: a.sliceCount }, (_, k) =>
    deriveUid(seed, plan.patientId, s, 'ct image', k),
  )
  const trackingUids = bookmarks.map((_, n) => deriveUid(seed, plan.patientId, s, 'tracking', n))
  const lesionOf = (b: SynthBookmark) =>
    plan.lesions.find((l) => l.lesionId === b.lesionId) as Lesion
  const keySlices = bookmarks.map((b) => deepLesionSliceIndex(b.sliceIndex, a.sliceCount))
  const deepLesionRanges = mergedSliceRanges(
    bookmarks.map((b, n) => ({ index: keySlices[n], longAxisMm: b.longAxisMm })),
    a.sliceCount,
    a.sliceSpacingMm,
  )
  const age = ageAt(plan.birthDate, a.studyDate)
  const dlInfoRows = bookmarks.map((b, n): DlInfoRowInput => ({
    patientIndex: plan.index + 1,
    studyIndex: s + 1,
    seriesId: 1,
    keySliceIndex: keySlices[n],
    longAxisPx: b.longAxisPx,
    shortAxisPx: b.shortAxisPx,
    normalizedLocation: normalizedLocation(plan, b.centerBodyMm),
    lesionType: lesionOf(b).type,
    sliceRange: rangeOf(deepLesionRanges, keySlices[n]),
    spacingMm: [a.pixelSpacingMm, a.pixelSpacingMm, a.sliceSpacingMm],
    imageSize: [a.matrix, a.matrix],
    window: [WINDOW_CENTER_HU - WINDOW_WIDTH_HU / 2, WINDOW_CENTER_HU + WINDOW_WIDTH_HU / 2],
    gender: plan.sex,
    age,
    split: plan.split,
  }))
  const shift = a.tableShiftMm
  const truthStudy: TruthStudy = {
    studyIndex: s + 1,
    studyInstanceUid: study.studyInstanceUid,
    studyDate: a.studyDate,
    seriesInstanceUid: study.seriesInstanceUid,
    srSopInstanceUid: study.srSopInstanceUid,
    seriesFolder,
    deepLesionFolder,
    tableShiftMm: shift,
    scannerToBody: scannerToBodyMatrix(shift),
    breathingShiftMm: a.breathingShiftMm,
    region: a.region,
    scanRangeBodyZMm: [sliceBodyZ(a, 0), sliceBodyZ(a, a.sliceCount - 1)],
    sliceCount: a.sliceCount,
    sliceSpacingMm: a.sliceSpacingMm,
    sliceThicknessMm: a.sliceThicknessMm,
    pixelSpacingMm: a.pixelSpacingMm,
    matrix: [a.matrix, a.matrix],
    contrastPhase: a.phase,
    noiseSdHu: a.noiseSdHu,
    kvp: a.kvp,
    manufacturer: a.scanner.manufacturer,
    model: a.scanner.model,
    pixelStorage: a.scanner.storage,
    patientPosition: a.patientPosition,
  }
  const truthBookmarks = bookmarks.map((b, n): TruthBookmark => {
    const lesion = lesionOf(b)
    return {
      trackingUid: trackingUids[n],
      trackingIdentifier: b.trackingIdentifier,
      studyInstanceUid: study.studyInstanceUid,
      seriesInstanceUid: study.seriesInstanceUid,
      sopInstanceUid: sopInstanceUids[b.sliceIndex],
      sliceIndex: b.sliceIndex,
      instanceNumber: a.sliceCount - b.sliceIndex,
      lesionId: lesion.lesionId,
      type: lesion.type,
      longAxisMm: b.longAxisMm,
      shortAxisMm: b.shortAxisMm,
      longAxisPx: b.longAxisPx,
      shortAxisPx: b.shortAxisPx,
      centerBodyMm: b.centerBodyMm,
      centerScannerLps: b.centerBodyMm.map((v, axis) => round2(v + shift[axis])) as Vec3,
      deepLesion: { fileName: dlInfoFileName(dlInfoRows[n]), keySliceIndex: keySlices[n] },
    }
  })
  return {
    truthStudy,
    truthBookmarks,
    dlInfoRows,
    sopInstanceUids,
    trackingUids,
    deepLesionRanges,
    seriesFolder,
    deepLesionFolder,
  }
}
