/**
 * Helpers for the app tests: temp folders removed after the run, and small real CT series
 * written as DICOM by the project's writer, so the service imports genuine files.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { writeCtSeries } from '../../../electron/core/dicom/write/ct-series'

/** A fresh temp folder and a function that removes it. */
export function tempFolder(prefix: string): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), `lt-app-${prefix}-`))
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) }
}

export interface CtStudySpec {
  patientId: string
  studyUid: string
  seriesUid: string
  studyDate: string
  dims: [number, number, number]
}

/** Writes one CT series whose voxels encode their own (i, j, k), so any mix-up shows. */
export async function writeCtStudy(dir: string, spec: CtStudySpec): Promise<Int16Array> {
  const [ni, nj, nk] = spec.dims
  const hu = new Int16Array(ni * nj * nk)
  for (let k = 0; k < nk; k++) {
    for (let j = 0; j < nj; j++) {
      for (let i = 0; i < ni; i++) hu[(k * nj + j) * ni + i] = -1000 + i + 10 * j + 100 * k
    }
  }
  await writeCtSeries(join(dir, spec.seriesUid), {
    studyInstanceUid: spec.studyUid,
    seriesInstanceUid: spec.seriesUid,
    patient: { patientId: spec.patientId, name: 'TEST^APP', birthDate: '1961-03-04', sex: 'M' },
    studyDate: spec.studyDate,
    seriesNumber: 1,
    seriesDescription: 'app test',
    geometry: {
      dims: spec.dims,
      spacingMm: [0.8, 0.8, 2.5],
      originLps: [-100, -120, -300],
      rowDirection: [1, 0, 0],
      columnDirection: [0, 1, 0],
      sliceNormal: [0, 0, 1],
    },
    hu,
  })
  return hu
}
