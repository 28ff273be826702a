// A lesion the reader measures in the app must count like a bookmark from PACS: joined to its
// track by the confirmed link the app stores with it, sized from the series' pixel spacing, read
// by RECIST, written to the export (and its SR); one the service cannot place must be said, and
// change nothing. The real pipeline worker imports and embeds the generated demo.
import { readdirSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { MeasureDecision } from '../../../electron/api/measurements'
import type { PatientRecords } from '../../../electron/api/records'
import type { PatientTracks, TrackDecision, TrackRecord } from '../../../electron/api/tracks'
import { readMeasurementReport } from '../../../electron/core/sr/read-measurement-report'
import { synthesize } from '../../../electron/core/synth/synthesize'
import { openDemoService, openTestService, type DemoService } from './demo-service'
import { onImages } from '../sr/image-axes'

let demo: DemoService
let records: PatientRecords
let original: PatientTracks
/** A track of the demo missing from one study, that study, and the track's bookmark nearest it. */
let unseen: { track: TrackRecord; studyUid: string; nearestId: string }

beforeAll(async () => {
  demo = await openDemoService('lt-measured-')
  const patientId = demo.truth.patientId
  records = await demo.handlers.getPatient({ patientId })
  original = await demo.handlers.getTracks({ patientId })
  const studyUids = [...records.studies]
    .sort((a, b) => a.studyIndex - b.studyIndex)
    .map((s) => s.studyInstanceUid)
  for (const track of original.tracks) {
    const seen = new Set(track.timepoints.map((p) => p.studyInstanceUid))
    const studyUid = studyUids.find((uid) => !seen.has(uid))
    if (!studyUid) continue
    const at = studyUids.indexOf(studyUid)
    const nearest = [...track.timepoints].sort(
      (a, b) =>
        Math.abs(studyUids.indexOf(a.studyInstanceUid) - at) -
        Math.abs(studyUids.indexOf(b.studyInstanceUid) - at),
    )[0]
    unseen = { track, studyUid, nearestId: nearest.bookmarkId }
    break
  }
})
afterAll(() => demo.close())

/** A measurement in the unseen study: the nearest bookmark's axes, on the same slice number. */
function measurement(overrides: Partial<MeasureDecision> = {}): MeasureDecision {
  const source = records.bookmarks.find((b) => b.bookmarkId === unseen.nearestId)!
  const series = records.series.find((s) => s.studyInstanceUid === unseen.studyUid)!
  return {
    kind: 'measure',
    bookmarkId: 'reader-test-1',
    studyInstanceUid: unseen.studyUid,
    seriesInstanceUid: series.seriesInstanceUid,
    sliceIndex: Math.min(source.sliceIndex, series.geometry.dims[2] - 1),
    axesPx: [...source.longAxisPx.flat(), ...source.shortAxisPx!.flat()],
    lesionType: unseen.track.lesionType,
    ...overrides,
  }
}

function matchTracks(decisions: TrackDecision[]): Promise<PatientTracks> {
  return demo.handlers.matchTracks({ patientId: demo.truth.patientId, decisions })
}

describe('a lesion the reader measured', () => {
  it('joins the track it was measured for, sized by its series’ pixel spacing', async () => {
    const measure = measurement()
    const link: TrackDecision = {
      kind: 'confirm-link',
      lesionIdA: unseen.nearestId,
      lesionIdB: measure.bookmarkId,
    }
    const tracks = await matchTracks([measure, link])
    const track = tracks.tracks.find((t) =>
      t.timepoints.some((p) => p.bookmarkId === unseen.nearestId),
    )!
    const point = track.timepoints.find((p) => p.bookmarkId === measure.bookmarkId)
    expect(point?.studyInstanceUid).toBe(unseen.studyUid)
    // Every other track is as the import matched it.
    expect(tracks.tracks).toHaveLength(original.tracks.length)
    const series = records.series.find((s) => s.seriesInstanceUid === measure.seriesInstanceUid)!
    const [si, sj] = series.geometry.spacingMm
    const [x1, y1, x2, y2] = measure.axesPx
    expect(point?.longAxisMm).toBeCloseTo(Math.hypot((x2 - x1) * si, (y2 - y1) * sj), 9)
    // The RECIST reading sees the lesion from its first study with the measurement on: a lesion
    // at baseline is a baseline lesion, a later one is new at its first study.
    const studyOrder = tracks.response!.timepoints.map((t) => t.studyId)
    const first = Math.min(...track.timepoints.map((p) => studyOrder.indexOf(p.studyInstanceUid)))
    const newAt = tracks.response!.timepoints.findIndex((t) => t.newLesions.includes(track.label))
    expect(newAt).toBe(first === 0 ? -1 : first)
    const baseline = [...tracks.response!.targets, ...tracks.response!.nonTargets]
    expect(baseline.some((l) => l.trackId === track.trackId)).toBe(first === 0)
    expect(tracks.issues).toEqual([])
  })

  it('is embedded by the model the import ran, once per measurement', async () => {
    const measure = measurement()
    const explained = (tracks: PatientTracks) =>
      tracks.links
        .filter((l) => l.a === measure.bookmarkId || l.b === measure.bookmarkId)
        .map((l) => l.explanation)
    const tracks = await matchTracks([measure])
    const explanations = explained(tracks)
    expect(explanations.length).toBeGreaterThan(0)
    // Every candidate link of the measured lesion weighs the two lesions' image embeddings.
    for (const text of explanations) expect(text).toMatch(/embedding similarity \d\.\d\d/)
    expect(tracks.issues).toEqual([])
    // The same measurement again: the same embedding (kept), the same links.
    expect(explained(await matchTracks([measure]))).toEqual(explanations)
  })

  it('is a row of the export, and a measurement of its study’s SR under its track’s name', async () => {
    const measure = measurement()
    const link: TrackDecision = {
      kind: 'confirm-link',
      lesionIdA: unseen.nearestId,
      lesionIdB: measure.bookmarkId,
    }
    const decisions = [measure, link]
    const tracks = await matchTracks(decisions)
    const label = tracks.tracks.find((t) =>
      t.timepoints.some((p) => p.bookmarkId === measure.bookmarkId),
    )!.label
    const exported = await demo.handlers.exportTracks({
      patientId: demo.truth.patientId,
      folder: join(demo.temp, 'export'),
      decisions,
      deidentify: false,
    })
    const csv = readFileSync(exported.files[0], 'utf8').trimEnd().split('\n')
    expect(csv.slice(1)).toHaveLength(records.bookmarks.length + 1)
    const header = csv[0].split(',')
    const row = csv.find((line) => line.includes(measure.bookmarkId))?.split(',') ?? []
    expect(row[header.indexOf('bookmark_source')]).toBe('reader')
    const reports = exported.files.filter((f) => f.endsWith('.dcm')).map(readMeasurementReport)
    expect(reports).toHaveLength(records.studies.length)
    const report = reports.find((r) => r.studyInstanceUid === unseen.studyUid)!
    // Read back with the import's own SR reader: the drawn axes, under the track's name.
    const measured = report.measurements.filter((m) => m.trackingIdentifier === label)
    expect(measured).toHaveLength(1)
    const [x1, y1, x2, y2] = measure.axesPx
    onImages(measured[0])
      .longAxis.pointsPx.flat()
      .forEach((v, n) => expect(v).toBeCloseTo([x1, y1, x2, y2][n], 3))
    expect(report.issues).toEqual([])
  })

  it('is said and changes nothing when its series is not loaded or its axes leave the image', async () => {
    const lost = measurement({ seriesInstanceUid: '1.2.3.4' })
    const outside = measurement({
      bookmarkId: 'reader-test-2',
      axesPx: [0, 0, 5000, 0, 1, 1, 2, 2],
    })
    const tracks = await matchTracks([lost, outside])
    expect(tracks.tracks.map((t) => t.timepoints.map((p) => p.bookmarkId))).toEqual(
      original.tracks.map((t) => t.timepoints.map((p) => p.bookmarkId)),
    )
    expect(tracks.issues.map((i) => [i.code, i.subject])).toEqual([
      ['unplaced-measurement', 'reader-test-1'],
      ['unplaced-measurement', 'reader-test-2'],
    ])
    expect(tracks.issues[0].message).toContain('series 1.2.3.4 is not loaded')
    expect(tracks.issues[1].message).toContain('axes leave the')
  })
})

describe('a patient whose studies came without any report', () => {
  it('gets its tracks and RECIST reading from the lesions the reader measures', async () => {
    const opened = openTestService('lt-measured-only-')
    try {
      const folder = join(opened.temp, 'scans')
      const truth = await synthesize({
        patients: 1,
        seed: 5,
        studies: 2,
        matrix: 64,
        out: folder,
        format: 'dicom',
      })
      for (const file of readdirSync(folder, { recursive: true, withFileTypes: true })) {
        if (file.isFile() && file.name.startsWith('SR')) rmSync(join(file.parentPath, file.name))
      }
      const { handlers } = opened
      const report = await handlers.importFolder({ folder })
      const patientId = truth.patients[0].patientId
      expect(report.patients.map((p) => p.patientId)).toEqual([patientId])
      // No tracks yet, but the studies are aligned from their images: scrolling links them.
      const before = await handlers.getTracks({ patientId })
      expect(before.tracks).toEqual([])
      expect(before.transforms.map((t) => t.studyInstanceUid).sort()).toEqual(
        truth.patients[0].studies.map((s) => s.studyInstanceUid).sort(),
      )
      expect(before.transforms.map((t) => t.source)).toContain('image registration')
      // The reader measures one true lesion in both studies, where the generator put it.
      const lesionId = truth.patients[0].bookmarks[0].lesionId
      const marks = truth.patients[0].bookmarks.filter((b) => b.lesionId === lesionId)
      expect(marks.length).toBe(2)
      const decisions: TrackDecision[] = marks.map((b, n) => ({
        kind: 'measure',
        bookmarkId: `reader-${n}`,
        studyInstanceUid: b.studyInstanceUid,
        seriesInstanceUid: b.seriesInstanceUid,
        sliceIndex: b.sliceIndex,
        axesPx: [...b.longAxisPx.flat(), ...b.shortAxisPx.flat()],
        lesionType: b.type,
      }))
      const tracks = await handlers.matchTracks({ patientId, decisions })
      expect(tracks.tracks.map((t) => t.timepoints.map((p) => p.bookmarkId))).toEqual([
        ['reader-0', 'reader-1'],
      ])
      // The generator's lengths, measured again from the pixels and the spacing.
      tracks.tracks[0].timepoints.forEach((p, n) =>
        expect(p.longAxisMm).toBeCloseTo(marks[n].longAxisMm, 1),
      )
      expect(tracks.response?.targets.map((t) => t.trackId)).toEqual([tracks.tracks[0].trackId])
    } finally {
      await opened.close()
    }
  })
})
