/**
 * Files of one series that hold an image the series already has: a second export of the same
 * SOP instance, or a lossy-compressed copy of a slice made beside the original. Such copies are
 * dropped with a warning, so that the series is still imported once, from its best pixels.
 */
import { basename } from 'node:path'
import type { ImageHeader } from '../dicom/image-header'
import { transferSyntax } from '../dicom/transfer-syntax'
import { importIssue } from '../model/import-issue'
import type { ImportIssue } from '../model/types'
import { HINTS, NAMED_FILES, seriesLabel } from './dicom-issues'

/**
 * Drops second copies of the same SOP instance (the same slice, or the same Enhanced CT file,
 * exported twice), with a warning per copied file — or one per series when it has more than
 * NAMED_FILES copies, as when a folder added to the open ones holds a study again.
 */
export function withoutCopies(headers: ImageHeader[], warnings: ImportIssue[]): ImageHeader[] {
  const seen = new Map<string, ImageHeader>()
  const unique: ImageHeader[] = []
  const copies: { copy: ImageHeader; first: ImageHeader }[] = []
  for (const header of headers) {
    const key = header.sopInstanceUid && `${header.sopInstanceUid}#${header.frame?.number ?? 0}`
    const first = key ? seen.get(key) : undefined
    if (first) {
      // A multi-frame file is one copy, however many frames it holds.
      if ((header.frame?.number ?? 1) === 1) copies.push({ copy: header, first })
      continue
    }
    if (key) seen.set(key, header)
    unique.push(header)
  }
  if (copies.length <= NAMED_FILES) {
    for (const { copy, first } of copies) {
      warnings.push(
        importIssue(
          copy.path,
          'duplicate-file',
          `This file is a second copy of ${copy.frame ? 'image' : 'slice'} ${copy.sopInstanceUid} (also in ${first.path}); the copy was ignored.`,
          HINTS.nothing,
          'note',
        ),
      )
    }
  } else {
    const [{ copy, first }] = copies
    warnings.push(
      importIssue(
        copy.path,
        'duplicate-file',
        `${copies.length} files of ${seriesLabel(copy)} are second copies of images already read (this one of ${first.path}, and ${copies.length - 1} more); the copies were ignored.`,
        HINTS.nothing,
        'note',
      ),
    )
  }
  return unique
}

/** Whether a slice's pixels went through lossy compression, now or at some point before. */
function isLossy(header: ImageHeader): boolean {
  return header.lossyCompressed || transferSyntax(header.transferSyntaxUid).lossy
}

/**
 * One key per slice place: a lossy copy keeps the original's position and InstanceNumber (it
 * only gets a new SOP Instance UID), positions rounded to 0.01 mm as DS strings may differ.
 */
function placeKey(header: ImageHeader): string | null {
  if (header.frame || !header.imagePositionLps) return null
  const position = header.imagePositionLps.map((v) => Math.round(v * 100)).join(',')
  return `${position}#${header.instanceNumber}`
}

/**
 * Drops single-frame slices that are lossy copies of another slice of the series: same position
 * and InstanceNumber, lossy (LossyImageCompression 01 or a lossy transfer syntax) where the
 * other is not. One warning per series names the copies. Two lossless or two lossy slices at one
 * place stay: the layout then rejects them as two slices at one position.
 */
export function withoutLossyCopies(headers: ImageHeader[], warnings: ImportIssue[]): ImageHeader[] {
  const losslessPlaces = new Set<string>()
  for (const header of headers) {
    const key = placeKey(header)
    if (key && !isLossy(header)) losslessPlaces.add(key)
  }
  const copies = headers.filter((header) => {
    const key = placeKey(header)
    return key !== null && isLossy(header) && losslessPlaces.has(key)
  })
  if (copies.length === 0) return headers
  const names = copies.map((h) => basename(h.path))
  warnings.push(
    importIssue(
      copies[0].path,
      'lossy-copy',
      `${copies.length} file(s) of ${seriesLabel(copies[0])} are lossy-compressed copies of slices the folder also holds in lossless form (${names.slice(0, 3).join(', ')}${names.length > 3 ? ', …' : ''}); the originals were imported, the copies ignored.`,
      HINTS.nothing,
      'note',
    ),
  )
  const dropped = new Set(copies)
  return headers.filter((header) => !dropped.has(header))
}
