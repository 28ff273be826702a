/**
 * Writes one rendered study in the requested formats: the DICOM CT series (a file per slice, or
 * one Enhanced or Legacy Converted Enhanced CT file) and its SR report, and/or DeepLesion slices.
 */
import { join } from 'node:path'
import { mkdir } from 'node:fs/promises'
import { CT_IMAGE_STORAGE } from '../dicom/sop-class'
import { writeCtSeries, type CtVolumeToWrite } from '../dicom/write/ct-series'
import { writeEnhancedCt } from '../dicom/write/enhanced-ct'
import { writeMeasurementReport, type SrBookmark } from '../dicom/write/measurement-report'
import { writePresentationState } from '../dicom/write/presentation-state'
import { RESCALE_INTERCEPT_HU } from '../dicom/write/ct-series'
import { deriveUid } from '../dicom/write/uid'
import { writeDeepLesionSlice } from '../deeplesion/write/png-slices'
import { volumeSliceOf } from '../deeplesion/write/slice-ranges'
import { FINDING_SITE_BY_TYPE } from '../sr/codes'
import { BODY_PART_EXAMINED, geometryOf } from './acquisition'
import type { SynthBookmark } from './bookmarks'
import type { PatientPlan, StudyPlan } from './patient'
import { WINDOW_CENTER_HU, WINDOW_WIDTH_HU, type StudyRecords } from './study-records'

export type SynthFormat = 'dicom' | 'deeplesion' | 'both'

/**
 * How a DICOM CT series is stored: a file per slice (default), one Enhanced CT file as a scanner
 * writes it, or one Legacy Converted Enhanced CT file as a converter makes of the classic slices.
 */
export type SynthCtLayout = 'classic' | 'enhanced' | 'legacy-converted'

/**
 * Where the reader's bookmarks go: a TID 1500 measurement report (SR0001.dcm), or a Grayscale
 * Softcopy Presentation State (PS0001.dcm) with the axes drawn as lines, as many PACS keep them.
 */
export type SynthBookmarkFile = 'sr' | 'gsps'

/** How a study's DICOM files are laid out. */
export interface SynthDicomLayout {
  ct: SynthCtLayout
  bookmarks: SynthBookmarkFile
}

/** The file name of the one multi-frame file in a series folder (multi-frame layouts). */
export const ENHANCED_CT_FILE = 'EN0001.dcm'

/** SOP Instance UID of the study's one multi-frame file (multi-frame layouts). */
export function enhancedSopInstanceUid(study: StudyPlan): string {
  return deriveUid(study.seriesInstanceUid, 'enhanced ct')
}

const DESCRIPTIONS = {
  chest: 'CT CHEST',
  'chest-abdomen': 'CT CHEST ABDOMEN',
  'abdomen-pelvis': 'CT ABDOMEN PELVIS',
  'chest-abdomen-pelvis': 'CT CHEST ABDOMEN PELVIS',
} as const

/** How the SR refers to the image of slice k. */
type ImageReference = (
  sliceIndex: number,
) => Pick<
  SrBookmark,
  'referencedSopClassUid' | 'referencedSopInstanceUid' | 'referencedFrameNumber'
>

async function writeClassicImages(
  dir: string,
  volume: CtVolumeToWrite,
  records: StudyRecords,
): Promise<ImageReference> {
  await writeCtSeries(dir, volume)
  return (k) => ({
    referencedSopClassUid: CT_IMAGE_STORAGE,
    referencedSopInstanceUid: records.sopInstanceUids[k],
  })
}

async function writeMultiFrameImage(
  dir: string,
  volume: CtVolumeToWrite,
  study: StudyPlan,
  records: StudyRecords,
  layout: Exclude<SynthCtLayout, 'classic'>,
): Promise<ImageReference> {
  await mkdir(dir, { recursive: true })
  const written = await writeEnhancedCt(join(dir, ENHANCED_CT_FILE), volume, {
    sopInstanceUid: enhancedSopInstanceUid(study),
    // The classic slices it is made of, named in its frames (though not written themselves).
    convertedFrom: layout === 'legacy-converted' ? records.sopInstanceUids : undefined,
  })
  return (k) => ({
    referencedSopClassUid: written.sopClassUid,
    referencedSopInstanceUid: written.sopInstanceUid,
    referencedFrameNumber: written.frameNumbers[k],
  })
}

