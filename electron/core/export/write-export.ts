/**
 * Writes export files into a folder without ever leaving a half-written one: each file is written
 * beside its final name and renamed into place, and a failure removes what this call wrote.
 */
import { mkdir, rename, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { ExportFile } from './track-files'

/** Writes `files` into `folder` (created if missing); answers their paths. */
export async function writeExportFiles(
  folder: string,
  files: readonly ExportFile[],
): Promise<string[]> {
  await mkdir(folder, { recursive: true })
  const written: string[] = []
  try {
    for (const file of files) {
      const path = join(folder, file.name)
      const partial = `${path}.partial`
      written.push(partial)
      await writeFile(partial, file.content)
      await rename(partial, path)
      written[written.length - 1] = path
    }
  } catch (error) {
    await Promise.all(written.map((path) => rm(path, { force: true })))
    throw error
  }
  return written
}
