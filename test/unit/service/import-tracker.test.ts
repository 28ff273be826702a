// The worker's tracking step keeps what it embedded and aligned: importing the same images and
// bookmarks again (a folder reopened, or added to the open ones so that all are imported again)
// must give the same tracks and study placements without running the embedding model on them or
// decoding their volumes a second time; a patient with a new study, or with a file changed under
// the same UIDs, is decoded and aligned anew.
import { cpSync, mkdtempSync, rmSync, utimesSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { importFolder } from '../../../electron/core/import/import-folder'
import { ImportTracker } from '../../../electron/core/service/import-tracker'
import { modelFilesIn } from '../../../electron/core/service/model-files'
import { synthesize } from '../../../electron/core/synth/synthesize'
import type { Truth } from '../../../electron/core/synth/truth'

let dir: string
let truth: Truth
/** The patient's first two studies; `all` adds the third. */
let earlier: string
let all: string
const tracker = new ImportTracker(modelFilesIn('resources'))

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'import-tracker-'))
  all = join(dir, 'all')
  truth = await synthesize({
    patients: 1,
    seed: 9,
    out: all,
    format: 'dicom',
    studies: 3,
    matrix: 64,
  })
  earlier = join(dir, 'earlier')
  cpSync(all, earlier, { recursive: true })
  const last = truth.patients[0].studies.find((s) => s.studyIndex === 3)!
  rmSync(join(earlier, dirname(last.seriesFolder)), { recursive: true })
})
afterAll(async () => {
  await tracker.close()
  rmSync(dir, { recursive: true, force: true })
})

/**
 * Imports `folder` and tracks it, counting the lesions the embedding model was run on and the
 * series whose volumes were decoded.
 */
async function track(folder: string) {
  const imported = await importFolder(folder, { deferPixels: true })
  const read = imported.readVolume!
  const decoded: string[] = []
  imported.readVolume = (uid) => {
    decoded.push(uid)
    return read(uid)
  }
  let embedded = 0
  const tracked = await tracker.track(imported, folder, (task, done) => {
    if (task === 'Embedding lesions') embedded = Math.max(embedded, done)
  })
  expect(tracked.issues).toEqual([])
  const [patient] = tracked.tracks
  return {
    imported,
    embedded,
    decoded,
    tracks: patient.tracks.map((t) => t.timepoints.map((tp) => tp.bookmarkId)),
    transforms: patient.transforms,
  }
}

describe('ImportTracker', () => {
  it('decodes and embeds the same images once across imports, with the same results', async () => {
    const first = await track(earlier)
    expect(first.embedded).toBe(first.imported.bookmarks.length)
    expect(first.decoded).toHaveLength(first.imported.series.length)
    const again = await track(earlier)
    expect(again.embedded).toBe(0)
    expect(again.decoded).toEqual([])
    expect(again.tracks).toEqual(first.tracks)
    expect(again.transforms).toEqual(first.transforms)
  })

  it('decodes a patient again when one of its files changed under the same UIDs', async () => {
    const first = await track(earlier)
    const file = first.imported.series[0].sourceFiles[0]
    const later = new Date(Date.now() + 60_000)
    utimesSync(file, later, later)
    const again = await track(earlier)
    expect(again.decoded).toHaveLength(first.imported.series.length)
  })

  it('decodes and aligns a patient anew when a study joins it', async () => {
    await track(earlier)
    const joined = await track(all)
    expect(joined.decoded).toHaveLength(3)
    expect(joined.transforms).toHaveLength(3)
    expect(joined.tracks.flat().sort()).toEqual(
      joined.imported.bookmarks.map((b) => b.bookmarkId).sort(),
    )
  })
})
