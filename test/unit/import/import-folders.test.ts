// Guards a follow-up exported from PACS on its own: folders imported together must give the very
// records of one export holding all their studies (bookmarks included), read no file twice when
// folders overlap (saying so once per series), ignore a second copy of a report (also one resent
// under a new UID, keeping the original's bookmark ids), and import nothing at all when one folder
// is missing or is a DeepLesion folder that cannot be combined.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { main } from '../../../electron/cli/main'
import { importFolder, importFolders } from '../../../electron/core/import/import-folder'
import type { ImportResult } from '../../../electron/core/import/result'
import { synthesize } from '../../../electron/core/synth/synthesize'
import { runTool } from '../dicom/fixtures'
import type { Truth } from '../../../electron/core/synth/truth'

let dir: string
let studyFolders: string[]
let whole: ImportResult
/** The first two studies, as exported at the second visit. */
let earlier: string
/** The third study, exported on its own at the third visit. */
let followUp: string

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'import-folders-'))
  const all = join(dir, 'all')
  await synthesize({
    patients: 1,
    seed: 17,
    out: all,
    format: 'dicom',
    studies: 3,
    matrix: 64,
    sliceMm: 5,
  })
  const truth: Truth = JSON.parse(readFileSync(join(all, 'truth.json'), 'utf8'))
  studyFolders = truth.patients[0].studies.map((s) => dirname(join(all, s.seriesFolder)))
  earlier = join(dir, 'visit-2')
  followUp = join(dir, 'visit-3')
  studyFolders.forEach((study, k) =>
    cpSync(study, join(k < 2 ? earlier : followUp, `study-${k + 1}`), { recursive: true }),
  )
  rmSync(join(all, 'truth.json'))
  whole = await importFolder(all, { deferPixels: true })
})

afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** What two imports must share: the records, not the file paths they were read from. */
function records(result: ImportResult) {
  return {
    patients: result.patients,
    studies: result.studies,
    series: result.series.map(({ sourceFiles, ...series }) => ({
      ...series,
      files: sourceFiles.length,
    })),
    bookmarks: result.bookmarks.map(({ sourceFile: _readFrom, ...bookmark }) => bookmark),
  }
}

