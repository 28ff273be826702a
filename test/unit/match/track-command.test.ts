// `lesiontrack track` on synthetic DICOM CT + SR: the tracks it writes are the true lesions,
// the CSV has one row per bookmark, a decisions file is applied, and folders given together
// (a last study exported on its own) give the tracks of one folder holding them all.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { main } from '../../../electron/cli/main'
import { TRACK_CSV_COLUMNS } from '../../../electron/core/match/track-export'
import type { Track } from '../../../electron/core/match/types'
import type { RecistAssessment } from '../../../electron/core/response/types'
import { synthesize } from '../../../electron/core/synth/synthesize'
import type { Truth } from '../../../electron/core/synth/truth'

let dir: string
let truth: Truth
const lesionOf = new Map<string, string>()

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'lt-track-'))
  truth = await synthesize({
    patients: 2,
    seed: 21,
    out: join(dir, 'data'),
    format: 'dicom',
    studies: 3,
    matrix: 96,
    sliceMm: 5,
  })
  for (const p of truth.patients)
    for (const b of p.bookmarks) lesionOf.set(b.trackingUid, b.lesionId)
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

async function run(args: string[]): Promise<number> {
  const out = vi.spyOn(process.stdout, 'write').mockImplementation(() => true)
  try {
    return await main(args)
  } finally {
    out.mockRestore()
  }
}

interface TracksFile {
  patients: {
    patientId: string
    tracks: Track[]
    links: {
      lesionIdA: string
      lesionIdB: string
      kept: boolean
      decision: string
      evidence: { embeddingSimilarity?: number }
      explanation: string
    }[]
  }[]
  embedder: { modelVersion: string; executionProvider: string; embedded: number } | null
}

interface ResponseFile {
  patients: { patientId: string; tracks: Track[]; response: RecistAssessment | null }[]
}

