/**
 * The model files the pipeline worker's tracking step reads, as absolute paths resolved by the
 * process that starts the worker (Electron main, the web host), never by where a bundle landed.
 */
import { join } from 'node:path'

export interface ModelFiles {
  /** The lesion embedder's model card (the ONNX file lies beside it). */
  embedderCardPath: string
  /** The matcher's calibrated parameters. */
  matcherPath: string
}

/** The model files inside an app's resources folder (resources/ in the repository). */
export function modelFilesIn(resourcesDir: string): ModelFiles {
  return {
    embedderCardPath: join(resourcesDir, 'models', 'lesion-embedder.json'),
    matcherPath: join(resourcesDir, 'models', 'matcher.json'),
  }
}
