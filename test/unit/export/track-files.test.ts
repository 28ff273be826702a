// The export files of one patient: one CSV row per bookmark with the track, sizes, target status
// and category, a JSON document and an HTML report; and, de-identified, not one identifier, name
// or date of the patient left in any file, with pseudonyms that are stable under one salt and
// differ under another.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import type { PatientTracks } from '../../../electron/api/tracks'
import { createPseudonyms } from '../../../electron/core/export/pseudonyms'
import { daysFromBaseline } from '../../../electron/core/model/study-dates'
import { TRACK_EXPORT_COLUMNS, trackExportFiles } from '../../../electron/core/export/track-files'
import { writeExportFiles } from '../../../electron/core/export/write-export'
import { patientResponse } from '../../../electron/core/service/patient-response'
import { samplePatient, sampleTracks } from '../app/records'

const dir = mkdtempSync(join(tmpdir(), 'lt-export-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/**
 * One track over the sample patient's baseline bookmark and a follow-up one, with its RECIST
 * reading, as the service sends it.
 */
function tracksWithResponse(records = samplePatient()): PatientTracks {
  const byId = new Map(records.bookmarks.map((b) => [b.bookmarkId, b]))
  const base = sampleTracks()
  const timepoints = ['b-early', 'b-late-1'].map((id, k) => {
    const b = byId.get(id)
    if (!b) throw new Error(`sample bookmark ${id} is missing`)
    return {
      studyInstanceUid: b.studyInstanceUid,
      bookmarkId: id,
      longAxisMm: b.longAxisMm,
      shortAxisMm: b.shortAxisMm,
      probabilityFromPrevious: k === 0 ? null : 0.93,
    }
  })
  const tracks = [{ ...base.tracks[0], timepoints }]
  return { ...base, tracks, response: patientResponse('P1', tracks, records.studies) }
}

/** Every identifier, name and date of the sample patient that must not survive de-identification. */
function identifiers(): string[] {
  const records = samplePatient()
  return [
    records.patient.patientId,
    records.patient.name,
    records.patient.birthDate,
    ...records.studies.flatMap((s) => [
      s.studyInstanceUid,
      s.studyDate,
      s.description,
      s.accessionNumber,
    ]),
    ...records.series.map((s) => s.seriesInstanceUid),
    ...records.bookmarks.map((b) => b.bookmarkId),
  ]
}

describe('trackExportFiles', () => {
  it('writes one CSV row per bookmark of a track, with its sizes, target status and category', () => {
    const [csv, json] = trackExportFiles(tracksWithResponse(), samplePatient(), null)
    expect([csv.name, json.name]).toEqual(['P1-tracks.csv', 'P1-tracks.json'])
    const [header, ...rows] = csv.content.trimEnd().split('\n')
    expect(header.split(',')).toEqual([...TRACK_EXPORT_COLUMNS])
    const track = tracksWithResponse().tracks[0]
    expect(rows).toHaveLength(track.timepoints.length)
    const fields = rows.map((r) =>
      Object.fromEntries(r.split(',').map((v, k) => [TRACK_EXPORT_COLUMNS[k], v])),
    )
    expect(fields.map((f) => f.bookmark_id)).toEqual(track.timepoints.map((p) => p.bookmarkId))
    // Where each bookmark came from: a PACS report here, 'reader' for one measured in the app.
    expect(fields.map((f) => f.bookmark_source)).toEqual(['dicom-sr', 'dicom-sr'])
    expect(fields.map((f) => f.study_date)).toEqual(['2020-01-15', '2021-06-01'])
    expect(fields.map((f) => f.study_day)).toEqual([
      '0',
      String(daysFromBaseline('2021-06-01', '2020-01-15')),
    ])
    expect(fields[0].long_axis_mm).toBe('16.80')
    // 16.8 mm at baseline: a measurable target; the follow-up keeps its size (stable disease).
    expect(fields.map((f) => [f.recist_target, f.recist_category])).toEqual([
      ['yes', 'baseline'],
      ['yes', 'SD'],
    ])
    const doc = JSON.parse(json.content) as { patient: { name: string }; deidentified: boolean }
    expect(doc).toMatchObject({ deidentified: false, patient: { name: 'DOE^JANE' } })
  })

  it('gives each bookmark the category of its timepoint, both studies of one day one timepoint', () => {
    const records = samplePatient()
    records.studies = records.studies.map((s) => ({ ...s, studyDate: '2020-01-15' }))
    const tracks = tracksWithResponse(records)
    expect(tracks.response?.timepoints.map((t) => t.studyIds)).toEqual([['S1', 'S2']])
    const [csv, json] = trackExportFiles(tracks, records, createPseudonyms('salt'))
    const rows = csv.content.trimEnd().split('\n').slice(1)
    const category = TRACK_EXPORT_COLUMNS.indexOf('recist_category')
    expect(rows.map((r) => r.split(',')[category])).toEqual(['baseline', 'baseline'])
    // De-identified: the timepoint's studies are named by their pseudonyms, like every UID.
    const doc = JSON.parse(json.content) as { response: { timepoints: { studyIds: string[] }[] } }
    const [studyIds] = doc.response.timepoints.map((t) => t.studyIds)
    expect(studyIds).toHaveLength(2)
    expect(studyIds.some((uid) => uid === 'S1' || uid === 'S2')).toBe(false)
  })

  it('leaves no identifier, name or date of the patient when de-identifying', () => {
    const files = trackExportFiles(
      tracksWithResponse(),
      samplePatient(),
      createPseudonyms('salt-1'),
    )
    for (const file of files) {
      for (const id of identifiers()) expect(file.content, `${file.name}: ${id}`).not.toContain(id)
      expect(file.content).not.toMatch(/\d{4}-\d{2}-\d{2}/)
    }
    const doc = JSON.parse(files[1].content) as {
      patient: Record<string, string>
      studies: { studyDay: number }[]
      response: { timepoints: { label: string }[] }
    }
    expect(Object.keys(doc.patient)).toEqual(['patientId'])
    expect(doc.patient.patientId).toMatch(/^ANON-[0-9A-F]{12}$/)
    expect(files[0].name).toBe(`${doc.patient.patientId}-tracks.csv`)
    expect(doc.studies.map((s) => s.studyDay)).toEqual([0, 503])
    expect(doc.response.timepoints.map((t) => t.label)).toEqual(['day 0', 'day 503'])
  })

  it('never garbles numbers when the patient id is a short number', () => {
    const records = samplePatient()
    records.patient.patientId = '1'
    const tracks = tracksWithResponse()
    const plain = JSON.parse(trackExportFiles(tracks, records, null)[1].content)
    const anonymous = JSON.parse(
      trackExportFiles(tracks, records, createPseudonyms('s'))[1].content,
    )
    const rules = (doc: { response: { timepoints: { rule: string }[] } }) =>
      doc.response.timepoints.map((t) => t.rule)
    expect(rules(anonymous)).toEqual(rules(plain))
    expect(anonymous.tracks[0].timepoints.map((p: { longAxisMm: number }) => p.longAxisMm)).toEqual(
      plain.tracks[0].timepoints.map((p: { longAxisMm: number }) => p.longAxisMm),
    )
  })

  it('gives the same pseudonyms under one salt and others under another', () => {
    const a = createPseudonyms('salt-1')
    const b = createPseudonyms('salt-2')
    expect(a.patientId('P1')).toBe(createPseudonyms('salt-1').patientId('P1'))
    expect(a.patientId('P1')).not.toBe(b.patientId('P1'))
    expect(a.uid('1.2.3')).toMatch(/^2\.25\.\d+$/)
    expect(a.uid('1.2.3')).not.toBe(b.uid('1.2.3'))
    expect(a.uid('1.2.3')).not.toBe(a.uid('1.2.4'))
  })
})

describe('the HTML report', () => {
  it('reads like the screen: best response, each study’s sum, category and rule, each lesion’s sizes', () => {
    const tracks = tracksWithResponse()
    const report = trackExportFiles(tracks, samplePatient(), null)[2]
    expect(report.name).toBe('P1-report.html')
    const text = report.content
    const response = tracks.response!
    expect(text).toContain(`<b>${response.best.category}</b>`)
    for (const t of response.timepoints) {
      expect(text).toContain(`<td>${t.label}</td>`)
      expect(text).toContain(`<b>${t.category}</b>`)
    }
    for (const p of tracks.tracks[0].timepoints)
      expect(text).toContain(`${p.longAxisMm.toFixed(1)} × ${p.shortAxisMm!.toFixed(1)}`)
    expect(text).toContain('DOE, JANE')
    // Self-contained: nothing is fetched or run when it is opened.
    expect(text).not.toMatch(/<script|src=|href=|url\(/i)
  })

  it('says how the matcher placed each study, in the JSON and the report', () => {
    const tracks: PatientTracks = {
      ...tracksWithResponse(),
      transforms: [
        {
          studyInstanceUid: 'S2',
          translationMm: [4, -2.5, 30],
          confidence: 0.75,
          source: 'bookmarks',
          supportingLesions: 2,
        },
      ],
    }
    const [, json, report] = trackExportFiles(tracks, samplePatient(), null)
    const doc = JSON.parse(json.content) as { studies: { placement: unknown }[] }
    expect(doc.studies.map((s) => s.placement)).toEqual([
      null,
      { source: 'bookmarks', supportingLesions: 2, translationMm: [4, -2.5, 30], confidence: 0.75 },
    ])
    expect(report.content).toContain('not aligned (its scanner positions are used as they are)')
    expect(report.content).toContain(
      'aligned by 2 lesions, shifted 4.0, -2.5, 30.0 mm (confidence 0.75)',
    )
  })

  it('escapes what the records hold, so a name cannot become markup', () => {
    const records = samplePatient()
    records.patient.name = '<b onclick>Evil</b>&co'
    const text = trackExportFiles(tracksWithResponse(), records, null)[2].content
    expect(text).toContain('&lt;b onclick&gt;Evil&lt;/b&gt;&amp;co')
    expect(text).not.toContain('<b onclick')
  })
})

describe('writeExportFiles', () => {
  it('writes every file into a new folder', async () => {
    const folder = join(dir, 'new', 'folder')
    const paths = await writeExportFiles(folder, [
      { name: 'a.csv', content: 'x\n' },
      { name: 'b.json', content: '{}\n' },
    ])
    expect(paths).toEqual([join(folder, 'a.csv'), join(folder, 'b.json')])
    expect(readdirSync(folder).sort()).toEqual(['a.csv', 'b.json'])
  })

  it('removes what it wrote when a later file fails, leaving nothing half-written', async () => {
    const folder = join(dir, 'clash')
    await writeExportFiles(folder, [{ name: 'keep.txt', content: 'earlier export\n' }])
    // A folder where the second file should go: its rename fails.
    await writeExportFiles(join(folder, 'b.json'), [{ name: 'inner', content: '' }])
    await expect(
      writeExportFiles(folder, [
        { name: 'a.csv', content: 'x\n' },
        { name: 'b.json', content: '{}\n' },
      ]),
    ).rejects.toThrow()
    expect(readdirSync(folder).sort()).toEqual(['b.json', 'keep.txt'])
  })
})

describe('daysFromBaseline', () => {
  it('counts whole days and says null for an unknown date', () => {
    expect(daysFromBaseline('2020-03-01', '2020-02-28')).toBe(2)
    expect(daysFromBaseline('', '2020-02-28')).toBeNull()
  })
})
