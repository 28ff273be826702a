/**
 * `npm run train:model`: rebuilds the shipped lesion embedder from nothing — synthetic patients
 * from fixed seeds, patches by `lesiontrack patches`, training by train.py, then the app's own
 * evaluation (held-out seeds) and benchmark, written into the model card — and prints the figures.
 *
 *   npm run train:model [-- --work DIR] [--reuse] [--epochs N] [--measure-only]
 *
 * --reuse keeps synthetic folders and patches already in the work folder (default
 * /tmp/lesiontrack-model), so a retraining skips the slow generation. --measure-only keeps the
 * model in resources/models and only re-measures it (evaluation, benchmark, model card).
 */
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import type { ModelCard } from '../../electron/core/embed/model-card'
import { synthesize } from '../../electron/core/synth/synthesize'
import { modelCardMarkdown } from './model-card-markdown'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const MODELS = join(ROOT, 'resources/models')
const CARD = join(MODELS, 'lesion-embedder.json')
const CLI = join(ROOT, 'electron/cli/lesiontrack.mjs')

/** The synthetic data sets: disjoint seed ranges for training, validation and final evaluation. */
/** Seeds generated alike; `matrix` sets the pixel size (a 320 matrix is faster to generate). */
interface SeedGroup {
  seeds: number[]
  patientsPerSeed: number
  matrix: number
}

// Training mixes 256, 320 and 512 matrices: trained on 320 alone, the type error on 512 images
// was several times higher than on 320 ones; without 256 it was 9.22 % on 256 images.
const DATA_SETS: Record<'train' | 'validation' | 'evaluation', SeedGroup[]> = {
  train: [
    { seeds: range(101, 148), patientsPerSeed: 12, matrix: 320 },
    { seeds: range(149, 164), patientsPerSeed: 12, matrix: 512 },
    { seeds: range(165, 180), patientsPerSeed: 12, matrix: 256 },
  ],
  validation: [
    { seeds: [801, 802], patientsPerSeed: 12, matrix: 320 },
    { seeds: [851, 852], patientsPerSeed: 12, matrix: 512 },
  ],
  evaluation: [{ seeds: [901, 902, 903], patientsPerSeed: 15, matrix: 512 }],
} as const

type DataSetName = keyof typeof DATA_SETS

const LIMITS = [
  'Trained on synthetic CT only (lesiontrack synth): its textures, anatomy and noise are simpler than real scans. Retrain on DeepLesion before any clinical use: `lesiontrack patches` on the real Images_png + DL_info.csv, then build/model/train.py on those patches.',
  'On real DeepLesion, training sees only lesions with a Coarse_lesion_type (the official validation and test rows; training rows are unlabelled, and the pseudo-labels Yan et al. derived for them are not implemented), and without lesion identities the same-lesion member of each sequence is an augmented copy of the anchor.',
  'The embedding says how alike two lesions look and where in the body they are; it does not see the other studies, so matching still needs alignment and the graph (electron/core/match).',
  'Top-5 type error moves by a few points between held-out sets of a few hundred lesions: 8.08 % on the evaluation seeds (512), 7.60 % on the 40 patients of `lesiontrack synth --patients 40 --seed 303 --matrix 256`, 3.95 % on the 20 patients of `--seed 303` at 512 (`lesiontrack eval DIR --json`, 2026-11-27; the previous model, trained without 256-matrix seeds: 6.80 %, 9.22 %, 7.65 %).',
  'Patch spec version 1 only: a model for another spec is refused at load time.',
  'WebGPU (ONNX Runtime 1.30) computes Conv wrongly for 6 or 9 input channels; this model has 4, and test/unit/embed/webgpu.test.ts checks WebGPU against CPU.',
]

function range(first: number, last: number): number[] {
  return Array.from({ length: last - first + 1 }, (_, n) => first + n)
}

const { values } = parseArgs({
  options: {
    work: { type: 'string', default: '/tmp/lesiontrack-model' },
    reuse: { type: 'boolean' },
    epochs: { type: 'string', default: '24' },
    'measure-only': { type: 'boolean' },
  },
})
const work = values.work as string

function say(line: string): void {
  process.stdout.write(`[train:model] ${line}\n`)
}

