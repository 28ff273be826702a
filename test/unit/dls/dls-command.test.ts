// `lesiontrack dls` end to end on real DLS pairs: the result file has every lesion and every
// scored pair in the documented shape, the figures agree with the file, and --fit / --cv run.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { parseDlsSplit } from '../../../electron/core/dls/dls-split'
import { rocAuc } from '../../../electron/core/dls/metrics'
import { dlsProtocol } from '../../../electron/core/dls/protocol'
import { loadMatcherModel } from '../../../electron/core/match/model'
import { runCli } from '../cli/run-cli'

const VALID = fileURLToPath(new URL('../../fixtures/real/dls/valid.json', import.meta.url))
const dir = mkdtempSync(join(tmpdir(), 'lt-dls-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** The entries of valid.json whose patients are among the first `count` patient ids. */
function subset(count: number): string {
  const all = JSON.parse(readFileSync(VALID, 'utf8')) as Record<
    string,
    { 'source recist slice': string }
  >
  const patients = [...new Set(Object.values(all).map((e) => e['source recist slice'].slice(0, 6)))]
    .sort()
    .slice(0, count)
  const kept = Object.fromEntries(
    Object.entries(all).filter(([, e]) => patients.includes(e['source recist slice'].slice(0, 6))),
  )
  const path = join(dir, `subset-${count}.json`)
  writeFileSync(path, JSON.stringify(kept))
  return path
}

describe('lesiontrack dls', () => {
  const file = subset(20)
  const split = parseDlsSplit(JSON.parse(readFileSync(file, 'utf8')), file)
  const protocol = dlsProtocol(split)

  it('writes every lesion with a track and every scored pair with a score, and reports the figures', async () => {
    const out = join(dir, 'result.json')
    const { code, stdout } = await runCli(['dls', file, '--out', out, '--json'])
    expect(code).toBe(0)
    const result = JSON.parse(readFileSync(out, 'utf8')) as {
      lesions: { key: string; track: string }[]
      pairs: { a: string; b: string; score: number }[]
    }
    expect(result.lesions.map((l) => l.key)).toEqual(split.lesions.map((l) => l.key))
    expect(result.lesions.every((l) => l.track.startsWith(l.key.slice(0, 6)))).toBe(true)
    expect(result.pairs).toHaveLength(protocol.scoredPairs.length)
    expect(result.pairs.every((p) => p.score >= 0 && p.score <= 1)).toBe(true)
    const report = JSON.parse(stdout)
    expect(report.metrics.lesions).toBe(split.lesions.length)
    expect(report.metrics.scoredPairs).toBe(protocol.scoredPairs.length)
    // The AUC printed is the AUC of the scores written.
    const auc = rocAuc(
      result.pairs.map((p) => p.score),
      protocol.scoredPairs.map((p) => p.same),
    )
    expect(report.metrics.auc).toBeCloseTo(auc, 4)
    expect(report.metrics.auc).toBeGreaterThan(0.9)
    expect(report.metrics.top1.value).toBeGreaterThan(0.85)
  })

  it('fits a model file it can read back, and cross-validates by patient', async () => {
    const fitted = join(dir, 'fitted.json')
    const { code, stdout } = await runCli(['dls', file, '--fit', fitted, '--cv', '3'])
    expect(code).toBe(0)
    const model = loadMatcherModel(fitted)
    expect(model.probability.weights.distanceXy).toBeLessThan(0)
    expect(stdout).toMatch(/patient-grouped 3-fold cross-validation \(seed 1;/)
    expect(stdout.match(/pair ROC AUC/g)).toHaveLength(2)
  })

  it('refuses a file that is not a DLS split, saying what it expected', async () => {
    const bad = join(dir, 'bad.json')
    writeFileSync(bad, '[1, 2]')
    const refused = await runCli(['dls', bad])
    expect(refused.code).toBe(1)
    expect(refused.stderr).toMatch(/a DLS split is a JSON object of lesion pairs/)
    expect((await runCli(['dls', bad, '--cv', '1'])).code).toBe(2)
  })
  it('says the AUC and top-1 are undefined for a split whose pairs all lie within one study', async () => {
    const all = JSON.parse(readFileSync(VALID, 'utf8')) as Record<
      string,
      { source: string; target: string }
    >
    // Sub-volume names start with patient_study: equal prefixes join two series of one study.
    const sameStudy = Object.fromEntries(
      Object.entries(all).filter(([, e]) => e.source.slice(0, 9) === e.target.slice(0, 9)),
    )
    const path = join(dir, 'same-study.json')
    writeFileSync(path, JSON.stringify(sameStudy))
    const { code, stdout } = await runCli(['dls', path])
    expect(code).toBe(0)
    expect(stdout).toMatch(/\(0 same lesion\)/)
    expect(stdout).toMatch(/pair ROC AUC +undefined \(no same-lesion pair to rank\)/)
    expect(stdout).toMatch(/top-1 +undefined/)
    expect(stdout).not.toMatch(/NaN/)
    // One pair across studies and nothing else: a same-lesion pair with nothing to outrank.
    const [key, entry] = Object.entries(all).find(
      ([, e]) => e.source.slice(0, 9) !== e.target.slice(0, 9),
    )!
    const single = join(dir, 'single-pair.json')
    writeFileSync(single, JSON.stringify({ [key]: entry }))
    const one = await runCli(['dls', single])
    expect(one.code).toBe(0)
    expect(one.stdout).toMatch(/\(1 same lesion\)/)
    expect(one.stdout).toMatch(
      /pair ROC AUC +undefined \(no different-lesion pair to rank against\)/,
    )
  })

  it('scores a lesion it cannot measure (long axis of length 0) at 0 in a track of its own, with a warning', async () => {
    const entries = JSON.parse(readFileSync(file, 'utf8')) as Record<
      string,
      Record<string, unknown>
    >
    const broken = split.lesions[0]
    const [x1, y1, , , ...short] = broken.recistPx
    const degenerate = [x1, y1, x1, y1, ...short]
    for (const entry of Object.values(entries)) {
      for (const side of ['source', 'target']) {
        const slice = `${broken.key.split('@')[0]}`
        const same =
          entry[`${side} recist slice`] === slice &&
          JSON.stringify(entry[`${side} recist coordinate`]) === JSON.stringify(broken.recistPx)
        if (same) entry[`${side} recist coordinate`] = degenerate
      }
    }
    const path = join(dir, 'degenerate.json')
    writeFileSync(path, JSON.stringify(entries))
    const out = join(dir, 'degenerate-result.json')
    const { code, stderr } = await runCli(['dls', path, '--out', out, '--cv', '2'])
    expect(stderr).toMatch(
      /long axis 0 mm.*scores 0 with every other lesion and is a track of its own/,
    )
    expect(code).toBe(0)
    const result = JSON.parse(readFileSync(out, 'utf8')) as {
      lesions: { key: string; track: string }[]
      pairs: { a: string; b: string; score: number }[]
    }
    const key = `${broken.key.split('@')[0]}@${degenerate.map((v) => v.toFixed(1)).join(',')}`
    expect(result.pairs).toHaveLength(protocol.scoredPairs.length)
    const own = result.pairs.filter((p) => p.a === key || p.b === key)
    expect(own.length).toBeGreaterThan(0)
    expect(own.every((p) => p.score === 0)).toBe(true)
    const track = result.lesions.find((l) => l.key === key)?.track
    expect(track).toMatch(/left-out/)
    expect(result.lesions.filter((l) => l.track === track)).toHaveLength(1)
  })
})
