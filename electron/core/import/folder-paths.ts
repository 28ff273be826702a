/**
 * Which folder holds which: the import reads a folder inside another once, and the service
 * refuses to add a folder that is already open. Kept apart from the import so that the main
 * process can ask without loading the DICOM readers.
 */
import { sep } from 'node:path'

/** Whether the absolute `path` is `folder` or lies somewhere under it. */
export function liesWithin(path: string, folder: string): boolean {
  return path === folder || path.startsWith(folder.endsWith(sep) ? folder : folder + sep)
}