/** Runs a command with inherited stderr; returns stdout, or throws saying which step failed. */
function run(step: string, command: string, args: string[], echo = false): string {
  const result = spawnSync(command, args, {
    cwd: ROOT,
    encoding: 'utf8',
    stdio: ['ignore', echo ? 'inherit' : 'pipe', 'inherit'],
    maxBuffer: 64 * 1024 * 1024,
  })
  if (result.status !== 0) {
    throw new Error(`${step} failed (exit ${result.status}): ${command} ${args.join(' ')}`)
  }
  return result.stdout ?? ''
}

function folderOf(set: DataSetName, seed: number): string {
  return join(work, `${set}-${seed}`)
}

async function generate(set: DataSetName): Promise<string[]> {
  const folders: string[] = []
  for (const { seeds, patientsPerSeed, matrix } of DATA_SETS[set]) {
    for (const seed of seeds) {
      const out = folderOf(set, seed)
      folders.push(out)
      if (values.reuse && existsSync(join(out, 'truth.json'))) continue
      say(`synthesizing ${set} seed ${seed}: ${patientsPerSeed} patients, ${matrix} matrix`)
      await synthesize({ patients: patientsPerSeed, seed, out, format: 'deeplesion', matrix })
    }
  }
  return folders
}

function patches(folders: string[]): string[] {
  return folders.map((folder) => {
    const out = join(folder, 'patches')
    if (!(values.reuse && existsSync(join(out, 'patches.json')))) {
      const summary = run('patches', process.execPath, [
        CLI,
        'patches',
        folder,
        '--out',
        out,
        '--json',
      ])
      say(`patches of ${folder}: ${JSON.parse(summary).lesions} lesions`)
    }
    return out
  })
}

async function trainModel(): Promise<void> {
  const trainPatches = patches(await generate('train'))
  const validationPatches = patches(await generate('validation'))
  say(`training on ${trainPatches.length} patch folders, ${values.epochs} epochs`)
  run(
    'training',
    '/usr/bin/python3',
    [
      'build/model/train.py',
      ...['--train', ...trainPatches, '--val', ...validationPatches, '--out', MODELS],
      ...['--epochs', values.epochs as string, '--seed', '1'],
    ],
    true,
  )
}

async function main(): Promise<void> {
  if (!values['measure-only']) await trainModel()
  const folders = { evaluation: await generate('evaluation') }
  say('evaluating the exported model on the held-out evaluation seeds')
  const evaluation = JSON.parse(
    run('evaluation', process.execPath, [
      CLI,
      'eval',
      ...folders.evaluation,
      '--json',
      '--provider',
      'cpu',
    ]),
  )
  say('benchmarking')
  const speed = JSON.parse(
    run('benchmark', process.execPath, ['--import', 'tsx', 'test/bench/embed.ts', '--json']),
  )
  const card = JSON.parse(readFileSync(CARD, 'utf8')) as ModelCard
  const completed = {
    ...card,
    data: Object.fromEntries(
      Object.entries(DATA_SETS).map(([name, groups]) => [
        name,
        { generator: 'lesiontrack synth (electron/core/synth)', format: 'deeplesion', groups },
      ]),
    ),
    evaluation: {
      command: `lesiontrack eval ${folders.evaluation.join(' ')} --json`,
      ...evaluation,
    },
    speed: { command: 'npm run bench:embed', ...speed },
    limits: LIMITS,
  }
  writeFileSync(CARD, JSON.stringify(completed, null, 2) + '\n')
  writeFileSync(join(MODELS, 'LESION-EMBEDDER.md'), modelCardMarkdown(completed))
  const e = evaluation.embedding
  say(
    [
      `model ${e.modelVersion}`,
      `same-lesion AUC ${e.sameLesion.auc} over ${e.sameLesion.positivePairs}+${e.sameLesion.negativePairs} pairs`,
      `top-5 retrieval errors: type ${e.retrievalTop5.typeErrorPercent} %, location ${e.retrievalTop5.locationErrorPercent} %, size ${e.retrievalTop5.sizeErrorPercent} %`,
      `speed: ${speed.lesionsPerSecond} lesions/s end to end, ratio to inference ${speed.ratio}`,
    ].join('\n[train:model] '),
  )
}

await main()
