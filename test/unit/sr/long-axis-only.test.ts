// Reports that measure lesions by their long axis alone, as RECIST 1.1 measures every lesion that
// is not a lymph node: each measurement must still become a bookmark (short axis not measured),
// be embedded, matched into the true lesion's track, exported with an empty short axis, and
// written back to DICOM SR without a Short Axis item.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { importFolder } from '../../../electron/core/import/import-folder'
import { TRACK_CSV_COLUMNS } from '../../../electron/core/match/track-export'
import type { Track } from '../../../electron/core/match/types'
import { readMeasurementReport } from '../../../electron/core/sr/read-measurement-report'
import { isImageAxis } from '../../../electron/core/sr/measurement-report'
import { synthesize } from '../../../electron/core/synth/synthesize'
import { runCli } from '../cli/run-cli'
import { dropShortAxes } from './drop-short-axes'

let dir: string
const lesionOf = new Map<string, string>()
/** Bookmarks (tracking UIDs) whose report lost its short axes. */
const longOnly = new Set<string>()

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'lt-long-only-'))
  const data = join(dir, 'data')
  const truth = await synthesize({
    patients: 1,
    seed: 21,
    out: data,
    format: 'dicom',
    studies: 3,
    matrix: 96,
    sliceMm: 5,
  })
  for (const b of truth.patients[0].bookmarks) lesionOf.set(b.trackingUid, b.lesionId)
  // The middle study's report measures long axes only.
  const middle = truth.patients[0].studies.find((s) => s.studyIndex === 2)!
  const studyFolder = join(data, middle.seriesFolder, '..')
  for (const name of readdirSync(studyFolder).filter((f) => f.startsWith('SR'))) {
    for (const uid of dropShortAxes(join(studyFolder, name))) longOnly.add(uid)
  }
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('a report of long axes only', () => {
  it('imports each measurement as a bookmark without a short axis, said once per report', async () => {
    expect(longOnly.size).toBeGreaterThan(0)
    const result = await importFolder(join(dir, 'data'), { deferPixels: true })
    expect(result.bookmarks).toHaveLength(lesionOf.size)
    for (const b of result.bookmarks) {
      const alone = longOnly.has(b.bookmarkId)
      expect(b.shortAxisMm === null, b.bookmarkId).toBe(alone)
      expect(b.shortAxisPx === null, b.bookmarkId).toBe(alone)
      expect(b.longAxisMm).toBeGreaterThan(0)
    }
    const said = result.issues.filter((i) => i.code === 'sr-long-axis-only')
    expect(said).toHaveLength(1)
    expect(said[0].severity).toBe('note')
    expect(said[0].message).toMatch(new RegExp(`^${longOnly.size} of its measurements`))
    const inspect = await runCli(['inspect', join(dir, 'data')])
    expect(inspect.stdout).toMatch(/\d+\.\d mm \(long axis only\) on slice/)
  })

  it('embeds and tracks them with the true lesions; the CSV leaves their short axis empty', async () => {
    const out = join(dir, 'tracks.json')
    const csv = join(dir, 'tracks.csv')
    expect(
      (await runCli(['track', join(dir, 'data'), '--out', out, '--provider', 'cpu'])).code,
    ).toBe(0)
    expect(
      (await runCli(['track', join(dir, 'data'), '--out', csv, '--provider', 'cpu'])).code,
    ).toBe(0)
    const file = JSON.parse(readFileSync(out, 'utf8')) as {
      patients: { tracks: Track[] }[]
      embedder: { embedded: number } | null
    }
    expect(file.embedder?.embedded).toBe(lesionOf.size)
    const tracks = file.patients.flatMap((p) => p.tracks)
    expect(tracks.flatMap((t) => t.lesionIds).sort()).toEqual([...lesionOf.keys()].sort())
    for (const track of tracks)
      expect(new Set(track.lesionIds.map((id) => lesionOf.get(id))).size).toBe(1)
    expect(tracks).toHaveLength(new Set(lesionOf.values()).size)

    const [header, ...rows] = readFileSync(csv, 'utf8').trim().split('\n')
    expect(header).toBe(TRACK_CSV_COLUMNS.join(','))
    const idColumn = TRACK_CSV_COLUMNS.indexOf('bookmark_id')
    const shortColumn = TRACK_CSV_COLUMNS.indexOf('short_axis_mm')
    for (const row of rows) {
      const cells = row.split(',')
      const alone = longOnly.has(cells[idColumn])
      expect(cells[shortColumn] === '', cells[idColumn]).toBe(alone)
    }
  })

  it('writes them back to DICOM SR without a Short Axis, beside the other measurements', async () => {
    const out = join(dir, 'export')
    expect(
      (await runCli(['export', join(dir, 'data'), '--out', out, '--provider', 'cpu'])).code,
    ).toBe(0)
    const files = readdirSync(out).filter((f) => f.endsWith('-tracks-sr.dcm'))
    for (const f of files) {
      const dump = spawnSync('dsrdump', [join(out, f)], { encoding: 'utf8' })
      expect(dump.status, dump.stderr).toBe(0)
    }
    const written = files.flatMap((f) => readMeasurementReport(join(out, f)).measurements)
    const original = await importFolder(join(dir, 'data'), { deferPixels: true })
    expect(written).toHaveLength(original.bookmarks.length)
    for (const b of original.bookmarks) {
      const copy = written.find(
        (m) =>
          isImageAxis(m.longAxis) &&
          m.longAxis.referencedSopInstanceUid === b.sopInstanceUid &&
          m.longAxis.lengthMm === b.longAxisMm,
      )
      expect(copy, b.bookmarkId).toBeDefined()
      expect(copy?.shortAxis === null, b.bookmarkId).toBe(longOnly.has(b.bookmarkId))
    }
  })
})