async function writeDicom(
  out: string,
  layout: SynthDicomLayout,
  plan: PatientPlan,
  study: StudyPlan,
  hu: Int16Array,
  bookmarks: SynthBookmark[],
  records: StudyRecords,
): Promise<void> {
  const a = study.acquisition
  const patient = {
    patientId: plan.patientId,
    name: plan.name,
    birthDate: plan.birthDate,
    sex: plan.sex,
  }
  const common = {
    patient,
    studyInstanceUid: study.studyInstanceUid,
    studyDate: a.studyDate,
    studyTime: a.studyTime,
    studyId: String(a.studyIndex + 1),
    studyDescription: `${DESCRIPTIONS[a.region]}${a.phase === 'portal-venous' ? ' WITH CONTRAST' : ''}`,
    accessionNumber: study.accessionNumber,
    manufacturer: a.scanner.manufacturer,
  }
  const volume = {
    ...common,
    geometry: geometryOf(a),
    hu,
    seriesInstanceUid: study.seriesInstanceUid,
    frameOfReferenceUid: study.frameOfReferenceUid,
    sopInstanceUids: records.sopInstanceUids,
    seriesNumber: 2,
    seriesDescription: `AXIAL ${a.sliceThicknessMm.toFixed(1)} mm`,
    bodyPartExamined: BODY_PART_EXAMINED[a.region],
    patientPosition: a.patientPosition,
    sliceThicknessMm: a.sliceThicknessMm,
    windowCenterHu: WINDOW_CENTER_HU,
    windowWidthHu: WINDOW_WIDTH_HU,
    manufacturerModelName: a.scanner.model,
    kvp: a.kvp,
    convolutionKernel: a.scanner.kernel,
    contrastAgent: a.phase === 'portal-venous' ? 'IV CONTRAST' : '',
    pixelStorage: a.scanner.storage,
  }
  const seriesDir = join(out, records.seriesFolder)
  const image =
    layout.ct === 'classic'
      ? await writeClassicImages(seriesDir, volume, records)
      : await writeMultiFrameImage(seriesDir, volume, study, records, layout.ct)
  const report = {
    ...common,
    seriesNumber: 900,
    referencedSeriesInstanceUid: study.seriesInstanceUid,
    bookmarks: bookmarks.map((b, n) => ({
      trackingIdentifier: b.trackingIdentifier,
      trackingUid: records.trackingUids[n],
      findingSite: FINDING_SITE_BY_TYPE[records.truthBookmarks[n].type],
      longAxisMm: b.longAxisMm,
      shortAxisMm: b.shortAxisMm,
      longAxisPx: b.longAxisPx,
      shortAxisPx: b.shortAxisPx,
      ...image(b.sliceIndex),
    })),
  }
  const studyDir = join(out, plan.patientId, study.folder)
  if (layout.bookmarks === 'gsps') {
    await writePresentationState(join(studyDir, 'PS0001.dcm'), {
      ...report,
      seriesInstanceUid: deriveUid(study.srSeriesInstanceUid, 'presentation state'),
      sopInstanceUid: deriveUid(study.srSopInstanceUid, 'presentation state'),
      creatorName: 'SYNTHETIC^READER',
      matrix: { rows: a.matrix, columns: a.matrix },
      bodyPartExamined: BODY_PART_EXAMINED[a.region],
      rescaleInterceptHu: RESCALE_INTERCEPT_HU,
    })
    return
  }
  await writeMeasurementReport(join(studyDir, 'SR0001.dcm'), {
    ...report,
    seriesInstanceUid: study.srSeriesInstanceUid,
    sopInstanceUid: study.srSopInstanceUid,
    observerName: 'SYNTHETIC^READER',
  })
}

async function writeDeepLesion(
  out: string,
  study: StudyPlan,
  hu: Int16Array,
  records: StudyRecords,
): Promise<void> {
  const a = study.acquisition
  for (const [first, last] of records.deepLesionRanges) {
    for (let index = first; index <= last; index++) {
      const k = volumeSliceOf(index, a.sliceCount)
      await writeDeepLesionSlice(
        join(out, records.deepLesionFolder),
        index,
        hu,
        a.matrix,
        a.matrix,
        k,
      )
    }
  }
}

/** Writes the study's files; `records` come from studyRecords for the same bookmarks. */
export async function writeStudyFiles(
  out: string,
  format: SynthFormat,
  plan: PatientPlan,
  study: StudyPlan,
  hu: Int16Array,
  bookmarks: SynthBookmark[],
  records: StudyRecords,
  layout: SynthDicomLayout = { ct: 'classic', bookmarks: 'sr' },
): Promise<void> {
  if (format !== 'deeplesion') await writeDicom(out, layout, plan, study, hu, bookmarks, records)
  if (format !== 'dicom') await writeDeepLesion(out, study, hu, records)
}
