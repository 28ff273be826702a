/**
 * Reads the header of every listed file and sorts the files into what the import does with them:
 * CT slices (grouped by series), other images, SR documents, skipped files and issues.
 */
import { basename, dirname } from 'node:path'
import { decoderFor } from '../dicom/codecs/registry'
import { DicomReadError } from '../dicom/dicom-file'
import type { ImageHeader } from '../dicom/image-header'
import { readImageHeader } from '../dicom/read-header'
import { FrameLayoutError, frameHeadersOf } from '../dicom/frame-headers'
import {
  CT_IMAGE_STORAGE,
  describeSopClass,
  ENHANCED_CT_IMAGE_STORAGE,
  isPresentationState,
  isStructuredReport,
  LEGACY_CONVERTED_ENHANCED_CT_IMAGE_STORAGE,
  MEDIA_STORAGE_DIRECTORY,
} from '../dicom/sop-class'
import { describeTransferSyntax, transferSyntax } from '../dicom/transfer-syntax'
import type { ImportIssue } from '../model/types'
import { importIssue } from '../model/import-issue'
import { archiveFormat } from './archive-files'
import { fsIssue, HINTS, NAMED_FILES } from './dicom-issues'

/**
 * The multi-frame CT classes, read frame by frame through their functional groups. A Legacy
 * Converted file places its frames with the same macros as Enhanced CT; the CT-specific ones it
 * may lack are not read for either class.
 */
const MULTI_FRAME_CT_CLASSES = new Set([
  ENHANCED_CT_IMAGE_STORAGE,
  LEGACY_CONVERTED_ENHANCED_CT_IMAGE_STORAGE,
])

/** The image classes imported as CT volumes. */
const CT_IMAGE_CLASSES = new Set([CT_IMAGE_STORAGE, ...MULTI_FRAME_CT_CLASSES])

/** A CT slice that cannot be used, with the issue that says why. */
export interface UnusableSlice {
  header: ImageHeader
  problem: ImportIssue
}

/** The files of an import, sorted by what the import does with them. */
export interface SortedInstances {
  /** CT slices (frames of multi-frame files included) by SeriesInstanceUID, in file order. */
  ctSeries: Map<string, ImageHeader[]>
  /** CT slices that cannot be decoded, by SeriesInstanceUID: their series is rejected. */
  unusableSlices: Map<string, UnusableSlice[]>
  /** Images of other modalities or SOP classes, by SeriesInstanceUID. */
  otherImageSeries: Map<string, ImageHeader[]>
  /** CT localizers (scouts), by SeriesInstanceUID: left out of every volume. */
  localizers: Map<string, ImageHeader[]>
  srFiles: string[]
  /** Grayscale Softcopy Presentation States: lines drawn on images, maybe RECIST axes. */
  presentationStateFiles: string[]
  issues: ImportIssue[]
}

/** Progress of the header pass, per file. */
export interface HeaderProgress {
  filesDone: number
  filesTotal: number
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key)
  if (list) list.push(value)
  else map.set(key, [value])
}

const NOT_DICOM_HINT =
  'Nothing to do if these are not images (a viewer program, index or text files); otherwise export them from PACS again as DICOM.'
/**
 * The warnings for files that are not DICOM: one per file, but one per folder where a folder holds
 * more than NAMED_FILES — a CD export carries a whole viewer program beside the images, hundreds
 * of files that would otherwise bury the problems that matter.
 */
function notDicomIssues(paths: readonly string[], reason: string): ImportIssue[] {
  const byFolder = new Map<string, string[]>()
  for (const path of paths) push(byFolder, dirname(path), path)
  return [...byFolder].flatMap(([folder, files]) => {
    if (files.length <= NAMED_FILES) {
      return files.map((file) =>
        importIssue(file, 'not-dicom', `Skipped: ${reason}.`, NOT_DICOM_HINT, 'warning'),
      )
    }
    const named = files.slice(0, NAMED_FILES).map((file) => basename(file))
    return [
      importIssue(
        folder,
        'not-dicom',
        `Skipped ${files.length} files of this folder that are not DICOM (${named.join(', ')} and ${files.length - NAMED_FILES} more): ${reason}.`,
        NOT_DICOM_HINT,
        'warning',
      ),
    ]
  })
}

