import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { main } from '../../../electron/cli/main'
import { realismFigures, type RealismFigures } from '../../../electron/core/synth/realism'
import { synthesize } from '../../../electron/core/synth/synthesize'
import { GENERATOR_VERSION, type Truth } from '../../../electron/core/synth/truth'

const root = mkdtempSync(join(tmpdir(), 'lt-synth-cli-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

describe('synthetic data set figures beside the real-world ones (DESIGN.md, DLS)', () => {
  let figures: RealismFigures
  beforeAll(async () => {
    // Plan-and-measure only: the figures come from the bookmarks, not from the pixels.
    const truth = await synthesize({
      patients: 25,
      seed: 2,
      out: join(root, 'figures'),
      format: 'dicom',
      truthOnly: true,
    })
    figures = realismFigures(truth)
  })

  it('covers all eight DeepLesion lesion types', () => {
    expect(figures.lesionTypes).toEqual([1, 2, 3, 4, 5, 6, 7, 8])
  })

  it('measures long axes and axis ratios like DLS (median 19.7 mm, short/long median 0.75)', () => {
    expect(figures.longAxisMm.median).toBeGreaterThan(14)
    expect(figures.longAxisMm.median).toBeLessThan(27)
    expect(figures.longAxisMm.p5).toBeGreaterThan(5)
    expect(figures.longAxisMm.p95).toBeGreaterThan(35)
    expect(figures.shortToLong.median).toBeGreaterThan(0.62)
    expect(figures.shortToLong.median).toBeLessThan(0.85)
  })

  it('changes lesion size between studies like DLS (ratio median 1.0, p5–p95 0.76–1.31)', () => {
    expect(figures.followUpRatio.median).toBeGreaterThan(0.93)
    expect(figures.followUpRatio.median).toBeLessThan(1.07)
    expect(figures.followUpRatio.p5).toBeGreaterThan(0.6)
    expect(figures.followUpRatio.p95).toBeLessThan(1.6)
  })

  it('has real-looking pixel spacing and moves lesions in the scanner by about 18 mm', () => {
    expect(figures.pixelSpacingMm.p5).toBeGreaterThan(0.6)
    expect(figures.pixelSpacingMm.p95).toBeLessThan(1)
    expect(figures.inPlaneShiftMm.median).toBeGreaterThan(12)
    expect(figures.inPlaneShiftMm.median).toBeLessThan(25)
  })

  it('uses 5 mm slices most, then 1 mm', () => {
    expect(figures.sliceSpacingShare['5']).toBeGreaterThan(0.4)
    expect(figures.sliceSpacingShare['1']).toBeGreaterThan(0.2)
  })
})

describe('lesiontrack synth', () => {
  async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
    const out = vi.spyOn(process.stdout, 'write').mockImplementation(() => true)
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true)
    try {
      const code = await main(['synth', ...argv])
      return { code, out: out.mock.calls.join(''), err: err.mock.calls.join('') }
    } finally {
      out.mockRestore()
      err.mockRestore()
    }
  }

  it('writes the requested size and reports totals equal to truth.json', async () => {
    const dir = join(root, 'cli')
    const result = await run(
      '--out',
      dir,
      '--seed',
      '4',
      '--studies',
      '2',
      '--matrix',
      '64',
      '--slice-mm',
      '5',
      '--report',
    )
    expect(result.code).toBe(0)
    const truth = JSON.parse(readFileSync(join(dir, 'truth.json'), 'utf8')) as Truth
    expect(truth.generator).toEqual({
      name: 'lesiontrack synth',
      version: GENERATOR_VERSION,
      seed: 4,
    })
    expect(truth.patients[0].studies.map((s) => [s.matrix, s.sliceSpacingMm])).toEqual([
      [[64, 64], 5],
      [[64, 64], 5],
    ])
    expect(result.out).toContain(
      `wrote 1 patient(s), 2 stud(ies), 2 series, ${truth.totals.bookmarks} bookmark(s)`,
    )
    expect(result.out).toContain('long axis (mm)')
  })

  it('forces a study of a given slice count, as the import benchmark needs', async () => {
    const dir = join(root, 'bench')
    const result = await run(
      '--out',
      dir,
      '--studies',
      '1',
      '--matrix',
      '64',
      '--slices',
      '40',
      '--slice-mm',
      '2',
    )
    expect(result.code).toBe(0)
    const truth = JSON.parse(readFileSync(join(dir, 'truth.json'), 'utf8')) as Truth
    expect(truth.patients[0].studies[0].sliceCount).toBe(40)
    expect(truth.totals.bookmarks).toBeGreaterThanOrEqual(1)
  })

  it('refuses a folder that is not empty, and --force replaces only an earlier synth output', async () => {
    const dir = join(root, 'cli')
    const refused = await run('--out', dir, '--matrix', '64', '--studies', '1')
    expect(refused.code).toBe(2)
    expect(refused.err).toContain('is not empty')
    expect(refused.err).toContain('--force')
    expect((await run('--out', dir, '--matrix', '64', '--studies', '1', '--force')).code).toBe(0)
    const foreign = join(root, 'foreign')
    mkdirSync(foreign)
    writeFileSync(join(foreign, 'notes.txt'), 'keep me')
    const kept = await run('--out', foreign, '--force')
    expect(kept.code).toBe(2)
    expect(kept.err).toContain('was not written by synth')
    expect(readFileSync(join(foreign, 'notes.txt'), 'utf8')).toBe('keep me')
  })

  it('explains bad options', async () => {
    const bad = await run('--out', join(root, 'x'), '--format', 'nifti')
    expect(bad.code).toBe(2)
    expect(bad.err).toContain('--format must be one of dicom, deeplesion, both')
    expect((await run('--out', join(root, 'y'), '--slice-mm', 'thin')).err).toContain(
      '--slice-mm must be a number',
    )
    expect((await run('--patients', '2')).err).toContain('--out is required')
  })
})
