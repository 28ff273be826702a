// The oncologist's corrections must change the demo's tracks exactly as asked and nothing else:
// a rejected link splits its track, a confirmed link joins its two bookmarks, a bookmark marked
// new starts its own track, and a decision naming an unknown bookmark becomes an issue. The real
// pipeline worker imports and embeds the generated demo; matchTracks re-matches in the service.
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ApiHandlers } from '../../../electron/api/contract'
import type { PatientTracks, TrackDecision, TrackRecord } from '../../../electron/api/tracks'
import { modelFilesIn } from '../../../electron/core/service/model-files'
import { LesionTrackService } from '../../../electron/core/service/service'
import { PipelineWorker } from '../../../electron/core/service/worker-client'
import { sourceResourcesDir, sourceWorkerEntry } from '../../../electron/core/service/worker-entry'
import type { TruthPatient } from '../../../electron/core/synth/truth'
import { openHostSettings } from '../../../electron/host/settings'
import { openDemoService, type DemoService } from './demo-service'

let demo: DemoService
let temp: string
let handlers: ApiHandlers
let truth: TruthPatient
let original: PatientTracks
/** Workers a spec starts besides the demo's, closed with it. */
const workers: PipelineWorker[] = []

beforeAll(async () => {
  demo = await openDemoService('lt-match-tracks-')
  ;({ handlers, truth, temp } = demo)
  original = await handlers.getTracks({ patientId: truth.patientId })
})
afterAll(async () => {
  await Promise.all(workers.map((w) => w.close()))
  await demo.close()
})

function matchTracks(decisions: TrackDecision[]): Promise<PatientTracks> {
  return handlers.matchTracks({ patientId: truth.patientId, decisions })
}

/** Each track as its sorted bookmark ids, the list sorted: comparable whatever the order. */
function groups(tracks: PatientTracks): string[][] {
  return tracks.tracks
    .map((t) => t.timepoints.map((p) => p.bookmarkId).sort())
    .sort((a, b) => a[0].localeCompare(b[0]))
}

function trackOf(tracks: PatientTracks, bookmarkId: string): TrackRecord {
  const track = tracks.tracks.find((t) => t.timepoints.some((p) => p.bookmarkId === bookmarkId))
  if (!track) throw new Error(`bookmark ${bookmarkId} is in no track`)
  return track
}

/** The true lesion of every bookmark of a track; one entry when the track is right. */
function trueLesions(track: TrackRecord): Set<string | undefined> {
  return new Set(
    track.timepoints.map(
      (p) => truth.bookmarks.find((b) => b.trackingUid === p.bookmarkId)?.lesionId,
    ),
  )
}

/** The first track seen in three studies or more: the one the corrections are tried on. */
function longTrack(): TrackRecord {
  const track = original.tracks.find((t) => t.timepoints.length >= 3)
  if (!track) throw new Error('the demo has no lesion bookmarked in three studies')
  return track
}

