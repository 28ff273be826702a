// RECIST bookmarks kept in Grayscale Softcopy Presentation States, as many PACS export a reader's
// measurements: the same study read from a presentation state must give the bookmarks, and the
// tracks, that its SR report gives — on classic and Enhanced CT — and take the type a reader
// gives them. (States drawn by other viewers: other-viewers.test.ts.)
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { importFolder, importFolders } from '../../../electron/core/import/import-folder'
import { labelBookmarks } from '../../../electron/core/patch/lesion-labels'
import type { Track } from '../../../electron/core/match/types'
import type { Bookmark } from '../../../electron/core/model/types'
import { synthesize } from '../../../electron/core/synth/synthesize'
import type { Truth, TruthBookmark } from '../../../electron/core/synth/truth'
import { runCli } from '../cli/run-cli'
import { dciodvfy } from '../synth/dicom-tools'
import { spawnSync } from 'node:child_process'

let dir: string
let truth: Truth
const SETTINGS = { patients: 1, seed: 31, studies: 3, matrix: 96, sliceMm: 5 } as const

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'lt-gsps-'))
  truth = await synthesize({
    ...SETTINGS,
    out: join(dir, 'gsps'),
    format: 'dicom',
    bookmarkFile: 'gsps',
  })
  await synthesize({ ...SETTINGS, out: join(dir, 'sr'), format: 'dicom' })
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

function stateFiles(): string[] {
  return truth.patients[0].studies.map((s) => join(dir, 'gsps', s.seriesFolder, '..', 'PS0001.dcm'))
}

/** Bookmarks by where they were drawn (series, slice, long axis to 0.01 px). */
function byPlace(bookmarks: Bookmark[]): Map<string, Bookmark> {
  return new Map(
    bookmarks.map((b) => [
      `${b.seriesInstanceUid}:${b.sliceIndex}:${b.longAxisPx.flat().map((v) => v.toFixed(2))}`,
      b,
    ]),
  )
}

describe('presentation states written by synth --bookmarks gsps', () => {
  it('are valid presentation states (dciodvfy, dcmpschk)', () => {
    for (const file of stateFiles()) {
      const iod = dciodvfy(file)
      expect(iod.errors, iod.output).toEqual([])
      expect(iod.output).toContain('GrayscaleSoftcopyPresentationState')
      const check = spawnSync('dcmpschk', [file], { encoding: 'utf8' })
      expect(`${check.stdout}${check.stderr}`).toContain('Test passed')
    }
  })

  it('import as the bookmarks the SR report of the same study gives, with nothing to report', async () => {
    const fromStates = await importFolder(join(dir, 'gsps'), { deferPixels: true })
    const fromReports = await importFolder(join(dir, 'sr'), { deferPixels: true })
    expect(fromStates.issues.filter((i) => i.severity !== 'note')).toEqual([])
    expect(fromStates.bookmarks).toHaveLength(truth.patients[0].bookmarks.length)
    const reported = byPlace(fromReports.bookmarks)
    for (const [place, b] of byPlace(fromStates.bookmarks)) {
      const r = reported.get(place)
      expect(r, place).toBeDefined()
      expect(b.source).toBe('dicom-gsps')
      expect(b.shortAxisPx!.flat().map((v) => v.toFixed(2))).toEqual(
        r!.shortAxisPx!.flat().map((v) => v.toFixed(2)),
      )
      // The state states no lengths: they are measured from the drawn lines.
      expect(b.longAxisMm).toBeCloseTo(r!.longAxisMm, 1)
      expect(b.shortAxisMm!).toBeCloseTo(r!.shortAxisMm!, 1)
      b.centerLps.forEach((v, d) => expect(v).toBeCloseTo(r!.centerLps[d], 2))
    }
  })

  it('are left out where they repeat the SR report of the same reading', async () => {
    const both = await importFolders([join(dir, 'sr'), join(dir, 'gsps')], { deferPixels: true })
    expect(both.bookmarks).toHaveLength(truth.patients[0].bookmarks.length)
    expect(new Set(both.bookmarks.map((b) => b.source))).toEqual(new Set(['dicom-sr']))
    const repeats = both.issues.filter((i) => i.code === 'repeated-measurement')
    expect(repeats.map((i) => i.file).sort()).toEqual([...stateFiles()].sort())
    expect(repeats[0].message).toMatch(
      /as a PACS that also draws the measurements of a report does/,
    )
  })

  it('track each true lesion as one track', async () => {
    const out = join(dir, 'tracks.json')
    expect(
      (await runCli(['track', join(dir, 'gsps'), '--out', out, '--provider', 'cpu'])).code,
    ).toBe(0)
    const file = JSON.parse(readFileSync(out, 'utf8')) as { patients: { tracks: Track[] }[] }
    const imported = await importFolder(join(dir, 'gsps'), { deferPixels: true })
    const truthOf = new Map<string, TruthBookmark>()
    const drawn = truth.patients[0].bookmarks
    for (const b of imported.bookmarks) {
      const t = drawn.find(
        (d) =>
          d.sopInstanceUid === b.sopInstanceUid &&
          Math.abs(d.longAxisPx[0][0] - b.longAxisPx[0][0]) < 0.01,
      )
      truthOf.set(b.bookmarkId, t!)
    }
    const tracks = file.patients[0].tracks
    const lesionsOf = tracks.map((t) => new Set(t.lesionIds.map((id) => truthOf.get(id)!.lesionId)))
    expect(lesionsOf.every((lesions) => lesions.size === 1)).toBe(true)
    expect(tracks).toHaveLength(new Set(drawn.map((d) => d.lesionId)).size)
  })
})

