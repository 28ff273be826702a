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
 * Writes patches into a patch folder as lesions are added, patient by patient if need be: a batch
 * fills across additions, so the file is the same whether the lesions come at once or in parts.
 */
export class PatchFolderWriter {
  private readonly writer: PatchFileWriter
  private readonly extractor: PatchExtractor
  private readonly batch: ReturnType<typeof allocatePatchBatch>
  private pending: PatchRecord[] = []

  constructor(dir: string, spec: PatchSpec) {
    this.writer = new PatchFileWriter(dir, spec)
    this.extractor = new PatchExtractor(spec)
    this.batch = allocatePatchBatch(spec, BATCH)
  }

  /**
   * Extracts the patches of `lesions`. Every bookmark's series must be in `volumes` (an import
   * never keeps a bookmark without its images).
   */
  add(volumes: ReadonlyMap<string, PatchVolume>, lesions: readonly LabelledBookmark[]): void {
    for (const lesion of lesions) {
      const { bookmark } = lesion
      const volume = volumes.get(bookmark.seriesInstanceUid)
      if (!volume) {
        throw new Error(
          `bookmark ${bookmark.bookmarkId} (${bookmark.sourceFile}) refers to series ${bookmark.seriesInstanceUid}, which was not imported`,
        )
      }
      this.extractor.extractInto(volume, bookmark, this.batch, this.pending.length)
      this.pending.push(patchRecord(lesion))
      if (this.pending.length === BATCH) this.flush()
    }
  }

  /** Writes what is left and the index. */
  close(): PatchIndex {
    this.flush()
    return this.writer.close()
  }

  private flush(): void {
    if (this.pending.length === 0) return
    this.writer.append(this.batch, this.pending)
    this.pending = []
  }
}

/** Writes the patches of `lesions`, all of whose volumes are in memory, into `dir`. */
export function writePatchFolder(
  dir: string,
  spec: PatchSpec,
  volumes: ReadonlyMap<string, PatchVolume>,
  lesions: readonly LabelledBookmark[],
): PatchIndex {
  const writer = new PatchFolderWriter(dir, spec)
  writer.add(volumes, lesions)
  return writer.close()
}
