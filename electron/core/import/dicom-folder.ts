/**
 * Imports a folder of DICOM files as PACS exports it into patients, studies and CT volumes in HU,
 * with SR documents handed on and one ImportIssue per problem. Never returns a half-built series.
 */
import { importIssue } from '../model/import-issue'
import type { ImportIssue, Patient, Series, Study } from '../model/types'
import { PixelDataError } from '../dicom/pixel-data'
import { describeSopClass } from '../dicom/sop-class'
import { describeTransferSyntax, transferSyntax } from '../dicom/transfer-syntax'
import type { ImageHeader } from '../dicom/image-header'
import {
  capitalize,
  fsIssue,
  HINTS,
  seriesLabel,
  seriesNotImported,
  sliceOfSeriesNotImported,
} from './dicom-issues'
import { sortInstances } from './dicom-instances'
import { buildRecords, type ImportedSeries } from './dicom-records'
import { listImportFiles } from './dicom-scan'
import { layoutSeries } from './dicom-series-layout'
import { readSeriesVolume } from './dicom-volume'

/** What readDicomFolder returns: complete records only, plus every issue met. */
export interface DicomFolderImport {
  patients: Patient[]
  studies: Study[]
  series: Series[]
  /** HU of each imported series (i fastest, then j, then k), keyed by SeriesInstanceUID. */
  volumes: Map<string, Int16Array>
  /** Every SR document found (TID 1500 or not): the bookmark reader decides what it can use. */
  srFiles: string[]
  /** Every Grayscale Softcopy Presentation State found: its lines may be RECIST axes. */
  presentationStateFiles: string[]
  /**
   * Images found but not imported as CT slices, by SOP Instance UID: what each is and why it is
   * not a slice, so that a measurement drawn on one is told apart from one whose image is missing.
   */
  leftOutImages: Map<string, LeftOutImage>
  issues: ImportIssue[]
  /** With `deferPixels`: decodes one series when asked (see DicomFolderOptions). */
  readVolume?: ReadDeferredVolume
}

/**
 * An image the import found but did not make a slice of: `what` it is ('an image of modality MR
 * (…)', 'a CT localizer (scout)', 'a slice of series 2 "AXIAL" (…)'), and whether it is no CT
 * slice at all or a slice of a CT series left out by an error of its own.
 */
export interface LeftOutImage {
  what: string
  why: 'not-a-ct-slice' | 'series-not-imported'
}

/** The HU of one imported series, or the issue that left it without them. */
export type DeferredVolume = { ok: true; hu: Int16Array } | { ok: false; issue: ImportIssue }

export type ReadDeferredVolume = (seriesInstanceUid: string) => Promise<DeferredVolume>

/** Where a long import is: first every file's header, then every slice's pixels. */
export interface DicomImportProgress {
  phase: 'headers' | 'pixels'
  done: number
  total: number
}

/** Options of readDicomFolder. */
export interface DicomFolderOptions {
  onProgress?: (progress: DicomImportProgress) => void
  /** Files that belong to the folder but are known not to be part of the export; never read. */
  skipFile?: (path: string) => boolean
  /**
   * Leave the pixels on disk: `volumes` stays empty and `readVolume` decodes a series when asked,
   * so a batch job holds one patient's volumes at a time instead of the whole folder's. Series
   * are then checked by their headers only; a slice that cannot be decoded surfaces when read.
   */
  deferPixels?: boolean
  /** Reads one file's header (default: from disk); a HeaderCache reads each file once. */
  readHeader?: (path: string) => ImageHeader
}

function otherImagesSkipped(headers: ImageHeader[]): ImportIssue {
  const first = headers[0]
  const what = `${first.modality || 'no modality'}, ${describeSopClass(first.sopClassUid)}`
  return importIssue(
    first.path,
    'non-ct-series',
    `Skipped ${seriesLabel(first)}: ${headers.length} image(s) of ${what}; LesionTrack follows lesions on CT Image Storage and Enhanced CT Image Storage series only.`,
    HINTS.nothing,
    'note',
  )
}

