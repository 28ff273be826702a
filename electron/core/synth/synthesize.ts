/**
 * `synthesize`: writes a deterministic synthetic longitudinal CT data set — patients with several
 * studies, lesions that grow, shrink, vanish and appear, RECIST bookmarks — as DICOM (CT + SR),
 * the DeepLesion layout, or both, plus truth.json. The same options always give the same bytes.
 */
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import {
  DL_INFO_HEADER,
  formatDlInfoRow,
  type DlInfoRowInput,
} from '../deeplesion/write/dl-info-writer'
import { LESION_TYPE_NAMES } from '../model/types'
import type { ScanRegion } from './acquisition'
import { readStudy } from './bookmarks'
import { lesionAtStudy } from './lesions/lesion'
import { lesionPainter } from './lesions/paint'
import { LesionTypeBag, type LesionSpec } from './lesions/plan'
import { planPatient, type PatientPlan, type StudyPlan } from './patient'
import { Rng } from './prng'
import { renderVolume } from './raster/render'
import {
  enhancedSopInstanceUid,
  writeStudyFiles,
  type SynthBookmarkFile,
  type SynthCtLayout,
  type SynthFormat,
} from './study-output'
import { studyRecords, type StudyRecords } from './study-records'
import {
  GENERATOR_NAME,
  GENERATOR_VERSION,
  TRUTH_FILE,
  totalsOf,
  type Truth,
  type TruthBookmark,
  type TruthPatient,
} from './truth'

export interface SynthesizeOptions {
  patients: number
  seed: number
  /** Output folder; created if needed. */
  out: string
  format: SynthFormat
  /** Force the number of studies per patient (default: 2–6, median 3). */
  studies?: number
  /** Force the image matrix (default 512). */
  matrix?: number
  /** Force the slice spacing and thickness in mm (default: 5 mm 62 %, 1 mm 35 %, 2–3 mm). */
  sliceMm?: number
  /** Force the number of slices per study (default: the scan range / slice spacing). */
  slices?: number
  /** Force the scan region (default: mostly chest–abdomen–pelvis). */
  region?: ScanRegion
  /** A scripted lesion plan used for every patient (the demo); random when left out. */
  lesionSpecs?: LesionSpec[]
  /** Chance that the reader bookmarks a visible lesion (default 0.9; the demo uses 1). */
  bookmarkProbability?: number
  /**
   * 'enhanced' ('legacy-converted'): each DICOM CT series is one Enhanced CT (Legacy Converted
   * Enhanced CT) file and its bookmarks reference frames (truth bookmarks then name that file's
   * SOP instance; instanceNumber is the frame number).
   * Default 'classic': a file per slice, the output the committed models were trained on.
   */
  ctLayout?: SynthCtLayout
  /** 'gsps': the bookmarks as a Grayscale Softcopy Presentation State instead of an SR. */
  bookmarkFile?: SynthBookmarkFile
  /** Plan and measure only: write truth.json but no images, SR or DL_info (fast; for statistics). */
  truthOnly?: boolean
  /** Called after each study is written. */
  onStudyWritten?: (progress: {
    patient: number
    patients: number
    study: number
    studies: number
  }) => void
}

/** The study's truth bookmarks, referring to the multi-frame instance in a multi-frame layout. */
function truthBookmarksOf(
  options: SynthesizeOptions,
  study: StudyPlan,
  records: StudyRecords,
): TruthBookmark[] {
  if ((options.ctLayout ?? 'classic') === 'classic') return records.truthBookmarks
  const sopInstanceUid = enhancedSopInstanceUid(study)
  return records.truthBookmarks.map((bookmark) => ({ ...bookmark, sopInstanceUid }))
}

