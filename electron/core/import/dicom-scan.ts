/**
 * Lists every file under an import folder, recursively and whatever the file names (PACS exports
 * often have no extension), following links once; unreadable folders and broken links become issues.
 */
import type { Dirent } from 'node:fs'
import { readdir, realpath, stat } from 'node:fs/promises'
import { join } from 'node:path'
import type { ImportIssue } from '../model/types'
import { fsIssue } from './dicom-issues'

/** The files found under an import folder, and the places that could not be listed. */
export interface FolderListing {
  /** File paths, sorted, so that imports are reproducible. */
  files: string[]
  issues: ImportIssue[]
}

/** Lists the files under `root` (which may also be a single file). */
export async function listImportFiles(root: string): Promise<FolderListing> {
  const listing: FolderListing = { files: [], issues: [] }
  const visitedFolders = new Set<string>()

  async function visit(path: string, entry: Dirent | null): Promise<void> {
    let isFolder = entry?.isDirectory() ?? false
    if (!entry || entry.isSymbolicLink()) {
      try {
        isFolder = (await stat(path)).isDirectory()
      } catch (error) {
        listing.issues.push(fsIssue(path, error as NodeJS.ErrnoException, false))
        return
      }
    }
    if (!isFolder) {
      if (!entry || entry.isFile() || entry.isSymbolicLink()) listing.files.push(path)
      return
    }
    // Links can form cycles: a folder is visited once, whichever path leads to it.
    const real = await realpath(path).catch(() => path)
    if (visitedFolders.has(real)) return
    visitedFolders.add(real)
    let entries: Dirent[]
    try {
      entries = await readdir(path, { withFileTypes: true })
    } catch (error) {
      listing.issues.push(fsIssue(path, error as NodeJS.ErrnoException, true))
      return
    }
    for (const child of entries) await visit(join(path, child.name), child)
  }

  await visit(root, null)
  listing.files.sort()
  return listing
}