/** A packed export is no viewer file to skip quietly: its images are inside, unread. */
function archiveIssue(path: string, format: string): ImportIssue {
  return importIssue(
    path,
    'archive',
    `This is a ${format} archive, not a DICOM file: the images it may hold were not read.`,
    'Unpack it, then open the unpacked folder (or add it to the open one).',
    'warning',
  )
}

function readIssue(path: string, error: unknown): ImportIssue {
  if (error instanceof DicomReadError) {
    return importIssue(
      path,
      error.code,
      `Cannot read this DICOM file: ${error.message}.`,
      HINTS.reexport,
    )
  }
  if (error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string') {
    return fsIssue(path, error as NodeJS.ErrnoException, false)
  }
  // Anything else the parser throws still concerns this file only: report it, go on.
  const detail = error instanceof Error ? error.message : String(error)
  return importIssue(path, 'corrupt', `Cannot read this DICOM file: ${detail}.`, HINTS.reexport)
}

/** Why a CT image (a single-frame slice or a whole multi-frame file) cannot be decoded, or null. */
function unusableReason(header: ImageHeader): ImportIssue | null {
  const syntax = transferSyntax(header.transferSyntaxUid)
  if (syntax.encapsulated && !decoderFor(header.transferSyntaxUid)) {
    return importIssue(
      header.path,
      'unsupported-transfer-syntax',
      `Its pixels are encoded in ${describeTransferSyntax(header.transferSyntaxUid)}, which LesionTrack cannot decode`,
      'Export the series from PACS uncompressed (Explicit VR Little Endian) or losslessly compressed (JPEG Lossless, JPEG-LS, JPEG 2000 or RLE), then import it again.',
    )
  }
  const { bitsAllocated } = header.storedFormat
  const multiFrameAllowed = MULTI_FRAME_CT_CLASSES.has(header.sopClassUid)
  if (
    (header.numberOfFrames !== 1 && !multiFrameAllowed) ||
    header.numberOfFrames < 1 ||
    header.samplesPerPixel !== 1 ||
    (bitsAllocated !== 8 && bitsAllocated !== 16)
  ) {
    return importIssue(
      header.path,
      'unsupported-image',
      `It holds ${header.numberOfFrames} frame(s) of ${header.samplesPerPixel} sample(s) per pixel with ${bitsAllocated} bits allocated; LesionTrack reads grayscale CT with 8 or 16 bits allocated, single-frame (CT Image Storage) or multi-frame (Enhanced CT or Legacy Converted Enhanced CT Image Storage)`,
      HINTS.reexportSeries,
    )
  }
  if (header.rows === 0 || header.columns === 0) {
    return importIssue(
      header.path,
      'corrupt',
      'It says its image has no rows or columns',
      HINTS.reexport,
    )
  }
  return null
}

/**
 * The first identifying UID a CT image lacks (all three are Type 1), named as in messages, or
 * null. Without them slices of different series, studies or instances cannot be told apart: every
 * UID-less file would land in one "series" or count as a copy of the others.
 */
function missingUid(header: ImageHeader): string | null {
  if (!header.sopInstanceUid) return 'SOPInstanceUID (0008,0018)'
  if (!header.seriesInstanceUid) return 'SeriesInstanceUID (0020,000E)'
  if (!header.studyInstanceUid) return 'StudyInstanceUID (0020,000D)'
  return null
}

/** One issue for the CT files that lack one UID: the first named, the rest counted. */
function missingUidIssue(attribute: string, headers: ImageHeader[]): ImportIssue {
  const others = headers.length > 1 ? ` (and ${headers.length - 1} other file(s) without it)` : ''
  return importIssue(
    headers[0].path,
    'missing-uid',
    `This CT image${others} has no ${attribute}, so it cannot be placed in its series and study; not imported.`,
    'Export the series from PACS again (a PACS export always writes these UIDs), or restore them with the tool that removed them, then import again.',
  )
}

/**
 * The slices a CT file holds: itself, or each frame of a multi-frame file; or the issue saying
 * why its frames cannot be placed (the file's series is then rejected whole).
 */
