// RECIST bookmarks kept in Grayscale Softcopy Presentation States, as many PACS export a reader's
// measurements: the same study read from a presentation state must give the bookmarks, and the
// tracks, that its SR report gives; lines that are no measurement are left out with a reason.
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  CT_IMAGE_STORAGE,
  GRAYSCALE_SOFTCOPY_PRESENTATION_STATE,
} from '../../../electron/core/dicom/sop-class'
import { el, encodePart10, seq, type Dataset } from '../../../electron/core/dicom/write/encoder'
import { readPresentationState } from '../../../electron/core/gsps/read-presentation-state'
import { importFolder, importFolders } from '../../../electron/core/import/import-folder'
import { labelBookmarks } from '../../../electron/core/patch/lesion-labels'
import type { Track } from '../../../electron/core/match/types'
import type { Bookmark } from '../../../electron/core/model/types'
import { synthesize } from '../../../electron/core/synth/synthesize'
import type { Truth, TruthBookmark } from '../../../electron/core/synth/truth'
import { runCli } from '../cli/run-cli'
import { dciodvfy } from '../synth/dicom-tools'
import { runTool } from '../dicom/fixtures'
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

describe('presentation states drawn by other viewers', () => {
  /** The first study's key slice: a real image of the synthetic series. */
  const image = (): Dataset => [
    el(0x00081150, 'UI', CT_IMAGE_STORAGE),
    el(0x00081155, 'UI', truth.patients[0].bookmarks[0].sopInstanceUid),
  ]
  const otherImage = (): Dataset => [
    el(0x00081150, 'UI', CT_IMAGE_STORAGE),
    el(0x00081155, 'UI', '1.2.3.4.5'),
  ]
  const lineObject = (points: number[], units = 'PIXEL'): Dataset => [
    el(0x00700005, 'CS', units),
    el(0x00700020, 'US', [2]),
    el(0x00700021, 'US', [2]),
    el(0x00700022, 'FL', points),
    el(0x00700023, 'CS', 'POLYLINE'),
  ]
  const text = (value: string): Dataset => [
    el(0x00700004, 'CS', 'PIXEL'),
    el(0x00700006, 'ST', value),
    el(0x00700014, 'FL', [10, 10]),
    el(0x00700015, 'CS', 'N'),
  ]

  /** Writes a presentation state of `annotations` on the images `referenced`, and reads it. */
  function stateOf(name: string, annotations: Dataset[], referenced: Dataset[] = [image()]) {
    const uid = `2.25.${1000 + name.length}${name.charCodeAt(0)}`
    const dataset: Dataset = [
      el(0x00080016, 'UI', GRAYSCALE_SOFTCOPY_PRESENTATION_STATE),
      el(0x00080018, 'UI', uid),
      seq(0x00081115, [[el(0x0020000e, 'UI', '1.2.3'), seq(0x00081140, referenced)]]),
      el(0x00100020, 'LO', truth.patients[0].patientId),
      el(0x0020000d, 'UI', truth.patients[0].studies[0].studyInstanceUid),
      el(0x00700080, 'CS', 'MARKS'),
      seq(0x00700001, annotations),
    ]
    const file = join(dir, `${name}.dcm`)
    writeFileSync(file, encodePart10(dataset, GRAYSCALE_SOFTCOPY_PRESENTATION_STATE, uid))
    return readPresentationState(file)
  }

  it('reads a line alone as a long axis when its annotation states a length', async () => {
    const state = stateOf('ruler', [
      [
        seq(0x00081140, [image()]),
        seq(0x00700008, [text('23.5 mm')]),
        seq(0x00700009, [lineObject([20, 30, 50, 30])]),
      ],
    ])
    expect(state.issues).toEqual([])
    expect(state.measurements).toEqual([
      expect.objectContaining({
        trackingIdentifier: 'MARKS 1',
        longAxis: expect.objectContaining({
          lengthMm: null,
          pointsPx: [
            [19.5, 29.5],
            [49.5, 29.5],
          ],
        }),
        shortAxis: null,
      }),
    ])
    // Imported with the study it was drawn on: a long-axis-only bookmark, its length measured.
    const alone = join(dir, 'ruler-only')
    mkdirSync(alone)
    copyFileSync(join(dir, 'ruler.dcm'), join(alone, 'ruler.dcm'))
    const result = await importFolders([join(dir, 'gsps'), alone], { deferPixels: true })
    const ruler = result.bookmarks.filter((b) => b.sourceFile === join(alone, 'ruler.dcm'))
    expect(ruler).toHaveLength(1)
    const series = result.series.find((x) => x.seriesInstanceUid === ruler[0].seriesInstanceUid)!
    expect(ruler[0].shortAxisMm).toBeNull()
    expect(ruler[0].longAxisMm).toBeCloseTo(30 * series.geometry.spacingMm[0], 6)
    const notes = result.issues.filter((i) => i.file === join(alone, 'ruler.dcm'))
    expect(notes.map((i) => [i.code, i.severity])).toEqual([['sr-long-axis-only', 'note']])
  })

  it('pairs the axes of one measurement drawn as two annotations of one image', () => {
    const state = stateOf('split', [
      [seq(0x00081140, [image()]), seq(0x00700009, [lineObject([20, 30, 50, 30])])],
      [seq(0x00081140, [image()]), seq(0x00700009, [lineObject([36, 22, 35, 39])])],
    ])
    expect(state.issues).toEqual([])
    expect(state.measurements).toHaveLength(1)
    expect(state.measurements[0].longAxis).toEqual(
      expect.objectContaining({
        pointsPx: [
          [19.5, 29.5],
          [49.5, 29.5],
        ],
      }),
    )
    expect(state.measurements[0].shortAxis).toEqual(
      expect.objectContaining({
        pointsPx: [
          [35.5, 21.5],
          [34.5, 38.5],
        ],
      }),
    )
  })

  it('notes, without an error, a measurement drawn on an image that is not a CT slice', async () => {
    // An MR slice in the same export: a copy of a CT slice, its modality and UIDs changed.
    const mrFolder = join(dir, 'mr')
    mkdirSync(mrFolder)
    const mrFile = join(mrFolder, 'MR0001.dcm')
    const ctFile = join(dir, 'gsps', truth.patients[0].studies[0].seriesFolder)
    copyFileSync(join(ctFile, readdirSync(ctFile).sort()[0]), mrFile)
    runTool('dcmodify', [
      '-nb',
      '-m',
      '(0008,0060)=MR',
      '-m',
      '(0020,000e)=1.2.826.0.9.1',
      '-m',
      '(0008,0018)=1.2.826.0.9.1.1',
      mrFile,
    ])
    stateOf('on-mr', [
      [
        seq(0x00081140, [
          [el(0x00081150, 'UI', CT_IMAGE_STORAGE), el(0x00081155, 'UI', '1.2.826.0.9.1.1')],
        ]),
        seq(0x00700009, [lineObject([20, 30, 50, 30]), lineObject([35, 22, 35, 38])]),
      ],
    ])
    copyFileSync(join(dir, 'on-mr.dcm'), join(mrFolder, 'on-mr.dcm'))
    const result = await importFolders([join(dir, 'gsps'), mrFolder], { deferPixels: true })
    const about = result.issues.filter((i) => i.file === join(mrFolder, 'on-mr.dcm'))
    expect(about.map((i) => [i.code, i.severity])).toEqual([['sr-not-on-ct', 'note']])
    expect(about[0].message).toMatch(/drawn on an image of modality MR \(CT Image Storage/)
    expect(result.issues.filter((i) => i.severity === 'error')).toEqual([])
  })

  it('leaves out a line with no stated length, and says so in a note', () => {
    const state = stateOf('arrow', [
      [seq(0x00081140, [image()]), seq(0x00700009, [lineObject([20, 30, 50, 30])])],
    ])
    expect(state.measurements).toEqual([])
    expect(state.issues.map((i) => [i.code, i.severity])).toEqual([['gsps-other-marks', 'note']])
    expect(state.issues[0].message).toMatch(/holds no RECIST measurement.*1 drawn object/)
  })

  it('warns about lines drawn in display coordinates and leaves them out', () => {
    const state = stateOf('display', [
      [
        seq(0x00081140, [image()]),
        seq(0x00700009, [
          lineObject([0.2, 0.3, 0.5, 0.3], 'DISPLAY'),
          lineObject([0.35, 0.2, 0.35, 0.4], 'DISPLAY'),
        ]),
      ],
    ])
    expect(state.measurements).toEqual([])
    const display = state.issues.find((i) => i.code === 'gsps-display-units')
    expect(display?.severity).toBe('warning')
    expect(display?.message).toMatch(/^2 line\(s\)/)
  })

  it('warns about crossing lines shown on several images at once (no key slice)', () => {
    const state = stateOf(
      'every image',
      [[seq(0x00700009, [lineObject([20, 30, 50, 30]), lineObject([35, 20, 35, 40])])]],
      [image(), otherImage()],
    )
    expect(state.measurements).toEqual([])
    expect(state.issues.find((i) => i.code === 'gsps-not-one-image')?.severity).toBe('warning')
  })

  it('notes a state that only sets the display (no annotation at all)', () => {
    const state = stateOf('window', [])
    expect(state.measurements).toEqual([])
    expect(state.issues.map((i) => [i.code, i.severity])).toEqual([['gsps-other-marks', 'note']])
  })

  it('reports a file cut off in transfer, with nothing read from it', () => {
    const file = join(dir, 'cut.dcm')
    const whole = readFileSync(stateFiles()[0])
    writeFileSync(file, whole.subarray(0, whole.length - 200))
    const state = readPresentationState(file)
    expect(state.measurements).toEqual([])
    expect(state.issues.map((i) => [i.code, i.severity])).toEqual([['gsps-unreadable', 'error']])
  })
})