describe('lesiontrack track', () => {
  it('writes tracks that are exactly the true lesions', async () => {
    const out = join(dir, 'tracks.json')
    expect(await run(['track', join(dir, 'data'), '--out', out])).toBe(0)
    const file = JSON.parse(readFileSync(out, 'utf8')) as TracksFile
    const tracks = file.patients.flatMap((p) => p.tracks)
    const bookmarkIds = tracks.flatMap((t) => t.lesionIds)
    expect(bookmarkIds.sort()).toEqual([...lesionOf.keys()].sort())
    for (const track of tracks)
      expect(new Set(track.lesionIds.map((id) => lesionOf.get(id))).size).toBe(1)
    expect(tracks).toHaveLength(new Set(lesionOf.values()).size)
  })

  it('reads each patient’s RECIST 1.1 response over its studies, targets from the bookmarks', () => {
    const file = JSON.parse(readFileSync(join(dir, 'tracks.json'), 'utf8')) as ResponseFile
    for (const patient of file.patients) {
      const truthPatient = truth.patients.find((p) => p.patientId === patient.patientId)
      const studies = [...(truthPatient?.studies ?? [])].sort((a, b) => a.studyIndex - b.studyIndex)
      const response = patient.response
      expect(response?.timepoints.map((t) => t.studyId)).toEqual(
        studies.map((s) => s.studyInstanceUid),
      )
      expect(response?.timepoints[0].category).toBe('baseline')
      // Each target's baseline diameter is its bookmark's long axis in the first study.
      for (const target of response?.targets ?? []) {
        const track = patient.tracks.find((t) => t.trackId === target.trackId)
        const atBaseline = truthPatient?.bookmarks.find(
          (b) =>
            track?.lesionIds.includes(b.trackingUid) &&
            b.studyInstanceUid === studies[0].studyInstanceUid,
        )
        expect(target.baselineMm).toBe(atBaseline?.longAxisMm)
      }
      expect(response?.targets.length).toBeGreaterThan(0)
    }
  })

  it('embeds every bookmark and weighs the embedding similarity in each link, unless told not to', async () => {
    const out = join(dir, 'embedded.json')
    expect(await run(['track', join(dir, 'data'), '--out', out, '--provider', 'cpu'])).toBe(0)
    const embedded = JSON.parse(readFileSync(out, 'utf8')) as TracksFile
    expect(embedded.embedder?.embedded).toBe(lesionOf.size)
    expect(embedded.embedder?.executionProvider).toBe('cpu')
    const links = embedded.patients.flatMap((p) => p.links)
    expect(links.length).toBeGreaterThan(0)
    for (const link of links) {
      expect(link.evidence.embeddingSimilarity).toBeGreaterThanOrEqual(-1)
      expect(link.explanation).toMatch(/embedding similarity/)
    }

    const bare = join(dir, 'bare.json')
    expect(await run(['track', join(dir, 'data'), '--out', bare, '--without-embeddings'])).toBe(0)
    const geometric = JSON.parse(readFileSync(bare, 'utf8')) as TracksFile
    expect(geometric.embedder).toBeNull()
    for (const link of geometric.patients.flatMap((p) => p.links)) {
      expect(link.evidence.embeddingSimilarity).toBeUndefined()
      expect(link.explanation).not.toMatch(/embedding/)
    }
  })

  it('writes one CSV row per bookmark, grouped by track', async () => {
    const out = join(dir, 'tracks.csv')
    expect(await run(['track', join(dir, 'data'), '--out', out])).toBe(0)
    const [header, ...rows] = readFileSync(out, 'utf8').trimEnd().split('\n')
    expect(header).toBe(TRACK_CSV_COLUMNS.join(','))
    expect(rows).toHaveLength(lesionOf.size)
    const bookmarkColumn = TRACK_CSV_COLUMNS.indexOf('bookmark_id')
    const trackColumn = TRACK_CSV_COLUMNS.indexOf('track_id')
    for (const row of rows) {
      const fields = row.split(',')
      expect(fields[trackColumn]).toMatch(/^.+\/T\d+$/)
      expect(lesionOf.has(fields[bookmarkColumn])).toBe(true)
    }
  })

  it('reads several folders as one export: each last study exported on its own', async () => {
    const earlier = join(dir, 'earlier')
    const latest = join(dir, 'latest')
    cpSync(join(dir, 'data'), earlier, { recursive: true })
    for (const patient of truth.patients) {
      const last = patient.studies.reduce((a, b) => (a.studyIndex > b.studyIndex ? a : b))
      const studyFolder = dirname(last.seriesFolder)
      cpSync(join(earlier, studyFolder), join(latest, studyFolder), { recursive: true })
      rmSync(join(earlier, studyFolder), { recursive: true })
    }
    const out = join(dir, 'tracks-two-folders.json')
    expect(await run(['track', earlier, latest, '--out', out])).toBe(0)
    const tracksOf = (file: string) =>
      (JSON.parse(readFileSync(file, 'utf8')) as TracksFile).patients.map((p) =>
        p.tracks.map((t) => t.lesionIds),
      )
    expect(tracksOf(out)).toEqual(tracksOf(join(dir, 'tracks.json')))
  })

  it('applies a decisions file: a rejected link splits the track', async () => {
    const first = JSON.parse(readFileSync(join(dir, 'tracks.json'), 'utf8')) as TracksFile
    const link = first.patients[0].links.find((l) => l.kept)!
    const decisionsFile = join(dir, 'decisions.json')
    writeFileSync(
      decisionsFile,
      JSON.stringify([
        { kind: 'reject-link', lesionIdA: link.lesionIdA, lesionIdB: link.lesionIdB },
      ]),
    )
    const out = join(dir, 'tracks-decided.json')
    expect(
      await run(['track', join(dir, 'data'), '--out', out, '--decisions', decisionsFile]),
    ).toBe(0)
    const after = JSON.parse(readFileSync(out, 'utf8')) as TracksFile
    const trackOf = (id: string) =>
      after.patients[0].tracks.find((t) => t.lesionIds.includes(id))?.trackId
    expect(trackOf(link.lesionIdA)).not.toBe(trackOf(link.lesionIdB))
    const rejected = after.patients[0].links.find(
      (l) => l.lesionIdA === link.lesionIdA && l.lesionIdB === link.lesionIdB,
    )
    expect(rejected).toMatchObject({ kept: false, decision: 'rejected by user' })
  })

  it('adds a lesion measured in the app (a measure decision) as an embedded bookmark', async () => {
    const patient = truth.patients[0]
    const [first, second] = [...patient.studies].sort((a, b) => a.studyIndex - b.studyIndex)
    const source = patient.bookmarks.find((b) => b.studyInstanceUid === first.studyInstanceUid)!
    const measure = {
      kind: 'measure',
      bookmarkId: 'reader-cli-1',
      studyInstanceUid: second.studyInstanceUid,
      seriesInstanceUid: second.seriesInstanceUid,
      sliceIndex: Math.min(source.sliceIndex, second.sliceCount - 1),
      axesPx: [...source.longAxisPx.flat(), ...source.shortAxisPx.flat()],
      lesionType: source.type,
    }
    const lost = { ...measure, bookmarkId: 'reader-cli-2', studyInstanceUid: '1.2.3' }
    const decisionsFile = join(dir, 'measured.json')
    writeFileSync(decisionsFile, JSON.stringify([measure, lost]))
    const out = join(dir, 'tracks-measured.json')
    const said = vi.spyOn(process.stdout, 'write').mockImplementation(() => true)
    try {
      expect(
        await main(['track', join(dir, 'data'), '--out', out, '--decisions', decisionsFile]),
      ).toBe(0)
      expect(said.mock.calls.map((c) => String(c[0])).join('')).toContain(
        'the measurement reader-cli-2 is left out: its study 1.2.3 is not loaded',
      )
    } finally {
      said.mockRestore()
    }
    const written = JSON.parse(readFileSync(out, 'utf8')) as TracksFile
    const ids = written.patients[0].tracks.flatMap((t) => t.lesionIds)
    expect(ids).toContain('reader-cli-1')
    expect(ids).not.toContain('reader-cli-2')
    const bookmarks = truth.patients.reduce((n, p) => n + p.bookmarks.length, 0)
    expect(written.embedder?.embedded).toBe(bookmarks + 1)
  })

  it('says what is wrong with the output name or a decisions file', async () => {
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true)
    try {
      expect(await main(['track', join(dir, 'data'), '--out', join(dir, 'tracks.txt')])).toBe(2)
      expect(String(err.mock.calls[0][0])).toContain('--out must end in .json or .csv')
      const bad = join(dir, 'bad-decisions.json')
      writeFileSync(bad, JSON.stringify([{ kind: 'merge' }]))
      expect(
        await main(['track', join(dir, 'data'), '--out', join(dir, 't.json'), '--decisions', bad]),
      ).toBe(2)
      expect(String(err.mock.calls[1][0])).toContain(
        `${bad}: decisions[0] has unknown kind "merge"`,
      )
      const out = join(dir, 't.json')
      expect(
        await main(['track', join(dir, 'data'), '--out', out, '--timepoint-days', '3.5']),
      ).toBe(2)
      expect(String(err.mock.calls[2][0])).toContain(
        "--timepoint-days must be a whole number of days from 0 to 60, got '3.5'",
      )
      expect(await main(['track', join(dir, 'data'), '--out', out, '--sd-days', '400'])).toBe(2)
      expect(String(err.mock.calls[3][0])).toContain('--sd-days must be a whole number of days')
    } finally {
      err.mockRestore()
    }
  })
})
