// `lesiontrack export` over a folder of several patients: de-identified, every patient gets its
// CSV, JSON and report with no id or date of theirs, and the same salt file gives the same
// pseudonyms on a second run; identified, every study also gets its DICOM SR; without a salt file
// it refuses.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { synthesize } from '../../../electron/core/synth/synthesize'
import type { Truth } from '../../../electron/core/synth/truth'
import { runCli } from '../cli/run-cli'

const dir = mkdtempSync(join(tmpdir(), 'lt-export-cli-'))
const data = join(dir, 'data')
let truth: Truth

beforeAll(async () => {
  truth = await synthesize({
    patients: 2,
    seed: 41,
    out: data,
    format: 'dicom',
    studies: 2,
    matrix: 96,
    sliceMm: 5,
  })
}, 60_000)
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const contents = (folder: string) =>
  Object.fromEntries(readdirSync(folder).map((f) => [f, readFileSync(join(folder, f), 'utf8')]))

describe('lesiontrack export', () => {
  it('de-identifies every patient, with the same pseudonyms under the same salt file', async () => {
    const salt = join(dir, 'project.salt')
    const first = join(dir, 'anon-1')
    expect(
      (await runCli(['export', data, '--out', first, '--deidentify', '--salt', salt])).code,
    ).toBe(0)
    expect(statSync(salt).mode & 0o777).toBe(0o600)
    const files = contents(first)
    expect(Object.keys(files).filter((f) => f.endsWith('.csv'))).toHaveLength(2)
    expect(Object.keys(files).filter((f) => f.endsWith('.json'))).toHaveLength(2)
    expect(Object.keys(files).filter((f) => f.endsWith('-report.html'))).toHaveLength(2)
    expect(Object.keys(files).some((f) => f.endsWith('.dcm'))).toBe(false)
    const rows = Object.entries(files)
      .filter(([f]) => f.endsWith('.csv'))
      .map(([, text]) => text.trimEnd().split('\n').length - 1)
    expect(rows.reduce((a, b) => a + b, 0)).toBe(truth.totals.bookmarks)
    for (const [name, text] of Object.entries(files)) {
      for (const p of truth.patients) {
        expect(text, name).not.toContain(p.patientId)
        for (const s of p.studies) expect(text, name).not.toContain(s.studyInstanceUid)
      }
      expect(text, name).not.toMatch(/\d{4}-\d{2}-\d{2}/)
    }
    const second = join(dir, 'anon-2')
    await runCli(['export', data, '--out', second, '--deidentify', '--salt', salt])
    expect(contents(second)).toEqual(files)
  })

  it('adds one DICOM SR per study when not de-identifying', async () => {
    const out = join(dir, 'identified')
    const { code, stderr } = await runCli(['export', data, '--out', out])
    expect(code).toBe(0)
    // Progress of the batch (stderr is not a terminal here: one line per task and quarter).
    expect(stderr).toMatch(/^Reading file headers: 0 of \d+$/m)
    const patients = truth.patients.length
    expect(stderr).toContain(`Aligning and embedding patients: ${patients} of ${patients}\n`)
    const reports = readdirSync(out).filter((f) => f.endsWith('-tracks-sr.dcm'))
    expect(reports).toHaveLength(truth.totals.studies)
  })

  it('applies the reader’s RECIST choices of a decisions file to the exported reading', async () => {
    const patient = truth.patients[0]
    const baseline = patient.studies.find((s) => s.studyIndex === 1)
    const first = patient.bookmarks.find((b) => b.studyInstanceUid === baseline?.studyInstanceUid)
    const decisions = join(dir, 'decisions.json')
    writeFileSync(
      decisions,
      JSON.stringify([{ kind: 'drop-target', lesionId: first?.trackingUid }]),
    )
    const out = join(dir, 'chosen')
    expect((await runCli(['export', data, '--out', out, '--decisions', decisions])).code).toBe(0)
    const doc = JSON.parse(readFileSync(join(out, `${patient.patientId}-tracks.json`), 'utf8')) as {
      response: { nonTargets: { reason: string }[] }
    }
    expect(doc.response.nonTargets.map((n) => n.reason)).toContain('dropped by the reader')
  })

  it('refuses to de-identify without a salt file, and a file that is not one', async () => {
    const out = join(dir, 'refused')
    const noSalt = await runCli(['export', data, '--out', out, '--deidentify'])
    expect(noSalt.code).toBe(2)
    expect(noSalt.stderr).toContain('--deidentify needs --salt FILE')
    const notSalt = await runCli([
      'export',
      data,
      '--out',
      out,
      '--deidentify',
      '--salt',
      join(data, 'truth.json'),
    ])
    expect(notSalt.code).toBe(2)
    expect(notSalt.stderr).toContain('is not a salt file')
  })
})
