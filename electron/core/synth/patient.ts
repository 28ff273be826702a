/**
 * Plans one synthetic patient before anything is rendered: demographics, body and organs,
 * lesions with their course over time, and how each study was acquired, with deterministic UIDs.
 */
import { deriveUid } from '../dicom/write/uid'
import { buildAnatomy } from './anatomy/anatomy'
import { sampleBodyModel, type BodyModel } from './anatomy/body-model'
import { layoutOrgans, type OrganLayout } from './anatomy/organ-layout'
import type { Structure } from './anatomy/structure'
import {
  sampleAcquisition,
  sliceBodyZ,
  studyDates,
  type Acquisition,
  type AcquisitionOverrides,
} from './acquisition'
import { buildLesions } from './lesions/build'
import { lesionAtStudy, type Lesion } from './lesions/lesion'
import { randomLesionSpecs, type LesionSpec, type LesionTypeBag } from './lesions/plan'
import { Rng } from './prng'
import { tissueTable, type TissueTable } from './raster/tissues'

export interface StudyPlan {
  acquisition: Acquisition
  tissues: TissueTable
  studyInstanceUid: string
  seriesInstanceUid: string
  frameOfReferenceUid: string
  srSeriesInstanceUid: string
  srSopInstanceUid: string
  accessionNumber: string
  /** Folder of the study under the patient's folder, e.g. 'ST02'. */
  folder: string
}

export interface PatientPlan {
  /** 0-based position in the data set. */
  index: number
  patientId: string
  name: string
  sex: 'M' | 'F'
  birthDate: string
  /** DeepLesion's official-split column: 1 train, 2 validation, 3 test. */
  split: 1 | 2 | 3
  body: BodyModel
  organs: OrganLayout
  anatomy: Structure[]
  lesions: Lesion[]
  studies: StudyPlan[]
  /** Seed of the organ textures, fixed for the patient. */
  textureSeed: number
}

export interface PatientOptions {
  /** Number of studies; drawn from 2–6 (median 3) when left out. */
  studyCount?: number
  acquisition: AcquisitionOverrides
  /** A scripted lesion plan (the demo); drawn at random when left out. */
  lesionSpecs?: LesionSpec[]
}

function studyCountOf(rng: Rng): number {
  return rng.weighted([
    [2, 30],
    [3, 30],
    [4, 20],
    [5, 12],
    [6, 8],
  ])
}

function birthDateBefore(isoDate: string, rng: Rng): string {
  const date = new Date(`${isoDate}T00:00:00Z`)
  date.setUTCDate(date.getUTCDate() - rng.int(35 * 365, 84 * 365))
  return date.toISOString().slice(0, 10)
}

/**
 * Moves the scan range, if needed, so the patient's first lesion lies inside it: a follow-up scan
 * always covers the known disease, and a forced small slice count must still show a lesion.
 */
function coverFirstLesion(acquisition: Acquisition, lesions: Lesion[]): Acquisition {
  const present = lesions
    .map((l) =>
      lesionAtStudy(l, acquisition.studyIndex, acquisition.breathingShiftMm, acquisition.phase),
    )
    .filter((l) => l !== undefined)
  const zLow = sliceBodyZ(acquisition, 0)
  const zHigh = sliceBodyZ(acquisition, acquisition.sliceCount - 1)
  if (
    present.length === 0 ||
    present.some((l) => l.centerBodyMm[2] > zLow && l.centerBodyMm[2] < zHigh)
  ) {
    return acquisition
  }
  const target = present[0].centerBodyMm[2]
  const shiftMm = target - (zLow + zHigh) / 2
  const origin = acquisition.originLps
  const z = Math.round((origin[2] + shiftMm) * 1000) / 1000
  return { ...acquisition, originLps: [origin[0], origin[1], z] }
}

/** Plans patient `index` of the data set of `seed`; `types` is shared by all patients. */
export function planPatient(
  seed: number,
  index: number,
  options: PatientOptions,
  types: LesionTypeBag,
): PatientPlan {
  const rng = new Rng(seed, `patient ${index + 1}`)
  const patientId = `SYN${seed}-${String(index + 1).padStart(3, '0')}`
  const body = sampleBodyModel(rng.fork('body'))
  const organs = layoutOrgans(body, rng.fork('organs'))
  const studyCount = options.studyCount ?? studyCountOf(rng.fork('study count'))
  const specs = options.lesionSpecs ?? randomLesionSpecs(studyCount, types, rng.fork('lesion plan'))
  const lesions = buildLesions(specs, patientId, body, organs, studyCount, rng.fork('lesions'))
  const dates = studyDates(studyCount, rng.fork('dates'))
  const studies = dates.map((date, s): StudyPlan => {
    const studyRng = rng.fork(`study ${s + 1}`)
    const acquisition = coverFirstLesion(
      sampleAcquisition(body, s, date, options.acquisition, studyRng.fork('acquisition')),
      lesions,
    )
    const uid = (what: string) => deriveUid(seed, patientId, s, what)
    return {
      acquisition,
      tissues: tissueTable(acquisition.phase, studyRng.fork('tissues')),
      studyInstanceUid: uid('study'),
      seriesInstanceUid: uid('ct series'),
      frameOfReferenceUid: uid('frame of reference'),
      srSeriesInstanceUid: uid('sr series'),
      srSopInstanceUid: uid('sr instance'),
      accessionNumber: `A${String(studyRng.nextUint32() % 100000000).padStart(8, '0')}`,
      folder: `ST${String(s + 1).padStart(2, '0')}`,
    }
  })
  return {
    index,
    patientId,
    name: `SYNTH${seed}^PATIENT ${String(index + 1).padStart(3, '0')}`,
    sex: body.sex,
    birthDate: birthDateBefore(dates[0], rng.fork('birth')),
    split: rng.weighted<1 | 2 | 3>([
      [1, 0.7],
      [2, 0.15],
      [3, 0.15],
    ]),
    body,
    organs,
    anatomy: buildAnatomy(body, organs, rng.fork('anatomy')),
    lesions,
    studies,
    textureSeed: rng.nextUint32() | 0,
  }
}
