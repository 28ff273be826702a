/**
 * Shared helpers for the DICOM import tests: synthetic CT series written by writeCtSeries,
 * dcmtk / GDCM conversions of them, and temp folders that are removed after the run.
 */
import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import {
  writeCtSeries,
  type CtVolumeToWrite,
  type CtPixelStorage,
  type WrittenCtSeries,
} from '../../../electron/core/dicom/write/ct-series'
import type { VolumeGeometry } from '../../../electron/core/geometry/frames'

export const VENDOR_DIR = fileURLToPath(new URL('../../fixtures/real/dicom-real/', import.meta.url))

/** Runs a command line tool; throws with its output when it fails. */
export function runTool(tool: string, args: string[]): string {
  const result = spawnSync(tool, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
  if (result.error) throw new Error(`cannot run ${tool}: ${result.error.message}`)
  const output = `${result.stdout}${result.stderr}`
  if (result.status !== 0)
    throw new Error(`${tool} ${args.join(' ')} failed (${result.status}):\n${output}`)
  return output
}

/** A fresh temp folder and a function that removes it. */
export function tempFolder(prefix: string): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), `lt-${prefix}-`))
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) }
}

export interface SeriesSpec {
  dims: [number, number, number]
  seriesUid: string
  studyUid?: string
  patientId?: string
  studyDate?: string
  storage?: CtPixelStorage
  geometry?: Partial<VolumeGeometry>
  seriesNumber?: number
}

/**
 * A volume whose every voxel differs from its neighbours in i, j and k, within the range the
 * storage can hold, so any mix-up of slices, rows or bytes changes the HU.
 */
export function syntheticVolume(spec: SeriesSpec): CtVolumeToWrite {
  const [ni, nj, nk] = spec.dims
  const storage = spec.storage ?? 'signed16'
  const [low, span] = storage === 'unsigned12' ? [-1024, 4096] : [-3000, 6000]
  const hu = new Int16Array(ni * nj * nk)
  for (let k = 0; k < nk; k++) {
    for (let j = 0; j < nj; j++) {
      for (let i = 0; i < ni; i++)
        hu[(k * nj + j) * ni + i] = low + ((i * 37 + j * 101 + k * 977) % span)
    }
  }
  return {
    studyInstanceUid: spec.studyUid ?? '2.25.7001',
    seriesInstanceUid: spec.seriesUid,
    seriesNumber: spec.seriesNumber ?? 1,
    seriesDescription: `synthetic ${spec.seriesUid}`,
    patient: {
      patientId: spec.patientId ?? 'LT-0001',
      name: 'SYNTHETIC^CT',
      birthDate: '1960-02-29',
      sex: 'F',
    },
    studyDate: spec.studyDate ?? '2022-07-14',
    studyTime: '101500',
    bodyPartExamined: 'CHEST',
    pixelStorage: storage,
    geometry: {
      dims: spec.dims,
      spacingMm: [0.7, 0.8, 2.5],
      originLps: [-20.5, -15.25, -100],
      rowDirection: [1, 0, 0],
      columnDirection: [0, 1, 0],
      sliceNormal: [0, 0, 1],
      ...spec.geometry,
    },
    hu,
  }
}

/** Writes a synthetic series into `dir` and returns what was written with the volume. */
export async function writeSyntheticSeries(
  dir: string,
  spec: SeriesSpec,
): Promise<{ volume: CtVolumeToWrite; written: WrittenCtSeries }> {
  const volume = syntheticVolume(spec)
  return { volume, written: await writeCtSeries(dir, volume) }
}

/**
 * Converts every file of `files` with a dcmtk/GDCM tool (`tool args in out`) into a nested folder
 * of `dir`, keeping each file's name without its extension, as PACS exports look. Returns the new
 * paths in the order of `files`.
 */
export function convertSeries(
  files: string[],
  dir: string,
  tool: string,
  args: string[],
): string[] {
  const nested = join(dir, 'DICOM', 'S0001')
  mkdirSync(nested, { recursive: true })
  return files.map((file) => {
    const out = join(nested, basename(file).replace(/\.dcm$/, ''))
    runTool(tool, [...args, file, out])
    return out
  })
}

/** Replaces the bytes of `from` (ASCII) by `to` (same length) once in a file: a byte-level edit. */
export function patchAscii(file: string, from: string, to: string): void {
  if (from.length !== to.length)
    throw new Error('patchAscii keeps the file length: give strings of equal length')
  const bytes = readFileSync(file)
  const at = bytes.indexOf(Buffer.from(from, 'latin1'))
  if (at < 0) throw new Error(`'${from}' not found in ${file}`)
  bytes.write(to, at, 'latin1')
  writeFileSync(file, bytes)
}