/** What each image of `otherImageSeries` and `localizers` is, by SOP Instance UID. */
function describeLeftOutImages(
  otherImageSeries: Map<string, ImageHeader[]>,
  localizers: Map<string, ImageHeader[]>,
): Map<string, LeftOutImage> {
  const described = new Map<string, LeftOutImage>()
  const why = 'not-a-ct-slice'
  for (const headers of otherImageSeries.values()) {
    for (const h of headers) {
      const what = `an image of modality ${h.modality || '(none)'} (${describeSopClass(h.sopClassUid)})`
      described.set(h.sopInstanceUid, { what, why })
    }
  }
  for (const headers of localizers.values()) {
    for (const h of headers)
      described.set(h.sopInstanceUid, { what: 'a CT localizer (scout)', why })
  }
  return described
}

/** Notes the slices of a CT series that an error of its own left out (see LeftOutImage). */
function markSeriesNotImported(
  leftOutImages: Map<string, LeftOutImage>,
  headers: readonly ImageHeader[],
): void {
  if (headers.length === 0) return
  const what = sliceOfSeriesNotImported(seriesLabel(headers[0]))
  for (const h of headers) leftOutImages.set(h.sopInstanceUid, { what, why: 'series-not-imported' })
}

/**
 * Scouts are expected in every CT export: say once per series that they were left out, and
 * whether the series' slices were imported without them.
 */
function localizersLeftOut(localizers: ImageHeader[], sliceCount: number): ImportIssue {
  const first = localizers[0]
  const what = `${localizers.length} localizer (scout) image(s)`
  const message =
    sliceCount > 0
      ? `Left ${what} out of ${seriesLabel(first)}: a scout is a projection through the body, not one of its slices; its ${sliceCount} slice(s) are read without them.`
      : `Skipped ${seriesLabel(first)}: ${what}, projections through the body rather than slices of it, so there is no volume to follow lesions on.`
  return importIssue(first.path, 'localizer', message, HINTS.nothing, 'note')
}

/** Lossy series import fine, but their HU are approximate: say so once per series. */
function lossyWarning(slices: ImageHeader[]): ImportIssue | null {
  const lossy = slices.find((slice) => transferSyntax(slice.transferSyntaxUid).lossy)
  if (!lossy) return null
  return importIssue(
    lossy.path,
    'lossy-compression',
    `${capitalize(seriesLabel(lossy))} is stored with lossy compression (${describeTransferSyntax(lossy.transferSyntaxUid)}): its HU differ from the scanner's by a few units, so densities and small measurements are approximate.`,
    'Nothing to do for follow-up; for exact HU, export the series from PACS uncompressed or losslessly compressed.',
    'warning',
  )
}

function sliceFailure(
  slice: ImageHeader,
  error: PixelDataError | NodeJS.ErrnoException,
  sliceCount: number,
): ImportIssue {
  if (!(error instanceof PixelDataError)) {
    const issue = fsIssue(slice.path, error, false)
    return {
      ...issue,
      message: issue.message.replace(/\.$/, '') + seriesNotImported(slice, sliceCount) + '.',
    }
  }
  const what =
    error.code === 'decode-failed'
      ? 'Its pixels could not be decoded'
      : 'Its pixel data cannot be read'
  return importIssue(
    slice.path,
    error.code,
    `${what}: ${error.message}${seriesNotImported(slice, sliceCount)}.`,
    HINTS.reexport,
  )
}

/**
 * Imports every CT series under `dirs` (recursively, any file names), as one export: a series or
 * study may be spread over several of them. Slices are ordered by position along the slice normal
 * and rescaled to HU; a series with a bad, missing, duplicate or inconsistent slice is left out
 * whole, with one issue naming the file or series and what to do. Non-CT images are skipped with
 * a warning per series; SR documents are returned in srFiles.
 */
