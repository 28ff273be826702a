/**
 * Archives among the files of an export: a PACS web download or a colleague's e-mail often comes
 * as one ZIP (or 7z, RAR, gzip, tar) — opened as a folder, it would import nothing, and a plain
 * "not a DICOM file" warning would not say why.
 */
import { extname } from 'node:path'
import { readFileHead } from './file-head'

/** Enough bytes to see each signature below (tar's sits at byte 257). */
const HEAD_BYTES = 265

const SIGNATURES: { name: string; at: number; bytes: number[] }[] = [
  { name: 'ZIP', at: 0, bytes: [0x50, 0x4b, 0x03, 0x04] },
  { name: 'gzip', at: 0, bytes: [0x1f, 0x8b] },
  { name: '7-Zip', at: 0, bytes: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c] },
  { name: 'RAR', at: 0, bytes: [0x52, 0x61, 0x72, 0x21, 0x1a, 0x07] },
  { name: 'tar', at: 257, bytes: [0x75, 0x73, 0x74, 0x61, 0x72] },
]

/**
 * Names an archive carries; a file without an extension may be one too. Formats built on ZIP
 * (a viewer program's .jar files on a CD export, office documents) are not archives of images.
 */
const ARCHIVE_EXTENSIONS = new Set(['', '.zip', '.gz', '.tgz', '.7z', '.rar', '.tar'])

/** The archive format of the file at `path` ('ZIP', 'gzip' …), or undefined for any other file. */
export function archiveFormat(path: string): string | undefined {
  if (!ARCHIVE_EXTENSIONS.has(extname(path).toLowerCase())) return undefined
  let head: Buffer
  try {
    head = readFileHead(path, HEAD_BYTES)
  } catch {
    return undefined
  }
  return SIGNATURES.find(
    ({ at, bytes }) =>
      at + bytes.length <= head.length && bytes.every((b, k) => head[at + k] === b),
  )?.name
}
