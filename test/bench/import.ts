/**
 * Import benchmark: a synthetic 512×512×300 CT series, written by writeCtSeries (and as one
 * Enhanced CT file by writeEnhancedCt) and converted with dcmtk/GDCM, imported by readDicomFolder;
 * compared with merely reading the same files.
 *
 *   npm run bench:import [-- --slices 300 --syntaxes explicit,rle,jpeg-ls,enhanced]
 *
 * Each measurement runs in a fresh child process (timed inside it, after module loading), so
 * every import starts from the same empty heap and its peak RSS (VmHWM) is its own. Before the
 * runs of a syntax every file is read once, so both measurements find the files in page cache;
 * read and import runs alternate, so that load from other processes hits both alike.
 */
import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { writeCtSeries, type CtVolumeToWrite } from '../../electron/core/dicom/write/ct-series'
import { writeEnhancedCt } from '../../electron/core/dicom/write/enhanced-ct'
import { readDicomFolder } from '../../electron/core/import/dicom-folder'

const SELF = fileURLToPath(import.meta.url)
const RUNS = 7
const MB = 1024 * 1024

/**
 * Syntax key → which written files it starts from (the classic series, or the same volume as one
 * Enhanced CT file, both explicit VR little endian) and the conversion (null: those files).
 */
const SYNTAXES: Record<
  string,
  { label: string; layout: 'classic' | 'enhanced'; tool: [string, string[]] | null }
> = {
  explicit: { label: 'Explicit VR LE', layout: 'classic', tool: null },
  implicit: { label: 'Implicit VR LE', layout: 'classic', tool: ['dcmconv', ['+ti']] },
  'big-endian': { label: 'Explicit VR BE', layout: 'classic', tool: ['dcmconv', ['+tb']] },
  deflated: { label: 'Deflated LE', layout: 'classic', tool: ['dcmconv', ['+td']] },
  rle: { label: 'RLE Lossless', layout: 'classic', tool: ['dcmcrle', []] },
  'jpeg-lossless': { label: 'JPEG Lossless SV1', layout: 'classic', tool: ['dcmcjpeg', ['+e1']] },
  'jpeg-ls': { label: 'JPEG-LS Lossless', layout: 'classic', tool: ['dcmcjpls', []] },
  j2k: { label: 'JPEG 2000 Lossless', layout: 'classic', tool: ['gdcmconv', ['--j2k']] },
  enhanced: { label: 'Enhanced CT, Expl. LE', layout: 'enhanced', tool: null },
  'enhanced-rle': { label: 'Enhanced CT, RLE', layout: 'enhanced', tool: ['dcmcrle', []] },
}

/** VmHWM of this process in MB: the peak resident set since it started. */
function peakRssMb(): number {
  const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))
  return Number(match![1]) / 1024
}

function listFiles(dir: string): string[] {
  return readdirSync(dir)
    .map((name) => join(dir, name))
    .sort()
}

/** Child process: time one read-only pass or one import of `dir`; print JSON. */
async function child(mode: string, dir: string): Promise<void> {
  const files = listFiles(dir)
  const started = performance.now()
  const cpuStarted = process.cpuUsage()
  let check = 0
  if (mode === 'read') {
    for (const file of files) check += readFileSync(file).length
  } else {
    const result = await readDicomFolder(dir)
    if (result.issues.length > 0 || result.series.length !== 1) {
      throw new Error(`import failed: ${JSON.stringify(result.issues.slice(0, 3))}`)
    }
    check = result.volumes.values().next().value!.length
  }
  const ms = performance.now() - started
  const cpu = process.cpuUsage(cpuStarted)
  const cpuMs = (cpu.user + cpu.system) / 1000
  process.stdout.write(JSON.stringify({ ms, cpuMs, peakRssMb: peakRssMb(), check }) + '\n')
}

interface Measurement {
  /** Wall-clock time of the operation. */
  ms: number
  /** CPU time (user + system) of the process during it: less sensitive to other load. */
  cpuMs: number
  peakRssMb: number
}

function runChild(mode: string, dir: string): Measurement {
  const out = spawnSync(process.execPath, ['--import', 'tsx', SELF, '--child', mode, dir], {
    encoding: 'utf8',
    maxBuffer: 16 * MB,
  })
  if (out.status !== 0) throw new Error(`${mode} child failed:\n${out.stderr}`)
  return JSON.parse(out.stdout)
}

/** A body-like phantom: air, an elliptic trunk of soft tissue, two lungs, a spine, and noise. */
function phantom(columns: number, rows: number, slices: number): Int16Array {
  const hu = new Int16Array(columns * rows * slices)
  let seed = 12345
  const noise = () => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0
    return ((seed >>> 16) % 41) - 20
  }
  for (let k = 0; k < slices; k++) {
    const breath = 1 + 0.1 * Math.sin(k / 40)
    for (let j = 0; j < rows; j++) {
      for (let i = 0; i < columns; i++) {
        const x = (i - columns / 2) / (columns * 0.42)
        const y = (j - rows / 2) / (rows * 0.3)
        let value = -1000
        if (x * x + y * y < 1) {
          value = 40
          const lung = (cx: number) => ((x - cx) / (0.3 * breath)) ** 2 + (y / 0.6) ** 2 < 1
          if (lung(-0.45) || lung(0.45)) value = -850
          if (x * x + ((y - 0.55) / 0.9) ** 2 < 0.012) value = 700
        }
        hu[(k * rows + j) * columns + i] = value + noise()
      }
    }
  }
  return hu
}