function slicesOf(header: ImageHeader): ImageHeader[] | UnusableSlice {
  if (!MULTI_FRAME_CT_CLASSES.has(header.sopClassUid)) return [header]
  try {
    return frameHeadersOf(header)
  } catch (error) {
    if (!(error instanceof FrameLayoutError)) throw error
    return {
      header,
      problem: importIssue(header.path, error.code, error.message, HINTS.reexportSeries),
    }
  }
}

/**
 * Reads every file's header (only the head of each file) and sorts the files. DICOMDIR is
 * skipped silently; it is the index of the export, not data.
 */
export async function sortInstances(
  files: string[],
  onProgress?: (progress: HeaderProgress) => void,
  readHeader: (path: string) => ImageHeader = readImageHeader,
): Promise<SortedInstances> {
  const sorted: SortedInstances = {
    ctSeries: new Map(),
    unusableSlices: new Map(),
    otherImageSeries: new Map(),
    localizers: new Map(),
    srFiles: [],
    presentationStateFiles: [],
    issues: [],
  }
  const withoutUid = new Map<string, ImageHeader[]>()
  const notDicom: string[] = []
  let notDicomReason = ''
  for (let index = 0; index < files.length; index++) {
    const path = files[index]
    // Header reads are synchronous for speed; yielding now and then keeps timers and progress alive.
    if (index % 64 === 63) await new Promise((resolve) => setImmediate(resolve))
    onProgress?.({ filesDone: index, filesTotal: files.length })
    let header: ImageHeader
    try {
      header = readHeader(path)
    } catch (error) {
      if (error instanceof DicomReadError && error.code === 'not-dicom') {
        notDicom.push(path)
        notDicomReason = error.message
      } else sorted.issues.push(readIssue(path, error))
      continue
    }
    if (header.sopClassUid === MEDIA_STORAGE_DIRECTORY) continue
    if (isStructuredReport(header.sopClassUid)) {
      sorted.srFiles.push(path)
      continue
    }
    if (isPresentationState(header.sopClassUid)) {
      sorted.presentationStateFiles.push(path)
      continue
    }
    if (!header.pixelData) {
      if (CT_IMAGE_CLASSES.has(header.sopClassUid) || header.rows > 0) {
        sorted.issues.push(
          importIssue(
            path,
            'no-pixel-data',
            `This ${describeSopClass(header.sopClassUid)} file has no pixel data (the export may have left it out).`,
            HINTS.reexport,
          ),
        )
      } else {
        sorted.issues.push(
          importIssue(
            path,
            'not-an-image',
            `Skipped: a ${describeSopClass(header.sopClassUid)} object, not an image.`,
            HINTS.nothing,
            'note',
          ),
        )
      }
      continue
    }
    if (!CT_IMAGE_CLASSES.has(header.sopClassUid) || header.modality !== 'CT') {
      push(sorted.otherImageSeries, header.seriesInstanceUid, header)
      continue
    }
    const missing = missingUid(header)
    if (missing) {
      push(withoutUid, missing, header)
      continue
    }
    if (header.localizer) {
      push(sorted.localizers, header.seriesInstanceUid, header)
      continue
    }
    const problem = unusableReason(header)
    if (problem) {
      push(sorted.unusableSlices, header.seriesInstanceUid, { header, problem })
      continue
    }
    const slices = slicesOf(header)
    if ('problem' in slices) push(sorted.unusableSlices, header.seriesInstanceUid, slices)
    else for (const slice of slices) push(sorted.ctSeries, header.seriesInstanceUid, slice)
  }
  onProgress?.({ filesDone: files.length, filesTotal: files.length })
  const archives = notDicom.map((path) => ({ path, format: archiveFormat(path) }))
  for (const { path, format } of archives) {
    if (format) sorted.issues.push(archiveIssue(path, format))
  }
  const plain = archives.filter(({ format }) => !format).map(({ path }) => path)
  sorted.issues.push(...notDicomIssues(plain, notDicomReason))
  for (const [attribute, headers] of withoutUid)
    sorted.issues.push(missingUidIssue(attribute, headers))
  return sorted
}