describe('importFolders', () => {
  it('joins a follow-up folder to the earlier studies as one export would', async () => {
    const first = await importFolder(earlier, { deferPixels: true })
    expect(first.studies).toHaveLength(2)
    const joined = await importFolders([earlier, followUp], { deferPixels: true })
    expect(joined.issues).toEqual([])
    expect(joined.studies).toHaveLength(3)
    expect(records(joined)).toEqual(records(whole))
    // The earlier studies keep their bookmark ids, so decisions about them still apply.
    const ids = new Set(joined.bookmarks.map((b) => b.bookmarkId))
    expect(first.bookmarks.every((b) => ids.has(b.bookmarkId))).toBe(true)
  })

  it('attaches a report exported on its own to the images of another folder', async () => {
    const images = join(dir, 'images-only')
    const reports = join(dir, 'reports-only')
    cpSync(earlier, images, { recursive: true })
    for (const study of ['study-1', 'study-2']) {
      cpSync(join(images, study, 'SR0001.dcm'), join(reports, `${study}.dcm`))
      rmSync(join(images, study, 'SR0001.dcm'))
    }
    const alone = await importFolder(images, { deferPixels: true })
    expect(alone.bookmarks).toEqual([])
    const joined = await importFolders([images, reports], { deferPixels: true })
    expect(joined.issues).toEqual([])
    const expected = await importFolder(earlier, { deferPixels: true })
    expect(records(joined)).toEqual(records(expected))
  })

  it('reads a folder given twice, or inside another, once', async () => {
    const nested = await importFolders([earlier, join(earlier, 'study-1'), earlier, followUp], {
      deferPixels: true,
    })
    expect(nested.issues).toEqual([])
    expect(records(nested)).toEqual(records(whole))
  })

  it('says once per series that a folder holds studies already read, and reads them once', async () => {
    const again = await importFolders([earlier, join(dir, 'all')], { deferPixels: true })
    expect(records(again)).toEqual(records(whole))
    const copied = again.issues.map((issue) => `${issue.code} ${issue.severity}`)
    // Two CT series and their two reports are in both folders.
    expect(copied).toEqual(Array(4).fill('duplicate-file note'))
    expect(again.issues[0].message).toMatch(/^\d+ files of series .* are second copies/)
  })

  it('ignores a second copy of a measurement report, with a note naming both files', async () => {
    const copyDir = join(dir, 'visit-3-with-copy')
    cpSync(followUp, copyDir, { recursive: true })
    const copy = join(copyDir, 'copy-of-first-report.dcm')
    cpSync(join(earlier, 'study-1', 'SR0001.dcm'), copy)
    const joined = await importFolders([earlier, copyDir], { deferPixels: true })
    expect(records(joined).bookmarks).toEqual(records(whole).bookmarks)
    expect(joined.issues).toHaveLength(1)
    expect(joined.issues[0]).toMatchObject({
      file: copy,
      code: 'duplicate-file',
      severity: 'note',
    })
    expect(joined.issues[0].message).toContain(join(earlier, 'study-1', 'SR0001.dcm'))
  })

  it('keeps the original of a report resent under a new UID, with its bookmark ids', async () => {
    const resent = join(dir, 'resent')
    mkdirSync(resent, { recursive: true })
    const copy = join(resent, 'resent.dcm')
    cpSync(join(earlier, 'study-1', 'SR0001.dcm'), copy)
    runTool('dcmodify', ['-nb', '-m', '(0008,0018)=2.25.4242', '-m', '(0008,0023)=20991231', copy])
    const joined = await importFolders([resent, earlier], { deferPixels: true })
    const first = await importFolder(earlier, { deferPixels: true })
    expect(joined.bookmarks.map((b) => [b.bookmarkId, b.sourceFile])).toEqual(
      first.bookmarks.map((b) => [b.bookmarkId, b.sourceFile]),
    )
    expect(joined.issues).toEqual([
      expect.objectContaining({ file: copy, code: 'repeated-measurement', severity: 'note' }),
    ])
  })

  it('imports nothing when one of the folders is missing, and says which', async () => {
    const gone = join(dir, 'moved-away')
    const result = await importFolders([earlier, gone], { deferPixels: true })
    expect(result.patients).toEqual([])
    expect(result.bookmarks).toEqual([])
    expect(result.issues).toEqual([
      expect.objectContaining({ file: gone, code: 'folder-missing', severity: 'error' }),
    ])
  })

  it('refuses to combine a DeepLesion folder with others, importing nothing', async () => {
    const deepLesion = join(dir, 'deeplesion')
    mkdirSync(join(deepLesion, 'Images_png'), { recursive: true })
    writeFileSync(join(deepLesion, 'DL_info.csv'), 'File_name\n')
    const result = await importFolders([earlier, deepLesion], { deferPixels: true })
    expect(result.patients).toEqual([])
    expect(result.issues).toEqual([
      expect.objectContaining({ file: deepLesion, code: 'deeplesion-not-combined' }),
    ])
  })
})

describe('lesiontrack inspect with several folders', () => {
  it('reports what they hold together', async () => {
    const out = vi.spyOn(process.stdout, 'write').mockImplementation(() => true)
    let code: number
    let printed: unknown
    try {
      code = await main(['inspect', earlier, followUp, '--json'])
      printed = JSON.parse(out.mock.calls.map((call) => String(call[0])).join(''))
    } finally {
      out.mockRestore()
    }
    expect(code).toBe(0)
    expect(printed).toMatchObject({
      patients: 1,
      studies: 3,
      series: 3,
      bookmarks: whole.bookmarks.length,
      errors: [],
      warnings: [],
      notes: [],
    })
  })
})
