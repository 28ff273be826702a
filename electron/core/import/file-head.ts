/** The first bytes of a file, for checks that look at a signature or header without reading on. */
import { closeSync, openSync, readSync } from 'node:fs'

/** Up to `byteCount` bytes from the start of the file (fewer when it is shorter); throws fs errors. */
export function readFileHead(path: string, byteCount: number): Buffer {
  const head = Buffer.alloc(byteCount)
  const fd = openSync(path, 'r')
  try {
    return head.subarray(0, readSync(fd, head, 0, byteCount, 0))
  } finally {
    closeSync(fd)
  }
}
