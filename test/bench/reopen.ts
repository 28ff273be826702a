/**
 * Reopening benchmark: a folder of synthetic patients opened through the service (its worker
 * imports, decodes, aligns, embeds and matches), then opened again, then one patient's follow-up
 * added from a folder of its own; each time beside the first opening, and their ratios. The worker
 * keeps the file headers, each patient's image alignment and every embedding, so only what is new
 * is read and decoded.
 *
 *   npm run bench:reopen [-- --patients 20 --matrix 256]
 *
 * One run of each (the first opening cannot be repeated in the same worker); the folder is written
 * once into the system temp folder and read once before the runs, so all of them find it in page
 * cache.
 */
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { parseArgs } from 'node:util'
import { LesionTrackService } from '../../electron/core/service/service'
import { PipelineWorker } from '../../electron/core/service/worker-client'
import { sourceWorkerEntry } from '../../electron/core/service/worker-entry'
import { synthesize } from '../../electron/core/synth/synthesize'
import type { Truth } from '../../electron/core/synth/truth'
import { openHostSettings } from '../../electron/host/settings'

const { values } = parseArgs({
  options: {
    patients: { type: 'string', default: '20' },
    matrix: { type: 'string', default: '256' },
  },
})
const PATIENTS = Number(values.patients)
const MATRIX = Number(values.matrix)
const SEED = 77
const STUDIES = 3

/** Every file under `dir` read once, so that no run pays for the disk. */
function warm(dir: string): void {
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) readFileSync(join(entry.parentPath, entry.name))
  }
}

/**
 * The patients' studies, except the first patient's last one, in `earlier`; that study alone in
 * `followUp`: the export of a later visit of one patient.
 */
async function writeFolders(root: string): Promise<{ earlier: string; followUp: string }> {
  const earlier = join(root, `earlier-${PATIENTS}-${MATRIX}`)
  const followUp = join(root, `follow-up-${PATIENTS}-${MATRIX}`)
  if (existsSync(earlier) && existsSync(followUp)) return { earlier, followUp }
  mkdirSync(root, { recursive: true })
  const all = mkdtempSync(join(root, 'writing-'))
  try {
    const truth: Truth = await synthesize({
      patients: PATIENTS,
      seed: SEED,
      out: all,
      format: 'dicom',
      studies: STUDIES,
      matrix: MATRIX,
    })
    const last = truth.patients[0].studies.reduce((a, b) => (a.studyIndex > b.studyIndex ? a : b))
    const study = dirname(last.seriesFolder)
    cpSync(join(all, study), join(followUp, study), { recursive: true })
    rmSync(join(all, study), { recursive: true })
    rmSync(join(all, 'truth.json'))
    cpSync(all, earlier, { recursive: true })
  } finally {
    rmSync(all, { recursive: true, force: true })
  }
  return { earlier, followUp }
}

async function seconds(work: () => Promise<unknown>): Promise<number> {
  const start = performance.now()
  await work()
  return (performance.now() - start) / 1000
}

const root = join(tmpdir(), 'lesiontrack-bench-reopen')
const { earlier, followUp } = await writeFolders(root)
warm(earlier)
warm(followUp)
const settings = mkdtempSync(join(tmpdir(), 'lesiontrack-bench-settings-'))
const worker = new PipelineWorker(sourceWorkerEntry())
try {
  const service = new LesionTrackService({
    worker,
    settings: openHostSettings(settings),
    cacheDir: join(settings, 'cache'),
  }).handlers()
  let studies = 0
  const first = await seconds(async () => {
    studies = (await service.importFolder({ folder: earlier })).counts.studies
  })
  const again = await seconds(() => service.importFolder({ folder: earlier }))
  let added = 0
  const adding = await seconds(async () => {
    added = (await service.addFolder({ folder: followUp })).added?.studies ?? 0
  })
  const ratio = (s: number) => (s / first).toFixed(2)
  console.log(
    [
      `${PATIENTS} patients, ${studies} studies at ${MATRIX} × ${MATRIX}, opened through the service:`,
      `  first opening                   ${first.toFixed(1)} s`,
      `  opened again                    ${again.toFixed(1)} s  (${ratio(again)} of the first)`,
      `  one patient's follow-up added   ${adding.toFixed(1)} s  (${ratio(adding)} of the first; ${added} study added)`,
    ].join('\n'),
  )
} finally {
  await worker.close()
  rmSync(settings, { recursive: true, force: true })
}