function median(values: number[]): number {
  return [...values].sort((a, b) => a - b)[values.length >> 1]
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      slices: { type: 'string', default: '300' },
      syntaxes: { type: 'string', default: Object.keys(SYNTAXES).join(',') },
      child: { type: 'string' },
    },
    allowPositionals: true,
    strict: true,
  })
  if (values.child) return child(values.child, process.argv[process.argv.length - 1])

  const slices = Number(values.slices)
  const keys = values.syntaxes!.split(',')
  const unknown = keys.filter((key) => !SYNTAXES[key])
  if (unknown.length)
    throw new Error(
      `unknown syntax ${unknown.join(', ')}; choose from ${Object.keys(SYNTAXES).join(', ')}`,
    )
  const root = mkdtempSync(join(tmpdir(), 'lt-bench-import-'))
  try {
    const dims: [number, number, number] = [512, 512, slices]
    const volumeMb = (dims[0] * dims[1] * dims[2] * 2) / MB
    console.log(`writing a ${dims.join('×')} CT series (explicit VR LE) with writeCtSeries…`)
    const volume: CtVolumeToWrite = {
      studyInstanceUid: '2.25.555001',
      seriesInstanceUid: '2.25.555002',
      // A complete export names its patient (without an ID the import warns, and the run fails).
      patient: { patientId: 'BENCH-1', name: 'BENCH^IMPORT' },
      geometry: {
        dims,
        spacingMm: [0.75, 0.75, 1],
        originLps: [-192, -192, -400],
        rowDirection: [1, 0, 0],
        columnDirection: [0, 1, 0],
        sliceNormal: [0, 0, 1],
      },
      hu: phantom(...dims),
    }
    const sources = { classic: join(root, 'explicit'), enhanced: join(root, 'enhanced') }
    const written: Record<'classic' | 'enhanced', string[]> = {
      classic: (await writeCtSeries(sources.classic, volume)).files,
      enhanced: [],
    }
    if (keys.some((key) => SYNTAXES[key].layout === 'enhanced')) {
      console.log('writing the same volume as one Enhanced CT file with writeEnhancedCt…')
      mkdirSync(sources.enhanced)
      const { file } = await writeEnhancedCt(join(sources.enhanced, 'EN0001.dcm'), volume)
      written.enhanced.push(file)
    }
    console.log(
      `volume: ${volumeMb.toFixed(1)} MB of int16 HU; peak RSS target ≤ ${(2 * volumeMb).toFixed(1)} MB\n`,
    )
    const rows: string[][] = [
      [
        'syntax',
        'files MB',
        'read ms',
        'import ms',
        'ratio',
        'best ratio',
        'cpu ratio',
        'peak RSS MB (read / import)',
      ],
    ]
    for (const key of keys) {
      const { label, layout, tool } = SYNTAXES[key]
      let dir = sources[layout]
      if (tool) {
        dir = join(root, key)
        mkdirSync(dir)
        process.stdout.write(`converting to ${label} with ${tool[0]} ${tool[1].join(' ')}…\n`)
        for (const file of written[layout]) {
          const out = spawnSync(tool[0], [...tool[1], file, join(dir, basename(file))], {
            encoding: 'utf8',
          })
          if (out.status !== 0) throw new Error(`${tool[0]} failed on ${file}:\n${out.stderr}`)
        }
      }
      const files = listFiles(dir)
      const filesMb = files.reduce((sum, file) => sum + statSync(file).size, 0) / MB
      for (const file of files) readFileSync(file) // warm the page cache for both measurements
      // Alternated, so that load from other processes on the machine hits both alike.
      const reads: Measurement[] = []
      const imports: Measurement[] = []
      for (let run = 0; run < RUNS; run++) {
        reads.push(runChild('read', dir))
        imports.push(runChild('import', dir))
      }
      const readMs = median(reads.map((r) => r.ms))
      const importMs = median(imports.map((r) => r.ms))
      const bestRatio = Math.min(...imports.map((r) => r.ms)) / Math.min(...reads.map((r) => r.ms))
      const cpuRatio = median(imports.map((r) => r.cpuMs)) / median(reads.map((r) => r.cpuMs))
      const peak = (runs: Measurement[]) => Math.max(...runs.map((r) => r.peakRssMb)).toFixed(0)
      rows.push([
        label,
        filesMb.toFixed(1),
        readMs.toFixed(0),
        importMs.toFixed(0),
        (importMs / readMs).toFixed(2),
        bestRatio.toFixed(2),
        cpuRatio.toFixed(2),
        `${peak(reads)} / ${peak(imports)}`,
      ])
      if (tool) rmSync(dir, { recursive: true, force: true })
    }
    const widths = rows[0].map((_, c) => Math.max(...rows.map((row) => row[c].length)))
    console.log(
      '\n' +
        rows.map((row) => row.map((cell, c) => cell.padStart(widths[c])).join('  ')).join('\n'),
    )
    console.log(
      [
        '',
        `read / import ms: median of ${RUNS} runs each, alternated; ratio = their quotient;`,
        'best ratio = fastest import / fastest read; cpu ratio = the median quotient in CPU time',
        '(user + system), which load from other processes disturbs least;',
        `targets: ratio ≤ 2 for uncompressed syntaxes, peak RSS ≤ ${(2 * volumeMb).toFixed(0)} MB.`,
      ].join('\n'),
    )
  } finally {
    rmSync(root, { recursive: true, force: true })
  }
}

await main()
