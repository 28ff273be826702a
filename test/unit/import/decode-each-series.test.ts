// `lesiontrack inspect` decodes a folder one series at a time instead of all at once: what it
// reports must be what an import that decodes everything reports — the same records, the series
// with an undecodable slice left out with its bookmarks, each loss named.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { decodeEachSeries } from '../../../electron/core/import/decode-each-series'
import { importFolder } from '../../../electron/core/import/import-folder'
import { countsOf, type ImportResult } from '../../../electron/core/import/result'
import { synthesize } from '../../../electron/core/synth/synthesize'

let dir: string

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'decode-each-'))
  await synthesize({
    patients: 1,
    seed: 29,
    out: dir,
    format: 'dicom',
    studies: 2,
    matrix: 48,
    sliceMm: 5,
  })
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** What an import reports, comparable across the two ways of decoding. */
function reported(result: ImportResult) {
  return {
    counts: countsOf(result),
    series: result.series.map((s) => s.seriesInstanceUid).sort(),
    bookmarks: result.bookmarks.map((b) => b.bookmarkId).sort(),
    issues: result.issues.map((i) => `${i.severity} ${i.code} ${i.file}`).sort(),
  }
}

describe('decodeEachSeries', () => {
  it('returns an import whose every series decodes unchanged', async () => {
    const deferred = await importFolder(dir, { deferPixels: true })
    expect(await decodeEachSeries(deferred)).toBe(deferred)
  })

  it('reports a folder with an undecodable slice as decoding it all at once does', async () => {
    const eager = await importFolder(dir)
    const series = eager.series.find((s) =>
      eager.bookmarks.some((b) => b.seriesInstanceUid === s.seriesInstanceUid),
    )!
    const cut = series.sourceFiles[2]
    const bytes = readFileSync(cut)
    writeFileSync(cut, bytes.subarray(0, bytes.length - 500))
    const broken = await importFolder(dir)
    const checked = await decodeEachSeries(await importFolder(dir, { deferPixels: true }))
    expect(reported(checked)).toEqual(reported(broken))
    expect(checked.series.map((s) => s.seriesInstanceUid)).not.toContain(series.seriesInstanceUid)
    const lost = checked.issues.filter((i) => i.code === 'sr-series-not-imported')
    expect(lost).toHaveLength(
      eager.bookmarks.filter((b) => b.seriesInstanceUid === series.seriesInstanceUid).length,
    )
    expect(lost[0].message).toContain(`(${series.seriesInstanceUid}), which was not imported`)
    writeFileSync(cut, bytes)
  })
})
