/**
 * Reads only the head of a DICOM file, up to the PixelData element, with positioned reads:
 * a 300-slice series is scanned without loading its pixels, which are read later into the volume.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs'
import { DicomReadError, parseDicomBytes } from './dicom-file'
import { scanHeader } from './header-scan'
import { imageHeaderOf, type HeaderSource, type ImageHeader } from './image-header'
import { TAG } from './tags'

/** Most CT headers (vendor private tags included) fit in this many bytes; larger ones are re-read. */
const FIRST_READ_BYTES = 16 * 1024

/**
 * The buffer first reads go into, reused for every file: a header is copied out of it before
 * the next file is read (readImageHeader is synchronous), and a fresh 16 KiB buffer per file
 * would cost an allocation and page faults each time.
 */
const firstReadBuffer = Buffer.allocUnsafe(FIRST_READ_BYTES)

/** The attributes the header scanner looks for: all those imageHeaderOf reads. */
const WANTED = new Set<string>(Object.values(TAG))

function readHead(fd: number, byteCount: number): Buffer {
  const bytes =
    byteCount <= firstReadBuffer.length
      ? firstReadBuffer.subarray(0, byteCount)
      : Buffer.allocUnsafe(byteCount)
  let done = 0
  while (done < byteCount) {
    const read = readSync(fd, bytes, done, byteCount - done, done)
    if (read === 0) break
    done += read
  }
  return done === byteCount ? bytes : bytes.subarray(0, done)
}

/** imageHeaderOf, with a value that runs past the end of the bytes reported as truncation. */
function headerOf(dataSet: HeaderSource, path: string, fileSizeBytes: number): ImageHeader {
  try {
    return imageHeaderOf(dataSet, path, fileSizeBytes)
  } catch (thrown) {
    const detail = thrown instanceof Error ? thrown.message : String(thrown)
    throw new DicomReadError('truncated', `the file ends inside an attribute (${detail})`)
  }
}

/**
 * Parses the header of the DICOM file at `path`. The head is read in growing chunks until the
 * PixelData element is reached or the file ends; the fast scanner tries each chunk first (a
 * multi-frame file's functional groups can make its head far longer than the first read), then
 * dicom-parser (for deflated files, the head of the deflate stream is inflated).
 * Throws DicomReadError for content problems and the fs error for access ones.
 */
export function readImageHeader(path: string): ImageHeader {
  const fd = openSync(path, 'r')
  try {
    const fileSizeBytes = fstatSync(fd).size
    let byteCount = Math.min(fileSizeBytes, FIRST_READ_BYTES)
    for (;;) {
      const head = readHead(fd, byteCount)
      const scanned = scanHeader(head, WANTED)
      if (scanned) return headerOf(scanned, path, fileSizeBytes)
      const wholeFile = head.length === fileSizeBytes
      let dataSet
      try {
        dataSet = parseDicomBytes(head, { untilPixelData: true })
      } catch (error) {
        // A partial head can stop inside an element: only the whole file's failure is final.
        if (wholeFile || (error instanceof DicomReadError && error.code === 'not-dicom'))
          throw error
        byteCount = Math.min(fileSizeBytes, byteCount * 4)
        continue
      }
      if (dataSet.elements.x7fe00010 || wholeFile) return headerOf(dataSet, path, fileSizeBytes)
      byteCount = Math.min(fileSizeBytes, byteCount * 4)
    }
  } finally {
    closeSync(fd)
  }
}
