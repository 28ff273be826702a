// De-identified exports often leave PatientID empty. Studies must then be grouped into patients
// only on evidence (same name and birth date), never all under the empty ID — that would follow
// one person's lesions into another's scans — and a CT file without its UIDs must be reported,
// not merged with every other such file.
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { writeCtSeries } from '../../../electron/core/dicom/write/ct-series'
import { readDicomFolder, type DicomFolderImport } from '../../../electron/core/import/dicom-folder'
import { importFolder } from '../../../electron/core/import/import-folder'
import { NO_ID_PREFIX } from '../../../electron/core/import/patient-identity'
import type { ImportResult } from '../../../electron/core/import/result'
import { synthesize } from '../../../electron/core/synth/synthesize'
import { runTool, syntheticVolume, tempFolder } from './fixtures'

const temp = tempFolder('patient-identity')
afterAll(temp.remove)
const root = join(temp.dir, 'export')

/** One 3-slice series of its own study, with the patient module given. */
async function study(
  name: string,
  n: number,
  patient: { id: string; name: string; birth: string },
) {
  const volume = syntheticVolume({
    dims: [8, 6, 3],
    seriesUid: `2.25.660${n}`,
    studyUid: `2.25.670${n}`,
    studyDate: `2021-0${n}-01`,
  })
  volume.patient = { patientId: patient.id, name: patient.name, birthDate: patient.birth, sex: '' }
  volume.sopInstanceUids = [1, 2, 3].map((k) => `2.25.660${n}.${k}`)
  return writeCtSeries(join(root, name), volume)
}

let result: DicomFolderImport
let again: DicomFolderImport
let firstWithoutSeries: string
let withoutSop: string

beforeAll(async () => {
  const named = { id: '', name: 'ANON^ONE', birth: '1950-03-04' }
  const anonymous = { id: '', name: '', birth: '' }
  await study('named-1', 1, named)
  await study('named-2', 2, named)
  await study('named-other-birth', 3, { ...named, birth: '1961-07-08' })
  await study('anonymous-1', 4, anonymous)
  await study('anonymous-2', 5, anonymous)
  await study('with-id', 6, { id: 'P-42', name: '', birth: '' })
  // A series whose files lost their SeriesInstanceUID, and one slice without its SOP instance.
  const noSeries = await study('no-series-uid', 7, { ...named, id: 'P-43' })
  runTool('dcmodify', ['-nb', '-e', '(0020,000e)', ...noSeries.files])
  firstWithoutSeries = [...noSeries.files].sort()[0]
  const noSop = await study('no-sop-uid', 8, { ...named, id: 'P-44' })
  withoutSop = noSop.files.find((f) => f.endsWith('3.dcm')) as string
  runTool('dcmodify', ['-nb', '-e', '(0008,0018)', withoutSop])
  result = await readDicomFolder(root)
  again = await readDicomFolder(root)
})

function studiesOf(patientId: string): string[] {
  return result.studies.filter((s) => s.patientId === patientId).map((s) => s.studyInstanceUid)
}

describe('studies without a PatientID', () => {
  it('are grouped by name and birth date, each anonymous study a patient of its own', () => {
    const groups = result.patients.map((p) => studiesOf(p.patientId).sort().join(' ')).sort()
    expect(groups).toEqual([
      '2.25.6701 2.25.6702',
      '2.25.6703',
      '2.25.6704',
      '2.25.6705',
      '2.25.6706',
      '2.25.6708',
    ])
  })

  it('get stand-in IDs that say so and stay the same on the next import', () => {
    const standIns = result.patients.filter((p) => p.patientId.startsWith(NO_ID_PREFIX))
    expect(standIns.length).toBe(4)
    expect(new Set(standIns.map((p) => p.patientId)).size).toBe(4)
    expect(again.patients.map((p) => p.patientId).sort()).toEqual(
      result.patients.map((p) => p.patientId).sort(),
    )
    expect(studiesOf('P-42')).toEqual(['2.25.6706'])
  })

  it('are each said once, as a warning naming the study and how it was filed', () => {
    const warnings = result.issues.filter((i) => i.code === 'no-patient-id')
    expect(warnings.every((w) => w.severity === 'warning')).toBe(true)
    expect(warnings.map((w) => w.message.match(/Study (\S+)/)?.[1]).sort()).toEqual([
      '2.25.6701',
      '2.25.6702',
      '2.25.6703',
      '2.25.6704',
      '2.25.6705',
    ])
    const named = warnings.find((w) => w.message.includes('2.25.6701'))
    expect(named?.message).toContain('same patient name and birth date (ANON^ONE, 19500304)')
    const anonymous = warnings.find((w) => w.message.includes('2.25.6704'))
    expect(anonymous?.message).toMatch(
      /nor patient name: it is filed as patient NO-ID-\w{8} on its own/,
    )
  })
})

describe('CT files without their UIDs', () => {
  it('are reported once per missing UID, naming the first file and counting the others', () => {
    const issues = result.issues.filter((i) => i.code === 'missing-uid')
    expect(issues.map((i) => [i.severity, i.file]).sort()).toEqual([
      ['error', firstWithoutSeries],
      ['error', withoutSop],
    ])
    const series = issues.find((i) => i.file.includes('no-series-uid'))
    expect(series?.message).toMatch(/\(and 2 other file\(s\) without it\) has no SeriesInstanceUID/)
  })

  it('are left out while their series-mates with UIDs still import', () => {
    expect(result.series.find((s) => s.seriesInstanceUid === '2.25.6607')).toBeUndefined()
    const rest = result.series.find((s) => s.seriesInstanceUid === '2.25.6608')
    expect(rest?.geometry.dims).toEqual([8, 6, 2])
  })
})

describe('bookmarks of studies without a PatientID', () => {
  let imported: ImportResult
  let otherPatient: ImportResult
  const dir = join(temp.dir, 'synthetic')

  beforeAll(async () => {
    await synthesize({ patients: 1, seed: 5, out: dir, format: 'dicom', studies: 2, matrix: 48 })
    const files = readdirSync(dir, { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.dcm'))
      .map((f) => join(dir, f))
    runTool('dcmodify', ['-nb', '-m', '(0010,0020)=', ...files])
    imported = await importFolder(dir)
    const reports = files.filter((f) => /SR\d+\.dcm$/.test(f))
    expect(reports.length).toBe(2)
    runTool('dcmodify', ['-nb', '-m', '(0010,0020)=OTHER-7', ...reports])
    otherPatient = await importFolder(dir)
  })

  it('are filed with the stand-in patient of their images', () => {
    expect(imported.patients.length).toBe(1)
    const [patient] = imported.patients
    expect(patient.patientId.startsWith(NO_ID_PREFIX)).toBe(true)
    expect(imported.studies.length).toBe(2)
    expect(imported.bookmarks.length).toBeGreaterThan(0)
    expect(new Set(imported.bookmarks.map((b) => b.patientId))).toEqual(
      new Set([patient.patientId]),
    )
  })

  it('stay with their images when the report names another patient, with a warning', () => {
    const [patient] = otherPatient.patients
    expect(new Set(otherPatient.bookmarks.map((b) => b.patientId))).toEqual(
      new Set([patient.patientId]),
    )
    const warnings = otherPatient.issues.filter((i) => i.code === 'sr-other-patient')
    expect(warnings.length).toBe(otherPatient.bookmarks.length)
    expect(warnings[0].message).toContain(
      `names patient OTHER-7 but its image was filed under patient ${patient.patientId}`,
    )
  })
})