export async function readDicomFolder(
  dirs: string | readonly string[],
  options: DicomFolderOptions = {},
): Promise<DicomFolderImport> {
  const { onProgress, skipFile } = options
  const listings = await Promise.all([dirs].flat().map(listImportFiles))
  // Folders given twice, or one inside another, must not read a file twice.
  const listed = [...new Set(listings.flatMap((listing) => listing.files))]
  const files = skipFile ? listed.filter((file) => !skipFile(file)) : listed
  const sorted = await sortInstances(
    files,
    ({ filesDone, filesTotal }) =>
      onProgress?.({ phase: 'headers', done: filesDone, total: filesTotal }),
    options.readHeader,
  )
  const issues = [...listings.flatMap((listing) => listing.issues), ...sorted.issues]
  const leftOutImages = describeLeftOutImages(sorted.otherImageSeries, sorted.localizers)
  for (const headers of sorted.otherImageSeries.values()) issues.push(otherImagesSkipped(headers))
  for (const [seriesUid, headers] of sorted.localizers) {
    issues.push(localizersLeftOut(headers, sorted.ctSeries.get(seriesUid)?.length ?? 0))
  }

  const layouts = []
  for (const [seriesUid, headers] of sorted.ctSeries) {
    const unusable = sorted.unusableSlices.get(seriesUid)
    if (unusable) continue
    const layout = layoutSeries(headers)
    issues.push(...layout.warnings)
    if (!layout.ok) {
      issues.push(layout.rejection)
      markSeriesNotImported(leftOutImages, headers)
      continue
    }
    const lossy = lossyWarning(layout.slices)
    if (lossy) issues.push(lossy)
    layouts.push(layout)
  }
  for (const [seriesUid, unusable] of sorted.unusableSlices) {
    // An unusable Enhanced CT file takes all its frames' slices with it.
    const sliceCount =
      unusable.reduce((sum, { header }) => sum + Math.max(1, header.numberOfFrames), 0) +
      (sorted.ctSeries.get(seriesUid)?.length ?? 0)
    for (const { header, problem } of unusable) {
      issues.push({
        ...problem,
        message: problem.message + seriesNotImported(header, sliceCount) + '.',
      })
    }
    markSeriesNotImported(leftOutImages, [
      ...unusable.map(({ header }) => header),
      ...(sorted.ctSeries.get(seriesUid) ?? []),
    ])
  }

  if (options.deferPixels) {
    const layoutOf = new Map(layouts.map((l) => [l.slices[0].seriesInstanceUid, l]))
    const readVolume: ReadDeferredVolume = async (seriesUid) => {
      const layout = layoutOf.get(seriesUid)
      if (!layout) throw new Error(`series ${seriesUid} is not part of this import`)
      const read = await readSeriesVolume(layout.slices, layout.sliceIndices, layout.geometry.dims)
      return read.ok
        ? { ok: true, hu: read.hu }
        : { ok: false, issue: sliceFailure(read.slice, read.error, layout.slices.length) }
    }
    const records = buildRecords(layouts)
    return {
      ...records,
      volumes: new Map(),
      srFiles: sorted.srFiles,
      presentationStateFiles: sorted.presentationStateFiles,
      leftOutImages,
      issues: [...issues, ...records.issues],
      readVolume,
    }
  }

  const total = layouts.reduce((sum, layout) => sum + layout.slices.length, 0)
  let done = 0
  const imported: ImportedSeries[] = []
  const volumes = new Map<string, Int16Array>()
  for (const layout of layouts) {
    onProgress?.({ phase: 'pixels', done, total })
    const read = await readSeriesVolume(
      layout.slices,
      layout.sliceIndices,
      layout.geometry.dims,
      (slicesDone) => onProgress?.({ phase: 'pixels', done: done + slicesDone, total }),
    )
    done += layout.slices.length
    if (!read.ok) {
      issues.push(sliceFailure(read.slice, read.error, layout.slices.length))
      markSeriesNotImported(leftOutImages, layout.slices)
      continue
    }
    imported.push(layout)
    volumes.set(layout.slices[0].seriesInstanceUid, read.hu)
  }
  onProgress?.({ phase: 'pixels', done: total, total })
  const records = buildRecords(imported)
  return {
    ...records,
    volumes,
    srFiles: sorted.srFiles,
    presentationStateFiles: sorted.presentationStateFiles,
    leftOutImages,
    issues: [...issues, ...records.issues],
  }
}
