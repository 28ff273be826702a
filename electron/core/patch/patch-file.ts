/**
 * The patch file training reads: raw little-endian float32 arrays (one file per network input) plus
 * a JSON index with the spec, the shapes and one record per lesion. numpy reads it with np.fromfile.
 */
import { closeSync, mkdirSync, openSync, readFileSync, writeFileSync, writeSync } from 'node:fs'
import { endianness } from 'node:os'
import { join } from 'node:path'
import type { Vec3 } from '../geometry/frames'
import type { LesionType } from '../model/types'
import type { PatchBatch } from './extract'
import { FEATURE_NAMES, inputShapes, type PatchSpec } from './spec'

export const PATCH_INDEX_FILE = 'patches.json'
export const PATCH_FORMAT = 'lesiontrack-patches'
export const PATCH_FORMAT_VERSION = 1

/** Names of the network inputs, which are also the names of their data files (`<name>.f32`). */
export const INPUT_NAMES = ['patch', 'context', 'features'] as const
export type InputName = (typeof INPUT_NAMES)[number]

/** One lesion of a patch file: who it is, and the labels training and evaluation use. */
export interface PatchRecord {
  bookmarkId: string
  patientId: string
  studyInstanceUid: string
  /** 1-based order of the study within its patient. */
  studyIndex: number
  seriesInstanceUid: string
  sliceIndex: number
  lesionType: LesionType
  longAxisMm: number
  /** Null when only the long axis was measured. */
  shortAxisMm: number | null
  /** Long-axis midpoint in the patient LPS frame of its series (mm); not aligned across studies. */
  centerLps: Vec3
  /** True identity of the physical lesion across studies, when a truth file says so. */
  lesionId?: string
  /** Position in the body normalized to [0, 1] per axis (x, y, z), when known (see model card). */
  normalizedLocation?: Vec3
}

export interface PatchIndex {
  format: typeof PATCH_FORMAT
  formatVersion: number
  spec: PatchSpec
  count: number
  featureNames: string[]
  inputs: Record<InputName, { file: string; shape: number[]; dtype: 'float32' }>
  lesions: PatchRecord[]
}

/** Appends batches of patches to the three data files, then writes the index on close. */
export class PatchFileWriter {
  private readonly fds: Record<InputName, number>
  private readonly lesions: PatchRecord[] = []

  constructor(
    readonly dir: string,
    readonly spec: PatchSpec,
  ) {
    if (endianness() !== 'LE') throw new Error('patch files are little-endian; this CPU is not')
    mkdirSync(dir, { recursive: true })
    this.fds = {
      patch: openSync(join(dir, 'patch.f32'), 'w'),
      context: openSync(join(dir, 'context.f32'), 'w'),
      features: openSync(join(dir, 'features.f32'), 'w'),
    }
  }

  /** Writes the first `records.length` slots of `batch`. */
  append(batch: PatchBatch, records: PatchRecord[]): void {
    const n = records.length
    for (const name of INPUT_NAMES) {
      const data = batch[name]
      const perLesion = data.length / batch.capacity
      writeSync(this.fds[name], new Uint8Array(data.buffer, data.byteOffset, n * perLesion * 4))
    }
    this.lesions.push(...records)
  }

  /** Closes the data files and writes the index; returns it. */
  close(): PatchIndex {
    for (const name of INPUT_NAMES) closeSync(this.fds[name])
    const shapes = inputShapes(this.spec, this.lesions.length)
    const index: PatchIndex = {
      format: PATCH_FORMAT,
      formatVersion: PATCH_FORMAT_VERSION,
      spec: this.spec,
      count: this.lesions.length,
      featureNames: [...FEATURE_NAMES],
      inputs: {
        patch: { file: 'patch.f32', shape: shapes.patch, dtype: 'float32' },
        context: { file: 'context.f32', shape: shapes.context, dtype: 'float32' },
        features: { file: 'features.f32', shape: shapes.features, dtype: 'float32' },
      },
      lesions: this.lesions,
    }
    writeFileSync(join(this.dir, PATCH_INDEX_FILE), JSON.stringify(index) + '\n')
    return index
  }
}

/** A patch file read back: its index and the three input arrays of all lesions. */
export interface PatchFile {
  index: PatchIndex
  inputs: Record<InputName, Float32Array>
}

/** Reads a patch folder written by PatchFileWriter; throws a message naming the bad file. */
export function readPatchFile(dir: string): PatchFile {
  const indexPath = join(dir, PATCH_INDEX_FILE)
  let index: PatchIndex
  try {
    index = JSON.parse(readFileSync(indexPath, 'utf8')) as PatchIndex
  } catch (error) {
    throw new Error(`${indexPath}: not a readable patch index (${(error as Error).message})`)
  }
  if (index.format !== PATCH_FORMAT || index.formatVersion !== PATCH_FORMAT_VERSION) {
    throw new Error(
      `${indexPath}: expected ${PATCH_FORMAT} version ${PATCH_FORMAT_VERSION}; re-run lesiontrack patches`,
    )
  }
  const inputs = {} as Record<InputName, Float32Array>
  for (const name of INPUT_NAMES) {
    const { file, shape } = index.inputs[name]
    const bytes = readFileSync(join(dir, file))
    const expected = shape.reduce((a, b) => a * b, 1) * 4
    if (bytes.byteLength !== expected) {
      throw new Error(
        `${join(dir, file)}: ${bytes.byteLength} bytes, the index says ${expected}; re-run lesiontrack patches`,
      )
    }
    // Copy into an aligned buffer: a Buffer's byteOffset need not be a multiple of 4.
    inputs[name] = new Float32Array(
      bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + expected),
    )
  }
  return { index, inputs }
}
