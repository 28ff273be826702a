/**
 * What the matcher needs from the images of an import — each patient's image alignment and every
 * bookmark's embedding — computed one patient at a time, so a batch holds one patient's volumes.
 */
import { alignImportedStudies, type PatientImageAlignment } from '../align'
import { embedBookmarks, type BookmarkEmbeddings } from '../embed/embed-bookmarks'
import type { EmbeddingCache } from '../embed/embedding-cache'
import type { EmbeddingRunner } from '../embed/embedding-runner'
import type { ImportResult } from '../import/result'
import type { ImportIssue } from '../model/types'
import { patchVolumes } from '../patch/write-patch-folder'

/** How studies are put into one patient frame: from the CT volumes first, or bookmarks only. */
export type AlignmentMode = 'images' | 'bookmarks'

export interface AlignAndEmbedOptions {
  alignment: AlignmentMode
  /** Runs the lesion embedder; without one no bookmark is embedded. */
  embedder?: EmbeddingRunner
  embeddingCache?: EmbeddingCache
  onEmbeddingProgress?: (done: number, total: number) => void
}

export interface ImagesOfImport {
  /** Image registration of each patient's studies, by patient id (empty for 'bookmarks'). */
  imageAlignment: Map<string, PatientImageAlignment>
  /** Undefined when no embedder was given. */
  embeddings?: BookmarkEmbeddings
  /** Series whose deferred pixels could not be decoded (their bookmarks are not embedded). */
  issues: ImportIssue[]
}

/**
 * Aligns and embeds patient by patient. Volumes already in `result.volumes` stay there; volumes
 * an import deferred (`result.readVolume`) are read for their patient and released after it.
 * Bookmarks on a series without voxels get no embedding.
 */
export async function alignAndEmbed(
  result: ImportResult,
  options: AlignAndEmbedOptions,
): Promise<ImagesOfImport> {
  const images: ImagesOfImport = {
    imageAlignment: new Map(),
    embeddings: options.embedder
      ? {
          modelVersion: options.embedder.info.modelVersion,
          vectors: new Map(),
          computed: 0,
          cached: 0,
        }
      : undefined,
    issues: [],
  }
  const needsPixels = options.alignment === 'images' || options.embedder !== undefined
  let embeddedBefore = 0
  for (const patient of result.patients) {
    const studies = result.studies.filter((s) => s.patientId === patient.patientId)
    const studyUids = new Set(studies.map((s) => s.studyInstanceUid))
    const series = result.series.filter((s) => studyUids.has(s.studyInstanceUid))
    const loaded: string[] = []
    if (needsPixels && result.readVolume) {
      for (const { seriesInstanceUid } of series) {
        if (result.volumes.has(seriesInstanceUid)) continue
        const read = await result.readVolume(seriesInstanceUid)
        if (!read.ok) {
          images.issues.push(read.issue)
          continue
        }
        result.volumes.set(seriesInstanceUid, read.hu)
        loaded.push(seriesInstanceUid)
      }
    }
    const ofPatient = { studies, series, volumes: result.volumes }
    if (options.alignment === 'images') {
      for (const [id, alignment] of alignImportedStudies(ofPatient)) {
        images.imageAlignment.set(id, alignment)
      }
    }
    const hasBookmarks = result.bookmarks.some((b) => b.patientId === patient.patientId)
    if (options.embedder && images.embeddings && hasBookmarks) {
      const volumes = patchVolumes(ofPatient)
      const bookmarks = result.bookmarks.filter(
        (b) => b.patientId === patient.patientId && volumes.has(b.seriesInstanceUid),
      )
      const embedded = await embedBookmarks(options.embedder, volumes, bookmarks, {
        cache: options.embeddingCache,
        onProgress: (done) =>
          options.onEmbeddingProgress?.(embeddedBefore + done, result.bookmarks.length),
      })
      for (const [id, vector] of embedded.vectors) images.embeddings.vectors.set(id, vector)
      images.embeddings.computed += embedded.computed
      images.embeddings.cached += embedded.cached
      embeddedBefore += bookmarks.length
    }
    for (const seriesUid of loaded) result.volumes.delete(seriesUid)
  }
  return images
}