describe('the type a reader gives a presentation-state bookmark', () => {
  it('is the type of its CSV row when `track` applies the decisions file', async () => {
    const imported = await importFolder(join(dir, 'gsps'), { deferPixels: true })
    expect(imported.bookmarks.every((b) => b.lesionType === -1)).toBe(true)
    const chosen = imported.bookmarks[0].bookmarkId
    const decisions = join(dir, 'types.json')
    writeFileSync(
      decisions,
      JSON.stringify([
        { kind: 'set-type', bookmarkId: chosen, lesionType: 4 },
        { kind: 'set-type', bookmarkId: '2.25.405', lesionType: 4 },
      ]),
    )
    const csv = join(dir, 'typed.csv')
    const run = await runCli([
      'track',
      join(dir, 'gsps'),
      '--decisions',
      decisions,
      '--out',
      csv,
      '--without-embeddings',
    ])
    expect(run.code, run.stderr).toBe(0)
    expect(run.stdout).toContain('the type given to bookmark 2.25.405 is left out')
    const [header, ...rows] = readFileSync(csv, 'utf8').trimEnd().split('\n')
    const column = (name: string) => header.split(',').indexOf(name)
    const typeOf = new Map(
      rows
        .map((r) => r.split(','))
        .map((c) => [c[column('bookmark_id')], c[column('lesion_type')]]),
    )
    expect(typeOf.size).toBe(imported.bookmarks.length)
    for (const [id, type] of typeOf) expect(type, id).toBe(id === chosen ? 'liver' : 'unlabelled')
  })
})

describe('presentation states on Enhanced CT', () => {
  it('place each pair of lines on its frame of the multi-frame image', async () => {
    const out = join(dir, 'enhanced')
    const enhanced = await synthesize({
      ...SETTINGS,
      studies: 2,
      out,
      format: 'dicom',
      ctLayout: 'enhanced',
      bookmarkFile: 'gsps',
    })
    const result = await importFolder(out, { deferPixels: true })
    expect(result.issues.filter((i) => i.severity !== 'note')).toEqual([])
    expect(result.bookmarks).toHaveLength(enhanced.patients[0].bookmarks.length)
    const labels = labelBookmarks(result, out)
    expect(labels.unmatched).toBe(0)
    for (const { bookmark } of labels.lesions) {
      const drawnOn = enhanced.patients[0].bookmarks.find(
        (b) => b.sopInstanceUid === bookmark.sopInstanceUid && b.sliceIndex === bookmark.sliceIndex,
      )
      expect(drawnOn, bookmark.bookmarkId).toBeDefined()
    }
  })
})
