/**
 * Writes one rendered study in the requested formats — the DICOM CT series and its SR, and/or
 * the DeepLesion slices around the key slices — and returns its truth records and DL_info rows.
 */
import { join } from 'node:path'
import type { Vec3 } from '../geometry/frames'
import { CT_IMAGE_STORAGE, writeCtSeries } from '../dicom/write/ct-series'
import { writeMeasurementReport } from '../dicom/write/measurement-report'
import { deriveUid } from '../dicom/write/uid'
import { seriesFolderName } from '../deeplesion/dl-info'
import { dlInfoFileName, type DlInfoRowInput } from '../deeplesion/write/dl-info-writer'
import { writeDeepLesionSlice } from '../deeplesion/write/png-slices'
import {
  deepLesionSliceIndex,
  mergedSliceRanges,
  rangeOf,
  volumeSliceOf,
} from '../deeplesion/write/slice-ranges'
import { FINDING_SITE_BY_TYPE } from '../sr/codes'
import { BODY_PART_EXAMINED, geometryOf, sliceBodyZ } from './acquisition'
import { trunkAt } from './anatomy/body-model'
import type { SynthBookmark } from './bookmarks'
import type { Lesion } from './lesions/lesion'
import type { PatientPlan, StudyPlan } from './patient'
import { scannerToBodyMatrix, type TruthBookmark, type TruthStudy } from './truth'

export type SynthFormat = 'dicom' | 'deeplesion' | 'both'

/** Soft-tissue display window written into the CT and reported in DL_info. */
const WINDOW_CENTER_HU = 50
const WINDOW_WIDTH_HU = 450

export interface StudyOutput {
  truthStudy: TruthStudy
  truthBookmarks: TruthBookmark[]
  dlInfoRows: DlInfoRowInput[]
}

const DESCRIPTIONS = {
  chest: 'CT CHEST',
  'chest-abdomen': 'CT CHEST ABDOMEN',
  'abdomen-pelvis': 'CT ABDOMEN PELVIS',
  'chest-abdomen-pelvis': 'CT CHEST ABDOMEN PELVIS',
} as const

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
function normalizedLocation(plan: PatientPlan, centreBodyMm: Vec3): [number, number, number] {
  const skin = trunkAt(plan.body, centreBodyMm[2]).skin
  const templateZ = centreBodyMm[2] / plan.body.scale[2]
  return [
    (centreBodyMm[0] + skin[0]) / (2 * skin[0]),
    (centreBodyMm[1] + skin[1]) / (2 * skin[1]),
    0.35 - (templateZ * 0.47) / 600,
  ]
}

