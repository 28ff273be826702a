// Guards reopening and adding folders against stale or needless header reads: with the cache an
// import reads each file's header once, gives the very records of an import without it, reads a
// file again when it changed, and keeps only the headers of the folders open now.
import { cpSync, mkdtempSync, readdirSync, rmSync, utimesSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { HeaderCache } from '../../../electron/core/import/header-cache'
import { importFolders } from '../../../electron/core/import/import-folder'
import type { ImportResult } from '../../../electron/core/import/result'
import { synthesize } from '../../../electron/core/synth/synthesize'

let dir: string
let first: string
let second: string
let fileCount: number

/** Everything an import gives but the deferred pixel reader (a function, fresh each time). */
function records(result: ImportResult) {
  const { patients, studies, series, bookmarks, issues } = result
  return { patients, studies, series, bookmarks, issues }
}

function filesUnder(folder: string): string[] {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name))
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'header-cache-'))
  first = join(dir, 'first')
  await synthesize({ patients: 1, seed: 17, out: first, format: 'dicom', studies: 2, matrix: 64 })
  second = join(dir, 'second')
  cpSync(first, second, { recursive: true })
  // truth.json is skipped by the import, never read as a header.
  fileCount = filesUnder(first).filter((f) => !f.endsWith('truth.json')).length
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('the header cache', () => {
  it('reads each header once and gives the records of an import without it', async () => {
    const cache = new HeaderCache()
    const options = { deferPixels: true, readHeader: (path: string) => cache.read(path) }
    const uncached = await importFolders([first], { deferPixels: true })
    const once = await importFolders([first], options)
    cache.keepOnlyUsed()
    expect(cache.readsFromDisk).toBe(fileCount)
    const again = await importFolders([first], options)
    cache.keepOnlyUsed()
    expect(cache.readsFromDisk).toBe(fileCount)
    expect(records(once)).toEqual(records(uncached))
    expect(records(again)).toEqual(records(uncached))
  })

  it('reads a file again when its size or modification time changed', async () => {
    const cache = new HeaderCache()
    const options = { deferPixels: true, readHeader: (path: string) => cache.read(path) }
    await importFolders([first], options)
    const slice = filesUnder(first).find((f) => /IM\d+\.dcm$/.test(f))!
    const later = new Date(Date.now() + 60_000)
    utimesSync(slice, later, later)
    await importFolders([first], options)
    expect(cache.readsFromDisk).toBe(fileCount + 1)
  })

  it('keeps only the headers of the last import, and all of them when it read nothing', async () => {
    const cache = new HeaderCache()
    const options = { deferPixels: true, readHeader: (path: string) => cache.read(path) }
    await importFolders([first], options)
    cache.keepOnlyUsed()
    await importFolders([join(dir, 'moved away')], options)
    cache.keepOnlyUsed()
    expect(cache.size).toBe(fileCount)
    await importFolders([second], options)
    cache.keepOnlyUsed()
    expect(cache.size).toBe(fileCount)
    await importFolders([first], options)
    expect(cache.readsFromDisk).toBe(3 * fileCount)
  })

  it('holds at most its limit of headers, and reads the others each time', async () => {
    const cache = new HeaderCache(undefined, 5)
    const options = { deferPixels: true, readHeader: (path: string) => cache.read(path) }
    const uncached = await importFolders([first], { deferPixels: true })
    const once = await importFolders([first], options)
    const again = await importFolders([first], options)
    expect(cache.size).toBe(5)
    expect(cache.readsFromDisk).toBe(2 * fileCount - 5)
    expect(records(again)).toEqual(records(uncached))
    expect(records(once)).toEqual(records(uncached))
  })
})
