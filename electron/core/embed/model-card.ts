/**
 * The embedding model on disk: its model card (JSON) and the ONNX file it names, checked before use
 * so that a missing, corrupt or mismatched model fails with a message that says what to do.
 */
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { DEFAULT_PATCH_SPEC, type PatchSpec } from '../patch/spec'

/** The model card: what the network expects, how it was trained, how well and how fast it runs. */
export interface ModelCard {
  name: string
  version: string
  /** The ONNX file, relative to the card. */
  file: string
  /** SHA-256 (hex) of the ONNX file: a changed file is a different model, or a corrupt one. */
  sha256: string
  opset: number
  inputs: { name: string; shape: (number | string)[] }[]
  output: { name: string; dimension: number; unitLength: boolean }
  /** The exact preprocessing the network was trained on; the runtime extracts patches with it. */
  patchSpec: PatchSpec
  /** Free-form sections written by the training script (data, seeds, metrics, speed, limits). */
  [section: string]: unknown
}

/** A model ready to hand to ONNX Runtime: its card, its bytes and the version that keys caches. */
export interface EmbeddingModel {
  card: ModelCard
  cardPath: string
  onnxPath: string
  onnxBytes: Uint8Array
  /** `<name>@<version>+<first 12 hex of the SHA-256>`: changes whenever the weights do. */
  modelVersion: string
}

/** A model that cannot be used; the message names the file and the fix. */
export class EmbeddingModelError extends Error {
  constructor(
    readonly file: string,
    problem: string,
    hint: string,
  ) {
    super(`${file}: ${problem}. ${hint}`)
  }
}

const RESTORE_HINT =
  'Restore resources/models/ from the repository, or rebuild the model with `npm run train:model`.'

/** The model card shipped in resources/models, located from this source file. */
export function defaultModelCardPath(): string {
  return fileURLToPath(new URL('../../../resources/models/lesion-embedder.json', import.meta.url))
}

function readCard(cardPath: string): ModelCard {
  let text: string
  try {
    text = readFileSync(cardPath, 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    const problem = code === 'ENOENT' ? 'model card not found' : `model card unreadable (${code})`
    throw new EmbeddingModelError(cardPath, problem, RESTORE_HINT)
  }
  let card: ModelCard
  try {
    card = JSON.parse(text) as ModelCard
  } catch (error) {
    throw new EmbeddingModelError(
      cardPath,
      `model card is not valid JSON (${(error as Error).message})`,
      RESTORE_HINT,
    )
  }
  const missing = ['name', 'version', 'file', 'sha256', 'output', 'patchSpec'].filter(
    (key) => card[key] === undefined,
  )
  if (missing.length > 0) {
    throw new EmbeddingModelError(cardPath, `model card lacks ${missing.join(', ')}`, RESTORE_HINT)
  }
  return card
}

/**
 * Reads and checks the model named by `cardPath`: the card parses, the ONNX file exists and has the
 * card's SHA-256, and its patch spec is one this extractor implements.
 */
export function loadEmbeddingModel(cardPath: string = defaultModelCardPath()): EmbeddingModel {
  const card = readCard(cardPath)
  const onnxPath = join(dirname(cardPath), card.file)
  let onnxBytes: Uint8Array
  try {
    onnxBytes = readFileSync(onnxPath)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    const problem = code === 'ENOENT' ? 'model file not found' : `model file unreadable (${code})`
    throw new EmbeddingModelError(onnxPath, problem, RESTORE_HINT)
  }
  const sha256 = createHash('sha256').update(onnxBytes).digest('hex')
  if (sha256 !== card.sha256) {
    throw new EmbeddingModelError(
      onnxPath,
      `model file is corrupt or was replaced: its SHA-256 is ${sha256.slice(0, 12)}…, the model card ${cardPath} expects ${card.sha256.slice(0, 12)}…`,
      RESTORE_HINT,
    )
  }
  if (card.patchSpec.version !== DEFAULT_PATCH_SPEC.version) {
    throw new EmbeddingModelError(
      cardPath,
      `the model was trained on patch spec version ${card.patchSpec.version}, this build extracts version ${DEFAULT_PATCH_SPEC.version}`,
      'Use the model shipped with this version of LesionTrack, or retrain it with `npm run train:model`.',
    )
  }
  const expectedFields = Object.keys(DEFAULT_PATCH_SPEC)
  const cardFields = Object.keys(card.patchSpec)
  const mismatched = [
    ...cardFields.filter((field) => !expectedFields.includes(field)),
    ...expectedFields.filter((field) => !cardFields.includes(field)),
  ]
  if (mismatched.length > 0) {
    throw new EmbeddingModelError(
      cardPath,
      `the patch spec fields ${mismatched.join(', ')} do not match this build's extractor`,
      'Use the model shipped with this version of LesionTrack, or retrain it with `npm run train:model`.',
    )
  }
  return {
    card,
    cardPath,
    onnxPath,
    onnxBytes,
    modelVersion: `${card.name}@${card.version}+${sha256.slice(0, 12)}`,
  }
}