async function synthesizePatient(
  options: SynthesizeOptions,
  plan: PatientPlan,
  dlInfoRows: DlInfoRowInput[],
): Promise<TruthPatient> {
  const truth: TruthPatient = {
    patientId: plan.patientId,
    deepLesionPatientIndex: plan.index + 1,
    sex: plan.sex,
    birthDate: plan.birthDate,
    studies: [],
    lesions: plan.lesions.map((l) => ({
      lesionId: l.lesionId,
      type: l.type,
      typeName: LESION_TYPE_NAMES[l.type],
      site: l.site,
      centerBodyMm: l.centerBodyMm,
      radiiMm: l.radiiMm,
      texture: l.texture,
      sizeByStudy: l.sizeByStudy,
      movesWithBreathing: l.movesWithBreathing,
      ...(l.neighbourOf ? { neighbourOf: l.neighbourOf } : {}),
    })),
    bookmarks: [],
  }
  for (const study of plan.studies) {
    const a = study.acquisition
    const rng = new Rng(options.seed, `${plan.patientId} study ${a.studyIndex + 1} render`)
    const present = plan.lesions
      .map((lesion) => lesionAtStudy(lesion, a.studyIndex, a.breathingShiftMm, a.phase))
      .filter((at) => at !== undefined)
    const bookmarks = readStudy(a, present, options.bookmarkProbability ?? 0.9, rng.fork('reader'))
    const records = studyRecords(options.seed, plan, study, bookmarks)
    if (!options.truthOnly) {
      const hu = renderVolume({
        body: plan.body,
        anatomy: plan.anatomy,
        painters: present.map(lesionPainter),
        acquisition: a,
        tissues: study.tissues,
        textureSeed: plan.textureSeed,
        rng: rng.fork('image'),
      })
      await writeStudyFiles(options.out, options.format, plan, study, hu, bookmarks, records, {
        ct: options.ctLayout ?? 'classic',
        bookmarks: options.bookmarkFile ?? 'sr',
      })
    }
    truth.studies.push(records.truthStudy)
    truth.bookmarks.push(...truthBookmarksOf(options, study, records))
    dlInfoRows.push(...records.dlInfoRows)
    options.onStudyWritten?.({
      patient: plan.index + 1,
      patients: options.patients,
      study: a.studyIndex + 1,
      studies: plan.studies.length,
    })
  }
  return truth
}

/** Throws a message naming the first option that cannot make a data set. */
function checkOptions(options: SynthesizeOptions): void {
  const whole = (name: string, value: number | undefined, min: number) => {
    if (value !== undefined && (!Number.isInteger(value) || value < min)) {
      throw new Error(`synthesize: ${name} must be a whole number ≥ ${min}, got ${value}`)
    }
  }
  whole('patients', options.patients, 1)
  whole('seed', options.seed, 0)
  whole('studies', options.studies, 1)
  whole('matrix', options.matrix, 16)
  whole('slices', options.slices, 1)
  if (options.sliceMm !== undefined && !(options.sliceMm > 0)) {
    throw new Error(
      `synthesize: sliceMm must be a positive number of millimetres, got ${options.sliceMm}`,
    )
  }
}

/**
 * Writes the data set into `options.out` and returns its truth (also written to truth.json).
 * Files of an earlier run with the same names are overwritten and others are left alone, so give
 * it a new or empty folder.
 */
export async function synthesize(options: SynthesizeOptions): Promise<Truth> {
  checkOptions(options)
  await mkdir(options.out, { recursive: true })
  const types = new LesionTypeBag(new Rng(options.seed, 'lesion types'))
  const dlInfoRows: DlInfoRowInput[] = []
  const patients: TruthPatient[] = []
  for (let index = 0; index < options.patients; index++) {
    const plan = planPatient(
      options.seed,
      index,
      {
        studyCount: options.studies,
        lesionSpecs: options.lesionSpecs,
        acquisition: {
          matrix: options.matrix,
          sliceSpacingMm: options.sliceMm,
          sliceCount: options.slices,
          region: options.region,
        },
      },
      types,
    )
    patients.push(await synthesizePatient(options, plan, dlInfoRows))
  }
  if (options.format !== 'dicom' && !options.truthOnly) {
    const csv = [DL_INFO_HEADER, ...dlInfoRows.map(formatDlInfoRow)].join('\n') + '\n'
    await writeFile(join(options.out, 'DL_info.csv'), csv)
  }
  const truth: Truth = {
    generator: { name: GENERATOR_NAME, version: GENERATOR_VERSION, seed: options.seed },
    format: options.format,
    totals: totalsOf(patients),
    patients,
  }
  await writeFile(join(options.out, TRUTH_FILE), JSON.stringify(truth, null, 2) + '\n')
  return truth
}
