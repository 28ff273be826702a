/**
 * `lesiontrack synth`: writes a deterministic synthetic longitudinal CT data set (DICOM CT + SR,
 * the DeepLesion layout, or both) with truth.json, for the demo, tests, training and benchmarks.
 */
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import type { ScanRegion } from '../../core/synth/acquisition'
import type { SynthBookmarkFile, SynthFormat } from '../../core/synth/study-output'
import { describeRealism, realismFigures } from '../../core/synth/realism'
import { synthesize } from '../../core/synth/synthesize'
import { GENERATOR_NAME, TRUTH_FILE } from '../../core/synth/truth'
import { intOption, stringOption, UsageError, type Command, type ParsedArgs } from '../command'

const FORMATS: SynthFormat[] = ['dicom', 'deeplesion', 'both']
const BOOKMARK_FILES: SynthBookmarkFile[] = ['sr', 'gsps']
const REGIONS: ScanRegion[] = ['chest', 'chest-abdomen', 'abdomen-pelvis', 'chest-abdomen-pelvis']

function choice<T extends string>(
  args: ParsedArgs,
  name: string,
  choices: T[],
  fallback?: T,
): T | undefined {
  const raw = args.values[name]
  if (raw === undefined) return fallback
  if (!choices.includes(raw as T))
    throw new UsageError(`--${name} must be one of ${choices.join(', ')}, got '${String(raw)}'`)
  return raw as T
}

function sliceMmOption(args: ParsedArgs): number | undefined {
  const raw = args.values['slice-mm']
  if (raw === undefined) return undefined
  const value = Number(raw)
  if (!Number.isFinite(value) || value < 0.5 || value > 10) {
    throw new UsageError(
      `--slice-mm must be a number of millimetres between 0.5 and 10, got '${String(raw)}'`,
    )
  }
  return value
}

function optionalInt(args: ParsedArgs, name: string, min: number, max: number): number | undefined {
  if (args.values[name] === undefined) return undefined
  const value = intOption(args, name, min, min)
  if (value > max) throw new UsageError(`--${name} must be at most ${max}, got ${value}`)
  return value
}

/**
 * The output folder must be new or empty; with --force, a folder holding an earlier synth output
 * (it has our truth.json) is cleared first. Anything else is left alone.
 */
function prepareOutput(out: string, force: boolean): void {
  if (!existsSync(out) || readdirSync(out).length === 0) return
  const truthPath = join(out, TRUTH_FILE)
  const ours =
    existsSync(truthPath) && readFileSync(truthPath, 'utf8').includes(`"name": "${GENERATOR_NAME}"`)
  if (!force) {
    throw new UsageError(
      `${out} is not empty; choose a new folder${ours ? ' or pass --force to replace the earlier synth output in it' : ''}`,
    )
  }
  if (!ours)
    throw new UsageError(
      `${out} is not empty and was not written by synth (no ${TRUTH_FILE}); --force only replaces synth output`,
    )
  rmSync(out, { recursive: true })
}

export const synthCommand: Command = {
  name: 'synth',
  summary:
    'write synthetic longitudinal CT patients (DICOM CT + SR and/or DeepLesion) with truth.json',
  usage: '--out DIR [--patients N] [--seed S] [--format dicom|deeplesion|both] [size options]',
  details: [
    '--out DIR          output folder (new or empty): DIR/<patient>/<study>/SE01/IM*.dcm, SR0001.dcm',
    '                   beside the series, and/or DIR/Images_png + DIR/DL_info.csv; DIR/truth.json',
    '--patients N       number of patients (default 1)',
    '--seed S           seed of the random generator (default 1); same seed, same bytes',
    '--format F         dicom (default), deeplesion or both',
    '--studies N        studies per patient (default 2–6)',
    '--matrix N         image columns and rows (default 512)',
    '--slice-mm MM      slice spacing and thickness (default 5 mm 62 %, 1 mm 35 %, 2–3 mm)',
    '--slices N         slices per study (default: the scan range over the slice spacing)',
    `--region R         scan region: ${REGIONS.join(', ')}`,
    '--enhanced         write each CT series as one Enhanced CT (multi-frame) file, EN0001.dcm',
    '--bookmarks B      sr (default): a TID 1500 report, SR0001.dcm; gsps: a presentation state',
    '                   with the axes drawn as lines, PS0001.dcm, as many PACS keep measurements',
    '--force            replace an earlier synth output in DIR',
    '--truth-only       plan and measure only: write truth.json, no images (fast statistics)',
    "--report           print the data set's figures beside the real-world ones (DESIGN.md)",
    'Example (the import benchmark): --patients 1 --studies 1 --matrix 512 --slices 300 --slice-mm 2',
  ],
  options: {
    out: { type: 'string' },
    patients: { type: 'string' },
    seed: { type: 'string' },
    format: { type: 'string' },
    studies: { type: 'string' },
    matrix: { type: 'string' },
    'slice-mm': { type: 'string' },
    slices: { type: 'string' },
    region: { type: 'string' },
    enhanced: { type: 'boolean' },
    bookmarks: { type: 'string' },
    force: { type: 'boolean' },
    'truth-only': { type: 'boolean' },
    report: { type: 'boolean' },
  },
  async run(args) {
    if (args.positionals.length > 0)
      throw new UsageError(`unexpected argument '${args.positionals[0]}'`)
    const out = stringOption(args, 'out')
    const options = {
      out,
      patients: intOption(args, 'patients', 1, 1),
      seed: intOption(args, 'seed', 1, 0),
      format: choice(args, 'format', FORMATS, 'dicom') as SynthFormat,
      studies: optionalInt(args, 'studies', 1, 20),
      matrix: optionalInt(args, 'matrix', 32, 1024),
      slices: optionalInt(args, 'slices', 1, 2000),
      sliceMm: sliceMmOption(args),
      region: choice(args, 'region', REGIONS),
      truthOnly: args.values['truth-only'] === true,
      ctLayout: args.values.enhanced === true ? ('enhanced' as const) : ('classic' as const),
      bookmarkFile: choice(args, 'bookmarks', BOOKMARK_FILES, 'sr'),
    }
    prepareOutput(out, args.values.force === true)
    const started = performance.now()
    const truth = await synthesize({
      ...options,
      onStudyWritten: ({ patient, patients, study, studies }) => {
        process.stderr.write(`patient ${patient}/${patients}: study ${study}/${studies} written\n`)
      },
    })
    const { totals } = truth
    const seconds = ((performance.now() - started) / 1000).toFixed(1)
    process.stdout.write(
      `wrote ${totals.patients} patient(s), ${totals.studies} stud(ies), ${totals.series} series, ` +
        `${totals.bookmarks} bookmark(s) to ${out} (${options.format}) in ${seconds} s\n`,
    )
    if (args.values.report)
      process.stdout.write(describeRealism(realismFigures(truth)).join('\n') + '\n')
    return 0
  },
}
