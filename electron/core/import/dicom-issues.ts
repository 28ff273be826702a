/**
 * The ImportIssues the DICOM import reports: one constructor per problem, so that every message
 * says which file or series, what is wrong, and what the user can do, in the same words each time.
 */
import { importIssue } from '../model/import-issue'
import type { ImportIssue } from '../model/types'
import type { ImageHeader } from '../dicom/image-header'

const REEXPORT_HINT = 'Copy or export this file from PACS again, then import the folder again.'

/**
 * Files with the same problem are said one by one up to this many; more are said in one warning
 * naming as many, so hundreds of them do not bury the problems that matter.
 */
export const NAMED_FILES = 3

/** How issues name a series: number, description and UID, so it can be found in PACS. */
export function seriesName(seriesNumber: number, description: string, seriesUid: string): string {
  return `series ${seriesNumber}${description ? ` "${description}"` : ''} (${seriesUid})`
}

/** seriesName of the series a file belongs to. */
export function seriesLabel(header: ImageHeader): string {
  return seriesName(header.seriesNumber, header.seriesDescription, header.seriesInstanceUid)
}

/**
 * What a bookmark drawn on a slice of a series that its own error left out was drawn on, as the
 * import words it whether it finds the error at once or when it decodes the series later.
 */
export function sliceOfSeriesNotImported(series: string): string {
  return `a slice of ${series}, which was not imported (its own error says why)`
}

/** How issues name one slice: its file, and the frame for a frame of a multi-frame file. */
export function sliceLabel(header: ImageHeader, name = header.path): string {
  return header.frame ? `${name} frame ${header.frame.number}` : name
}

/** The text with its first letter in upper case, for labels that start a sentence. */
export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}

/** The message tail saying a whole series was left out because of one of its files. */
export function seriesNotImported(header: ImageHeader, sliceCount: number): string {
  return `; ${seriesLabel(header)} with ${sliceCount} slices was not imported, because a volume with a missing slice would misplace every slice after it`
}

/** The issue for a file or folder the file system would not give us (permissions, broken link, I/O). */
export function fsIssue(
  path: string,
  error: NodeJS.ErrnoException,
  isFolder: boolean,
): ImportIssue {
  const what = isFolder ? 'folder' : 'file'
  const reason =
    error.code === 'EACCES' || error.code === 'EPERM'
      ? `permission denied (${error.code})`
      : error.code === 'ENOENT'
        ? 'it does not exist (a broken link or a file removed during the import)'
        : `${error.code ?? 'I/O error'}: ${error.message}`
  const hint =
    error.code === 'EACCES' || error.code === 'EPERM'
      ? `Give your user read access to this ${what} (or copy it somewhere readable) and import again.`
      : error.code === 'ENOENT'
        ? 'Fix or remove the link, or copy the missing file back, and import again.'
        : `Check the disk or network share holding this ${what} and import again.`
  return importIssue(
    path,
    isFolder ? 'unreadable-folder' : 'unreadable-file',
    `Cannot read this ${what}: ${reason}.`,
    hint,
  )
}

/** The hints several issues share, worded once. */
export const HINTS = {
  reexport: REEXPORT_HINT,
  nothing: 'Nothing to do: the rest of the folder was imported.',
  reexportSeries:
    'Export the complete series from PACS again (all slices, one reconstruction), then import it again.',
  bookmarkOfSeriesNotImported:
    'Mend that series as its error says (export it from PACS again); the bookmark comes back when it imports.',
} as const
