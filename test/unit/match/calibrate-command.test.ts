// `lesiontrack calibrate` on synthetic DICOM: it fits the evidence weights only (here the type
// weight, without the embedding model, which is built separately), with the sign the evidence
// calls for, and keeps the DLS-fitted weights.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FEATURE_NAMES } from '../../../electron/core/match/features'
import { loadMatcherModel } from '../../../electron/core/match/model'
import { synthesize } from '../../../electron/core/synth/synthesize'
import { runCli } from '../cli/run-cli'

let dir: string
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'lt-calibrate-'))
  await synthesize({
    patients: 4,
    seed: 31,
    out: join(dir, 'data'),
    format: 'dicom',
    studies: 3,
    matrix: 96,
    sliceMm: 5,
  })
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('lesiontrack calibrate', () => {
  it('fits type agreement, leaving every other weight as it was', async () => {
    const out = join(dir, 'matcher.json')
    const { code, stdout } = await runCli([
      'calibrate',
      join(dir, 'data'),
      '--out',
      out,
      '--without-embeddings',
    ])
    expect(code).toBe(0)
    const base = loadMatcherModel()
    const fitted = loadMatcherModel(out)
    expect(fitted.probability.weights.typeAgreement).toBeGreaterThan(0)
    expect(fitted.probability.weights.embeddingDistance).toBe(0)
    expect(fitted.probability.weights.embeddingPresent).toBe(0)
    for (const name of FEATURE_NAMES) {
      if (['embeddingDistance', 'embeddingPresent', 'typeAgreement'].includes(name)) continue
      expect(fitted.probability.weights[name]).toBe(base.probability.weights[name])
    }
    expect(fitted.probability.intercept).toBe(base.probability.intercept)
    expect(stdout).toMatch(/^\d+ bookmarks of 4 patients, \d+ pairs \(\d+ same lesion\)/)
    expect(stdout).toMatch(/\nafter: pairs F1 \d\.\d{4}/)
  })

  it('refuses a folder without truth.json', async () => {
    const refused = await runCli([
      'calibrate',
      dir,
      '--out',
      join(dir, 'm.json'),
      '--without-embeddings',
    ])
    expect(refused.code).toBe(2)
    expect(refused.stderr).toContain('has no truth.json: nothing to calibrate on')
  })
})
