// Batch jobs (track, eval) must not hold a whole folder's CT volumes: with the pixels left on disk
// they must read one patient's volumes at a time and still give exactly the alignment, embeddings
// and tracks of a full import; a slice that cannot be decoded late must be said, not crash.
import { mkdtempSync, rmSync, statSync, truncateSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { EmbeddingWorker } from '../../../electron/core/embed/embedding-worker'
import { defaultModelCardPath } from '../../../electron/core/embed/model-card'
import { importFolder } from '../../../electron/core/import/import-folder'
import type { ImportResult } from '../../../electron/core/import/result'
import { loadMatcherModel } from '../../../electron/core/match/model'
import { synthesize } from '../../../electron/core/synth/synthesize'
import { alignAndEmbed } from '../../../electron/core/tracking/align-and-embed'
import { trackImport } from '../../../electron/core/tracking/track-import'

let dir: string
let embedder: EmbeddingWorker

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'lt-align-embed-'))
  await synthesize({
    patients: 3,
    seed: 41,
    out: join(dir, 'data'),
    format: 'dicom',
    studies: 3,
    matrix: 96,
    sliceMm: 5,
  })
  embedder = await EmbeddingWorker.open(defaultModelCardPath(), { provider: 'cpu' })
})
afterAll(async () => {
  await embedder.close()
  rmSync(dir, { recursive: true, force: true })
})

/** The most series one patient has: the most volumes a deferred run may hold at once. */
function mostSeriesOfOnePatient(result: ImportResult): number {
  const counts = result.patients.map(
    (p) =>
      result.series.filter((s) =>
        result.studies.some(
          (st) => st.studyInstanceUid === s.studyInstanceUid && st.patientId === p.patientId,
        ),
      ).length,
  )
  return Math.max(...counts)
}

describe('deferred pixels', () => {
  it('give the records, alignment, embeddings and tracks of a full import, one patient at a time', async () => {
    const full = await importFolder(join(dir, 'data'))
    const deferred = await importFolder(join(dir, 'data'), { deferPixels: true })
    expect(deferred.volumes.size).toBe(0)
    expect(full.volumes.size).toBe(full.series.length)
    expect(deferred.series).toEqual(full.series)
    expect(deferred.bookmarks).toEqual(full.bookmarks)

    let mostHeld = 0
    const read = deferred.readVolume!
    deferred.readVolume = async (uid) => {
      const volume = await read(uid)
      mostHeld = Math.max(mostHeld, deferred.volumes.size + 1)
      return volume
    }
    const model = loadMatcherModel()
    const options = { model, alignment: 'images' as const, embedder }
    const fromFull = await trackImport(full, options)
    const fromDeferred = await trackImport(deferred, options)

    expect(mostHeld).toBeGreaterThan(0)
    expect(mostHeld).toBeLessThanOrEqual(mostSeriesOfOnePatient(full))
    expect(deferred.volumes.size).toBe(0)
    expect(full.volumes.size).toBe(full.series.length)
    expect(fromDeferred.embeddings?.vectors.size).toBe(full.bookmarks.length)
    expect([...fromDeferred.embeddings!.vectors]).toEqual([...fromFull.embeddings!.vectors])
    expect(fromDeferred.imageAlignment).toEqual(fromFull.imageAlignment)
    expect(fromDeferred.matches.map((m) => m.tracks)).toEqual(fromFull.matches.map((m) => m.tracks))
    expect(fromDeferred.imageIssues).toEqual([])
  })

  it('leaves out a series whose slice cannot be decoded, says which slice, embeds the rest', async () => {
    const deferred = await importFolder(join(dir, 'data'), { deferPixels: true })
    const broken = deferred.series[0]
    const file = broken.sourceFiles[1]
    // Headers were read at import; the pixels are cut short afterwards, as a failing disk would.
    truncateSync(file, statSync(file).size - 2000)
    const onBroken = deferred.bookmarks.filter(
      (b) => b.seriesInstanceUid === broken.seriesInstanceUid,
    )
    expect(onBroken.length).toBeGreaterThan(0)
    const images = await alignAndEmbed(deferred, { alignment: 'images', embedder })
    expect(images.issues).toHaveLength(1)
    expect(images.issues[0].file).toBe(file)
    expect(images.issues[0].severity).toBe('error')
    // As a full import would: the series, its bookmarks and its emptied study are gone whole.
    expect(deferred.series.map((s) => s.seriesInstanceUid)).not.toContain(broken.seriesInstanceUid)
    expect(deferred.studies.map((s) => s.studyInstanceUid)).not.toContain(broken.studyInstanceUid)
    for (const b of onBroken) expect(deferred.bookmarks).not.toContainEqual(b)
    expect(deferred.bookmarks.length).toBeGreaterThan(0)
    for (const b of deferred.bookmarks)
      expect(images.embeddings!.vectors.has(b.bookmarkId)).toBe(true)
    expect(images.embeddings!.vectors.size).toBe(deferred.bookmarks.length)
    expect(deferred.volumes.size).toBe(0)
  })
})
