/**
 * Extracts the patches of many bookmarks into a patch folder, batch by batch, with their labels:
 * what `lesiontrack patches` writes and training reads.
 */
import type { ImportResult } from '../import/result'
import { allocatePatchBatch, PatchExtractor, type PatchVolume } from './extract'
import { PatchFileWriter, type PatchIndex, type PatchRecord } from './patch-file'
import type { PatchSpec } from './spec'
import type { LabelledBookmark } from './lesion-labels'

/** Lesions extracted per batch: bounds memory whatever the number of lesions. */
const BATCH = 256

/** Every imported series as a patch volume (geometry + HU), keyed by SeriesInstanceUID. */
export function patchVolumes(
  result: Pick<ImportResult, 'series' | 'volumes'>,
): Map<string, PatchVolume> {
  const volumes = new Map<string, PatchVolume>()
  for (const series of result.series) {
    const hu = result.volumes.get(series.seriesInstanceUid)
    if (hu) volumes.set(series.seriesInstanceUid, { geometry: series.geometry, hu })
  }
  return volumes
}

/** The record a patch file keeps for one lesion. */
function patchRecord({
  bookmark,
  studyIndex,
  lesionId,
  normalizedLocation,
}: LabelledBookmark): PatchRecord {
  return {
    bookmarkId: bookmark.bookmarkId,
    patientId: bookmark.patientId,
    studyInstanceUid: bookmark.studyInstanceUid,
    studyIndex,
    seriesInstanceUid: bookmark.seriesInstanceUid,
    sliceIndex: bookmark.sliceIndex,
    lesionType: bookmark.lesionType,
    longAxisMm: bookmark.longAxisMm,
    shortAxisMm: bookmark.shortAxisMm,
    centerLps: bookmark.centerLps,
    ...(lesionId !== undefined && { lesionId }),
    ...(normalizedLocation !== undefined && { normalizedLocation }),
  }
}

/**
 * Writes the patches of `lesions` into `dir`. Every bookmark's series must be in `volumes`
 * (an import never keeps a bookmark without its images).
 */
export function writePatchFolder(
  dir: string,
  spec: PatchSpec,
  volumes: Map<string, PatchVolume>,
  lesions: LabelledBookmark[],
): PatchIndex {
  const writer = new PatchFileWriter(dir, spec)
  const extractor = new PatchExtractor(spec)
  const batch = allocatePatchBatch(spec, BATCH)
  for (let start = 0; start < lesions.length; start += BATCH) {
    const chunk = lesions.slice(start, start + BATCH)
    chunk.forEach(({ bookmark }, slot) => {
      const volume = volumes.get(bookmark.seriesInstanceUid)
      if (!volume) {
        throw new Error(
          `bookmark ${bookmark.bookmarkId} (${bookmark.sourceFile}) refers to series ${bookmark.seriesInstanceUid}, which was not imported`,
        )
      }
      extractor.extractInto(volume, bookmark, batch, slot)
    })
    writer.append(batch, chunk.map(patchRecord))
  }
  return writer.close()
}
