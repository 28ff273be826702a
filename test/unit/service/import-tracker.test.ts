// The worker's tracking step keeps what it embedded: importing the same bookmarks again (a folder
// reopened, or added to the open ones so that all are imported again) must give the same tracks
// without running the embedding model on them a second time.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { importFolder } from '../../../electron/core/import/import-folder'
import type { ImportResult } from '../../../electron/core/import/result'
import { ImportTracker } from '../../../electron/core/service/import-tracker'
import { modelFilesIn } from '../../../electron/core/service/model-files'
import { synthesize } from '../../../electron/core/synth/synthesize'

let dir: string
let result: ImportResult
const tracker = new ImportTracker(modelFilesIn('resources'))

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'import-tracker-'))
  await synthesize({ patients: 1, seed: 9, out: dir, format: 'dicom', studies: 2, matrix: 64 })
  result = await importFolder(dir, { deferPixels: true })
})
afterAll(async () => {
  await tracker.close()
  rmSync(dir, { recursive: true, force: true })
})

/** Tracks the import, counting the lesions the embedding model was run on. */
async function track(): Promise<{ embedded: number; tracks: string[][] }> {
  let embedded = 0
  const tracked = await tracker.track(result, dir, (task, done) => {
    if (task === 'Embedding lesions') embedded = Math.max(embedded, done)
  })
  expect(tracked.issues).toEqual([])
  return {
    embedded,
    tracks: tracked.tracks.flatMap((p) =>
      p.tracks.map((t) => t.timepoints.map((tp) => tp.bookmarkId)),
    ),
  }
}

describe('ImportTracker', () => {
  it('embeds each bookmark once across imports, with the same tracks', async () => {
    const first = await track()
    expect(first.embedded).toBe(result.bookmarks.length)
    const again = await track()
    expect(again.embedded).toBe(0)
    expect(again.tracks).toEqual(first.tracks)
  })
})