describe('matchTracks on the demo patient', () => {
  it('without decisions answers exactly the tracks of the import', async () => {
    const again = await matchTracks([])
    expect(again).toEqual(original)
    expect(original.tracks.every((t) => trueLesions(t).size === 1)).toBe(true)
    // The embeddings crossed from the worker with the lesions: the re-match still weighs them.
    expect(again.embedder).not.toBeNull()
    expect(again.links.some((l) => l.kept && /embedding similarity/.test(l.explanation))).toBe(true)
  })

  it('rejecting a kept link splits that track in two, each part one true lesion', async () => {
    const [first, second] = longTrack().timepoints
    const rejected = await matchTracks([
      { kind: 'reject-link', lesionIdA: first.bookmarkId, lesionIdB: second.bookmarkId },
    ])
    expect(rejected.tracks).toHaveLength(original.tracks.length + 1)
    const a = trackOf(rejected, first.bookmarkId)
    const b = trackOf(rejected, second.bookmarkId)
    expect(a.trackId).not.toBe(b.trackId)
    expect(trueLesions(a)).toEqual(trueLesions(longTrack()))
    expect(trueLesions(b)).toEqual(trueLesions(longTrack()))
    // Every other track is left as it was.
    const touched = new Set(longTrack().timepoints.map((p) => p.bookmarkId))
    const untouched = (g: string[][]) => g.filter((ids) => !ids.some((id) => touched.has(id)))
    expect(untouched(groups(rejected))).toEqual(untouched(groups(original)))
    const link = rejected.links.find((l) => l.a === first.bookmarkId && l.b === second.bookmarkId)
    expect(link).toMatchObject({ kept: false, decision: 'rejected by user' })
    expect(link?.userDecision).toBe('rejected')
    expect(rejected.issues).toEqual([])
  })

  it('confirming a dropped link joins its two bookmarks in one track', async () => {
    const dropped = original.links.find(
      (l) => !l.kept && trackOf(original, l.a).trackId !== trackOf(original, l.b).trackId,
    )
    if (!dropped) throw new Error('the demo has no dropped link between two tracks')
    const confirmed = await matchTracks([
      { kind: 'confirm-link', lesionIdA: dropped.a, lesionIdB: dropped.b },
    ])
    expect(trackOf(confirmed, dropped.a).trackId).toBe(trackOf(confirmed, dropped.b).trackId)
    const link = confirmed.links.find((l) => l.a === dropped.a && l.b === dropped.b)
    expect(link).toMatchObject({ kept: true, decision: 'confirmed by user' })
    expect(link?.userDecision).toBe('confirmed')
    // Every bookmark is still in exactly one track.
    expect(groups(confirmed).flat().sort()).toEqual(groups(original).flat().sort())
  })

  it('marking a later bookmark new splits it off the earlier ones of its track', async () => {
    const [first, second] = longTrack().timepoints
    const marked = await matchTracks([{ kind: 'mark-new', lesionId: second.bookmarkId }])
    expect(marked.tracks).toHaveLength(original.tracks.length + 1)
    const ownTrack = trackOf(marked, second.bookmarkId)
    expect(ownTrack.timepoints[0].bookmarkId).toBe(second.bookmarkId)
    expect(trackOf(marked, first.bookmarkId).trackId).not.toBe(ownTrack.trackId)
  })

  it('applies the reader’s RECIST choices to the response and leaves the tracks alone', async () => {
    const response = original.response
    if (!response || response.targets.length < 2) throw new Error('the demo has < 2 targets')
    const [largest, next] = response.targets.map((t) =>
      original.tracks.find((track) => track.trackId === t.trackId),
    ) as TrackRecord[]
    const first = (track: TrackRecord) => track.timepoints[0].bookmarkId
    const chosen = await matchTracks([
      { kind: 'drop-target', lesionId: first(largest) },
      { kind: 'mark-node', lesionId: first(next) },
    ])
    expect(groups(chosen)).toEqual(groups(original))
    const reading = chosen.response
    expect(reading?.nonTargets.find((n) => n.trackId === largest.trackId)?.reason).toBe(
      'dropped by the reader',
    )
    // A node counts by its short axis: a target when ≥ 15 mm, else not measurable.
    const nextTarget = reading?.targets.find((t) => t.trackId === next.trackId)
    const shortAxis = next.timepoints[0].shortAxisMm!
    if (shortAxis >= 15) expect(nextTarget).toMatchObject({ axis: 'short', baselineMm: shortAxis })
    else expect(nextTarget).toBeUndefined()
    expect(reading?.timepoints[0].sumMm).toBeCloseTo(
      (reading?.targets ?? []).reduce((sum, t) => sum + t.baselineMm, 0),
      9,
    )
    // The choice follows the lesion: naming it by a later bookmark of the track works too.
    const byLater = await matchTracks([
      { kind: 'drop-target', lesionId: largest.timepoints.at(-1)?.bookmarkId ?? '' },
    ])
    expect(byLater.response?.targets.some((t) => t.trackId === largest.trackId)).toBe(false)
  })

  it('gives the track and the RECIST reading the type the reader chose for its bookmarks', async () => {
    const isTarget = (t: TrackRecord) =>
      original.response?.targets.some((x) => x.trackId === t.trackId)
    const lung = original.tracks.find((t) => t.lesionType === 5 && isTarget(t))
    const mediastinal = original.tracks.filter((t) => t.lesionType === 3 && isTarget(t))
    if (!lung || mediastinal.length !== 2) throw new Error('the demo has no such targets')
    // The lung target read as a third mediastinal lesion: two per organ, so one is no target.
    const typed = await matchTracks(
      lung.timepoints.map((p) => ({ kind: 'set-type', bookmarkId: p.bookmarkId, lesionType: 3 })),
    )
    expect(groups(typed)).toEqual(groups(original))
    expect(trackOf(typed, lung.timepoints[0].bookmarkId).lesionType).toBe(3)
    const ids = new Set([lung, ...mediastinal].map((t) => t.trackId))
    expect(typed.response?.targets.filter((t) => ids.has(t.trackId))).toHaveLength(2)
    const left = typed.response?.nonTargets.filter((n) => ids.has(n.trackId))
    expect(left?.map((n) => n.reason)).toEqual(['2 targets already in the mediastinum'])
    // A type for a bookmark the patient does not have is kept, and said.
    const lost = await matchTracks([{ kind: 'set-type', bookmarkId: '2.25.405', lesionType: 4 }])
    expect(groups(lost)).toEqual(groups(original))
    expect(lost.issues).toEqual([
      expect.objectContaining({ code: 'unknown-lesion', severity: 'warning', subject: '2.25.405' }),
    ])
  })

  it('counts a target recorded gone as 0 mm where it has no bookmark, and names a lost choice', async () => {
    const target = original.tracks.find((t) =>
      original.response?.targets.some((x) => x.trackId === t.trackId),
    ) as TrackRecord
    // Reject the target's link into its second study: there it is then not measured (NE) ...
    const [a, b] = target.timepoints
    const reject = {
      kind: 'reject-link' as const,
      lesionIdA: a.bookmarkId,
      lesionIdB: b.bookmarkId,
    }
    const split = await matchTracks([reject])
    const at = (t: PatientTracks, study: string) =>
      t.response?.timepoints.find((p) => p.studyId === study)
    expect(at(split, b.studyInstanceUid)?.notMeasured).toEqual([
      trackOf(split, a.bookmarkId).trackId,
    ])
    expect(at(split, b.studyInstanceUid)?.category).toBe('PD')
    // ... until the reader records it gone there: 0 mm, and a note for a choice naming no bookmark.
    const gone = await matchTracks([
      reject,
      { kind: 'mark-gone', lesionId: a.bookmarkId, studyInstanceUid: b.studyInstanceUid },
      { kind: 'mark-node', lesionId: '2.25.404' },
    ])
    expect(at(gone, b.studyInstanceUid)?.notMeasured).toEqual([])
    expect(gone.response?.notes.some((n) => n.includes('2.25.404'))).toBe(true)
  })

  it('exports the tracks under the decisions, de-identified with one stable pseudonym', async () => {
    const [first, second] = longTrack().timepoints
    const reject: TrackDecision = {
      kind: 'reject-link',
      lesionIdA: first.bookmarkId,
      lesionIdB: second.bookmarkId,
    }
    const request = { patientId: truth.patientId, decisions: [reject], deidentify: false }
    const plain = await handlers.exportTracks({ ...request, folder: join(temp, 'plain') })
    const csv = readFileSync(plain.files[0], 'utf8').trimEnd().split('\n')
    expect(csv.slice(1)).toHaveLength(truth.bookmarks.length)
    // The rejection holds in the file: one more track than true lesions.
    const trackColumn = csv[0].split(',').indexOf('track')
    expect(new Set(csv.slice(1).map((r) => r.split(',')[trackColumn])).size).toBe(
      truth.lesions.length + 1,
    )
    expect(csv.join('\n')).toContain(truth.patientId)

    const anonymous = await handlers.exportTracks({
      ...request,
      folder: join(temp, 'anon'),
      deidentify: true,
    })
    const again = await handlers.exportTracks({
      ...request,
      folder: join(temp, 'anon-again'),
      deidentify: true,
    })
    const names = (files: string[]) => files.map((f) => f.split('/').at(-1))
    expect(names(again.files)).toEqual(names(anonymous.files))
    for (const file of anonymous.files) {
      const text = readFileSync(file, 'utf8')
      for (const id of [truth.patientId, ...truth.studies.map((s) => s.studyInstanceUid)]) {
        expect(text).not.toContain(id)
      }
      expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}/)
    }
  })

  it('refuses an export folder it cannot write, saying so', async () => {
    const blocker = join(temp, 'not-a-folder')
    writeFileSync(blocker, '')
    await expect(
      handlers.exportTracks({
        patientId: truth.patientId,
        folder: blocker,
        decisions: [],
        deidentify: true,
      }),
    ).rejects.toMatchObject({ code: 'export-failed', message: expect.stringContaining(blocker) })
  })

  it('reports a decision naming an unknown bookmark as an issue and keeps the tracks', async () => {
    const [first] = longTrack().timepoints
    const tracks = await matchTracks([
      { kind: 'reject-link', lesionIdA: first.bookmarkId, lesionIdB: '2.25.404' },
    ])
    expect(groups(tracks)).toEqual(groups(original))
    expect(tracks.issues).toHaveLength(1)
    expect(tracks.issues[0]).toMatchObject({ code: 'unknown-lesion', subject: '2.25.404' })
    expect(tracks.issues[0].hint).not.toBe('')
  })

  it('refuses a patient that is not loaded with the unknown-patient error', async () => {
    await expect(
      handlers.matchTracks({ patientId: 'NOBODY', decisions: [] }),
    ).rejects.toMatchObject({ code: 'unknown-patient' })
  })
})

describe('matchTracks when the matcher could not run at import', () => {
  it('refuses with tracks-unavailable, saying the decisions are kept', async () => {
    const models = { ...modelFilesIn(sourceResourcesDir()), matcherPath: join(temp, 'gone.json') }
    const broken = new PipelineWorker(sourceWorkerEntry(models))
    workers.push(broken)
    const service = new LesionTrackService({
      worker: broken,
      settings: openHostSettings(join(temp, 'settings-broken')),
      cacheDir: join(temp, 'cache'),
    })
    const report = await service.handlers().openDemo({})
    expect(report.issues.map((i) => i.code)).toContain('matcher-unavailable')
    const [first] = longTrack().timepoints
    await expect(
      service.handlers().matchTracks({
        patientId: truth.patientId,
        decisions: [{ kind: 'mark-new', lesionId: first.bookmarkId }],
      }),
    ).rejects.toMatchObject({
      code: 'tracks-unavailable',
      hint: expect.stringContaining('Your decisions are kept'),
    })
  })
})
