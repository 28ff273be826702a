// Guards the folders that import nothing: each must say why in one error naming the folder — an
// empty folder, DL_info.csv without its Images_png (the real DeepLesion table alone), Images_png
// without DL_info.csv — while a folder of non-DICOM files keeps its own per-file warning only, and
// an archive (a PACS download not yet unpacked) says it is one.
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { importFolder } from '../../../electron/core/import/import-folder'
import { tempFolder } from '../dicom/fixtures'

const temp = tempFolder('nothing-found')
afterAll(temp.remove)

/** A new empty folder `name` under the temp folder. */
function folder(name: string): string {
  const dir = join(temp.dir, name)
  mkdirSync(dir, { recursive: true })
  return dir
}

describe('a folder that imports nothing', () => {
  it('says that an empty folder (with empty subfolders) holds no DICOM file', async () => {
    const dir = folder('empty')
    mkdirSync(join(dir, 'DICOM', 'S1'), { recursive: true })
    const result = await importFolder(dir)
    expect(result.studies).toEqual([])
    expect(result.issues.map((i) => [i.file, i.code, i.severity])).toEqual([
      [dir, 'no-dicom', 'error'],
    ])
  })

  it("says that DeepLesion's table alone has no Images_png beside it", async () => {
    const dir = folder('table-only')
    copyFileSync(
      fileURLToPath(
        new URL('../../fixtures/real/deeplesion/DL_info_partial_e83fd96.csv', import.meta.url),
      ),
      join(dir, 'DL_info.csv'),
    )
    const result = await importFolder(dir)
    expect(result.bookmarks).toEqual([])
    expect(result.issues.map((i) => [i.file, i.code, i.severity])).toEqual([
      [dir, 'deeplesion-incomplete', 'error'],
    ])
    expect(result.issues[0].message).toMatch(/DL_info\.csv but no Images_png/)
    expect(result.issues[0].hint).toMatch(/Images_png\/000001_01_01\/103\.png/)
  })

  it('says that an Images_png folder has no DL_info.csv beside it', async () => {
    const dir = folder('images-only')
    mkdirSync(join(dir, 'Images_png', '000001_01_01'), { recursive: true })
    const result = await importFolder(dir)
    expect(result.issues.map((i) => i.code)).toEqual(['deeplesion-incomplete'])
    expect(result.issues[0].message).toMatch(/Images_png folder but no DL_info\.csv/)
  })

  it('leaves a folder of other files to their own warnings, without a second word', async () => {
    const dir = folder('text')
    writeFileSync(join(dir, 'README.txt'), 'not an image')
    const result = await importFolder(dir)
    expect(result.issues.map((i) => [i.code, i.severity])).toEqual([['not-dicom', 'warning']])
  })

  it('says that an archive is one, to be unpacked, but not a viewer program built on ZIP', async () => {
    const dir = folder('archives')
    const zip = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(300)])
    const tar = Buffer.alloc(1024)
    tar.write('ustar', 257, 'latin1')
    writeFileSync(join(dir, 'download.zip'), zip)
    writeFileSync(join(dir, 'STUDY'), tar)
    writeFileSync(join(dir, 'viewer.jar'), zip)
    const result = await importFolder(dir)
    expect(result.issues.map((i) => [i.file, i.code, i.severity])).toEqual([
      [join(dir, 'STUDY'), 'archive', 'warning'],
      [join(dir, 'download.zip'), 'archive', 'warning'],
      [join(dir, 'viewer.jar'), 'not-dicom', 'warning'],
    ])
    expect(result.issues[1].message).toMatch(/^This is a ZIP archive, not a DICOM file/)
    expect(result.issues[0].message).toMatch(/^This is a tar archive/)
  })
})
