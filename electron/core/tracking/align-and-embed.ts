/**
 * What the matcher needs from the images of an import — each patient's image alignment and every
 * bookmark's embedding — computed one patient at a time, so a batch holds one patient's volumes.
 */
import { alignImportedStudies, type PatientImageAlignment } from '../align'
import { embedBookmarks, type BookmarkEmbeddings } from '../embed/embed-bookmarks'
import type { EmbeddingCache } from '../embed/embedding-cache'
import type { EmbeddingRunner } from '../embed/embedding-runner'
import type { ImportResult } from '../import/result'
import { dropSeries } from '../import/drop-series'
import type { ImportIssue } from '../model/types'
import { patchVolumes } from '../patch/write-patch-folder'
import { PatientImagesCache, type PatientImages } from './patient-images-cache'

/** How studies are put into one patient frame: from the CT volumes first, or bookmarks only. */
export type AlignmentMode = 'images' | 'bookmarks'

export interface AlignAndEmbedOptions {
  alignment: AlignmentMode
  /** Runs the lesion embedder; without one no bookmark is embedded. */
  embedder?: EmbeddingRunner
  embeddingCache?: EmbeddingCache
  /**
   * With image alignment: patients whose images were aligned before (and whose bookmarks are all
   * in `embeddingCache`) are taken from here without decoding their volumes, and the others added.
   */
  imagesCache?: PatientImagesCache
  onEmbeddingProgress?: (done: number, total: number) => void
  /** Patients whose volumes were read, aligned and embedded so far, of all. */
  onPatientProgress?: (done: number, total: number) => void
}

export interface ImagesOfImport {
  /** Image registration of each patient's studies, by patient id (empty for 'bookmarks'). */
  imageAlignment: Map<string, PatientImageAlignment>
  /** Undefined when no embedder was given. */
  embeddings?: BookmarkEmbeddings
  /** Series whose deferred pixels could not be decoded (their bookmarks are not embedded). */
  issues: ImportIssue[]
}

/** A patient's studies and their series. */
function seriesOfPatient(result: ImportResult, patientId: string) {
  const studies = result.studies.filter((s) => s.patientId === patientId)
  const studyUids = new Set(studies.map((s) => s.studyInstanceUid))
  return { studies, series: result.series.filter((s) => studyUids.has(s.studyInstanceUid)) }
}

/** Whether every bookmark of the patient that `known` keeps is embedded already (or none need be). */
function allEmbedded(
  result: ImportResult,
  patientId: string,
  known: PatientImages,
  options: AlignAndEmbedOptions,
): boolean {
  if (!options.embedder) return true
  const dropped = new Set(known.undecodable.map((u) => u.seriesInstanceUid))
  const version = options.embedder.info.modelVersion
  return result.bookmarks.every(
    (b) =>
      b.patientId !== patientId ||
      dropped.has(b.seriesInstanceUid) ||
      options.embeddingCache?.get(version, b) !== undefined,
  )
}

/**
 * Takes a patient's images from what an earlier import of the same images found: the series that
 * could not be decoded are left out again, the alignment and the embeddings reused.
 */
async function reuse(
  result: ImportResult,
  patientId: string,
  known: PatientImages,
  images: ImagesOfImport,
  options: AlignAndEmbedOptions,
): Promise<void> {
  for (const { seriesInstanceUid, issue } of known.undecodable) {
    images.issues.push(issue)
    dropSeries(result, seriesInstanceUid)
  }
  if (known.alignment) images.imageAlignment.set(patientId, known.alignment)
  if (!options.embedder || !images.embeddings) return
  const bookmarks = result.bookmarks.filter((b) => b.patientId === patientId)
  // Every one is cached (allEmbedded): no volume is needed.
  const embedded = await embedBookmarks(options.embedder, new Map(), bookmarks, {
    cache: options.embeddingCache,
  })
  for (const [id, vector] of embedded.vectors) images.embeddings.vectors.set(id, vector)
  images.embeddings.cached += embedded.cached
}

/**
 * Aligns and embeds patient by patient. Volumes already in `result.volumes` stay there; volumes
 * an import deferred (`result.readVolume`) are read for their patient and released after it, and
 * a deferred series that cannot be decoded is left out of `result` with an issue (dropSeries).
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
  const patients = [...result.patients]
  for (const [index, patient] of patients.entries()) {
    options.onPatientProgress?.(index, patients.length)
    const cache = options.alignment === 'images' ? options.imagesCache : undefined
    const key =
      cache &&
      PatientImagesCache.keyOf(patient.patientId, seriesOfPatient(result, patient.patientId).series)
    const known = key === undefined ? undefined : cache?.get(key)
    if (known && allEmbedded(result, patient.patientId, known, options)) {
      await reuse(result, patient.patientId, known, images, options)
      continue
    }
    const undecodable: PatientImages['undecodable'] = []
    const loaded: string[] = []
    if (needsPixels && result.readVolume) {
      for (const { seriesInstanceUid } of seriesOfPatient(result, patient.patientId).series) {
        if (result.volumes.has(seriesInstanceUid)) continue
        const read = await result.readVolume(seriesInstanceUid)
        if (!read.ok) {
          images.issues.push(read.issue)
          undecodable.push({ seriesInstanceUid, issue: read.issue })
          dropSeries(result, seriesInstanceUid)
          continue
        }
        result.volumes.set(seriesInstanceUid, read.hu)
        loaded.push(seriesInstanceUid)
      }
    }
    // After the reads: a series that could not be decoded is gone from `result` by now.
    const ofPatient = { ...seriesOfPatient(result, patient.patientId), volumes: result.volumes }
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
    if (key !== undefined) {
      cache?.set(key, { alignment: images.imageAlignment.get(patient.patientId), undecodable })
    }
  }
  options.onPatientProgress?.(patients.length, patients.length)
  return images
}