export async function writeStudy(
  out: string,
  format: SynthFormat,
  seed: number,
  plan: PatientPlan,
  study: StudyPlan,
  hu: Int16Array,
  bookmarks: SynthBookmark[],
): Promise<StudyOutput> {
  const a = study.acquisition
  const s = a.studyIndex
  const geometry = geometryOf(a)
  const seriesFolder = join(plan.patientId, study.folder, 'SE01')
  const dlFolder = seriesFolderName({
    patientIndex: plan.index + 1,
    studyIndex: s + 1,
    seriesId: 1,
  })
  const sopInstanceUids = Array.from({ length: a.sliceCount }, (_, k) =>
    deriveUid(seed, plan.patientId, s, 'ct image', k),
  )
  const trackingUids = bookmarks.map((_, n) => deriveUid(seed, plan.patientId, s, 'tracking', n))
  const lesionOf = (b: SynthBookmark) =>
    plan.lesions.find((l) => l.lesionId === b.lesionId) as Lesion
  const patient = {
    patientId: plan.patientId,
    name: plan.name,
    birthDate: plan.birthDate,
    sex: plan.sex,
  }
  const studyDescription = `${DESCRIPTIONS[a.region]}${a.phase === 'portal-venous' ? ' WITH CONTRAST' : ''}`

  if (format !== 'deeplesion') {
    await writeCtSeries(join(out, seriesFolder), {
      geometry,
      hu,
      studyInstanceUid: study.studyInstanceUid,
      seriesInstanceUid: study.seriesInstanceUid,
      frameOfReferenceUid: study.frameOfReferenceUid,
      sopInstanceUids,
      patient,
      studyDate: a.studyDate,
      studyTime: a.studyTime,
      studyId: String(s + 1),
      studyDescription,
      accessionNumber: study.accessionNumber,
      seriesNumber: 2,
      seriesDescription: `AXIAL ${a.sliceThicknessMm.toFixed(1)} mm`,
      bodyPartExamined: BODY_PART_EXAMINED[a.region],
      patientPosition: a.patientPosition,
      sliceThicknessMm: a.sliceThicknessMm,
      windowCenterHu: WINDOW_CENTER_HU,
      windowWidthHu: WINDOW_WIDTH_HU,
      manufacturer: a.scanner.manufacturer,
      manufacturerModelName: a.scanner.model,
      kvp: a.kvp,
      convolutionKernel: a.scanner.kernel,
      contrastAgent: a.phase === 'portal-venous' ? 'IV CONTRAST' : '',
      pixelStorage: a.scanner.storage,
    })
    await writeMeasurementReport(join(out, plan.patientId, study.folder, 'SR0001.dcm'), {
      patient,
      studyInstanceUid: study.studyInstanceUid,
      studyDate: a.studyDate,
      studyTime: a.studyTime,
      studyId: String(s + 1),
      studyDescription,
      accessionNumber: study.accessionNumber,
      seriesInstanceUid: study.srSeriesInstanceUid,
      seriesNumber: 900,
      sopInstanceUid: study.srSopInstanceUid,
      manufacturer: a.scanner.manufacturer,
      observerName: 'SYNTHETIC^READER',
      referencedSeriesInstanceUid: study.seriesInstanceUid,
      bookmarks: bookmarks.map((b, n) => ({
        trackingIdentifier: b.trackingIdentifier,
        trackingUid: trackingUids[n],
        findingSite: FINDING_SITE_BY_TYPE[lesionOf(b).type],
        longAxisMm: b.longAxisMm,
        shortAxisMm: b.shortAxisMm,
        longAxisPx: b.longAxisPx,
        shortAxisPx: b.shortAxisPx,
        referencedSopClassUid: CT_IMAGE_STORAGE,
        referencedSopInstanceUid: sopInstanceUids[b.sliceIndex],
      })),
    })
  }

  const keySlices = bookmarks.map((b) => deepLesionSliceIndex(b.sliceIndex, a.sliceCount))
  const ranges = mergedSliceRanges(keySlices, a.sliceCount, a.sliceSpacingMm)
  if (format !== 'dicom') {
    for (const [first, last] of ranges) {
      for (let index = first; index <= last; index++) {
        await writeDeepLesionSlice(
          join(out, 'Images_png', dlFolder),
          index,
          hu,
          a.matrix,
          a.matrix,
          volumeSliceOf(index, a.sliceCount),
        )
      }
    }
  }
  const age = ageAt(plan.birthDate, a.studyDate)
  const dlInfoRows = bookmarks.map((b, n): DlInfoRowInput => ({
    patientIndex: plan.index + 1,
    studyIndex: s + 1,
    seriesId: 1,
    keySliceIndex: keySlices[n],
    longAxisPx: b.longAxisPx,
    shortAxisPx: b.shortAxisPx,
    normalizedLocation: normalizedLocation(plan, b.centreBodyMm),
    lesionType: lesionOf(b).type,
    sliceRange: rangeOf(ranges, keySlices[n]),
    spacingMm: [a.pixelSpacingMm, a.pixelSpacingMm, a.sliceSpacingMm],
    imageSize: [a.matrix, a.matrix],
    window: [WINDOW_CENTER_HU - WINDOW_WIDTH_HU / 2, WINDOW_CENTER_HU + WINDOW_WIDTH_HU / 2],
    gender: plan.sex,
    age,
    split: plan.split,
  }))
  const shift = a.tableShiftMm
  return {
    truthStudy: {
      studyIndex: s + 1,
      studyInstanceUid: study.studyInstanceUid,
      studyDate: a.studyDate,
      seriesInstanceUid: study.seriesInstanceUid,
      srSopInstanceUid: study.srSopInstanceUid,
      seriesFolder: format === 'deeplesion' ? '' : seriesFolder,
      deepLesionFolder: format === 'dicom' ? '' : join('Images_png', dlFolder),
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
    },
    truthBookmarks: bookmarks.map((b, n) => {
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
        centerBodyMm: b.centreBodyMm,
        centerScannerLps: [
          b.centreBodyMm[0] + shift[0],
          b.centreBodyMm[1] + shift[1],
          b.centreBodyMm[2] + shift[2],
        ],
        deepLesion: { fileName: dlInfoFileName(dlInfoRows[n]), keySliceIndex: keySlices[n] },
      }
    }),
    dlInfoRows,
  }
}
