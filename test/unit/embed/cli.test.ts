// Guards the command-line contract of `lesiontrack patches`, `embed` and `eval` on one small
// synthetic patient: the JSON each prints, and that the figures are computed from its truth.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { main } from '../../../electron/cli/main'
import { importFolder } from '../../../electron/core/import/import-folder'
import { labelBookmarks } from '../../../electron/core/patch/lesion-labels'
import { readPatchFile } from '../../../electron/core/patch/patch-file'
import { DEFAULT_PATCH_SPEC } from '../../../electron/core/patch/spec'
import { patchVolumes, writePatchFolder } from '../../../electron/core/patch/write-patch-folder'
import { synthesize } from '../../../electron/core/synth/synthesize'
import type { Truth } from '../../../electron/core/synth/truth'

const work = mkdtempSync(join(tmpdir(), 'lesiontrack-embed-cli-'))
const data = join(work, 'data')
afterAll(() => rmSync(work, { recursive: true, force: true }))

/** Runs the CLI in this process; returns its exit code and what it printed on stdout. */
async function lesiontrack(...argv: string[]): Promise<{ code: number; stdout: string }> {
  let stdout = ''
  const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    stdout += String(chunk)
    return true
  })
  const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true)
  try {
    return { code: await main(argv), stdout }
  } finally {
    write.mockRestore()
    stderr.mockRestore()
  }
}

describe('lesiontrack patches / embed / eval', () => {
  let truth: Truth
  beforeAll(async () => {
    truth = await synthesize({
      patients: 2,
      seed: 11,
      out: data,
      format: 'deeplesion',
      studies: 2,
      matrix: 128,
      sliceMm: 5,
    })
  })

  it('patches writes one labelled patch per bookmark', async () => {
    const out = join(work, 'patches')
    const { code, stdout } = await lesiontrack('patches', data, '--out', out, '--json')
    expect(code).toBe(0)
    const summary = JSON.parse(stdout)
    expect(summary.lesions).toBe(truth.totals.bookmarks)
    expect(summary.withIdentity).toBe(truth.totals.bookmarks)
    const file = readPatchFile(out)
    expect(file.index.count).toBe(truth.totals.bookmarks)
    expect(file.index.lesions.every((l) => l.normalizedLocation?.length === 3)).toBe(true)
  })

  it('patches cuts one patient at a time exactly what an extraction from memory writes', async () => {
    const out = join(work, 'patches-streamed')
    expect((await lesiontrack('patches', data, '--out', out)).code).toBe(0)
    const eager = await importFolder(data)
    const inMemory = join(work, 'patches-in-memory')
    writePatchFolder(
      inMemory,
      DEFAULT_PATCH_SPEC,
      patchVolumes(eager),
      labelBookmarks(eager, data).lesions,
    )
    for (const name of ['patches.json', 'patch.f32', 'context.f32', 'features.f32']) {
      expect(readFileSync(join(out, name)).equals(readFileSync(join(inMemory, name)))).toBe(true)
    }
  })

  it('patches and embed leave out a series that cannot be decoded, and fail', async () => {
    const broken = join(work, 'broken')
    cpSync(data, broken, { recursive: true })
    const imported = await importFolder(broken, { deferPixels: true })
    const series = imported.series[0]
    const slice = series.sourceFiles.find((file) => file !== '')!
    writeFileSync(slice, readFileSync(slice).subarray(0, 100))
    const kept = imported.bookmarks.filter(
      (b) => b.seriesInstanceUid !== series.seriesInstanceUid,
    ).length
    expect(kept).toBeLessThan(truth.totals.bookmarks)
    const patches = await lesiontrack('patches', broken, '--out', join(work, 'p2'), '--json')
    expect(patches.code).toBe(1)
    expect(JSON.parse(patches.stdout)).toMatchObject({ lesions: kept, importErrors: 1 })
    const embedded = await lesiontrack('embed', broken, '--json', '--provider', 'cpu')
    expect(embedded.code).toBe(1)
    expect(JSON.parse(embedded.stdout)).toMatchObject({ lesions: kept, importErrors: 1 })
  })

  it('embed prints the lesions, the execution provider used and the speed', async () => {
    const { code, stdout } = await lesiontrack('embed', data, '--json', '--provider', 'cpu')
    expect(code).toBe(0)
    const summary = JSON.parse(stdout)
    expect(summary.lesions).toBe(truth.totals.bookmarks)
    expect(summary.executionProvider).toBe('cpu')
    expect(summary.lesionsPerSecond).toBeGreaterThan(0)
    expect(summary.modelVersion).toMatch(/^lesion-embedder@/)
  })

  it('eval prints the embedding section with same-lesion AUC and retrieval errors', async () => {
    const { code, stdout } = await lesiontrack('eval', data, '--json', '--provider', 'cpu')
    expect(code).toBe(0)
    const report = JSON.parse(stdout)
    expect(report.lesions).toBe(truth.totals.bookmarks)
    const { sameLesion, retrievalTop5, patients } = report.embedding
    expect(patients).toBe(2)
    // Every lesion seen in both studies makes one same-lesion pair.
    const twice = truth.patients.flatMap((p) =>
      p.lesions.filter((l) => p.bookmarks.filter((b) => b.lesionId === l.lesionId).length === 2),
    )
    expect(sameLesion.positivePairs).toBe(twice.length)
    expect(sameLesion.auc).toBeGreaterThanOrEqual(0)
    expect(sameLesion.auc).toBeLessThanOrEqual(1)
    expect(retrievalTop5.queries).toBe(truth.totals.bookmarks)
    expect(retrievalTop5.typeErrorPercent).toBeGreaterThanOrEqual(0)
  })

  it('rejects an unknown provider with the usage', async () => {
    const { code } = await lesiontrack('embed', data, '--provider', 'tpu')
    expect(code).toBe(2)
  })
})
