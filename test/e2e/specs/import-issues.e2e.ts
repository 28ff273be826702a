// Guards against silent import failures: opening a folder of unusable files must list every file
// with what is wrong and what to do, and keep the patient that was open on screen.
import assert from 'node:assert/strict'
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { withAppPage, type E2eSpec } from '../harness'

/** The first DICOM file found under folder (depth-first). */
async function firstDicomFile(folder: string): Promise<string> {
  for (const entry of await readdir(folder, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && entry.name.endsWith('.dcm')) return join(entry.parentPath, entry.name)
  }
  throw new Error(`no .dcm file under ${folder}`)
}

export const importIssuesSpec: E2eSpec = {
  title: 'importing unusable files lists each file with its problem and keeps the open patient',
  async run({ browser, host, demoFolder, demoTruth }) {
    const truth = await demoTruth()
    const folder = await mkdtemp(join(tmpdir(), 'lt-e2e-bad-'))
    try {
      const notDicom = join(folder, 'notes.dcm')
      const truncated = join(folder, 'truncated.dcm')
      await writeFile(notDicom, 'This is a text file, not an image.\n')
      const slice = await readFile(await firstDicomFile(demoFolder))
      await writeFile(truncated, slice.subarray(0, Math.floor(slice.length / 3)))

      await withAppPage(browser, async (app) => {
        await app.open(host.url)
        const report = await app.importFolder(folder)
        assert.match(await report.innerText(), /Nothing usable was found/)
        const issues = await report.getByTestId('issue').allInnerTexts()
        for (const file of [notDicom, truncated]) {
          const issue = issues.find((text) => text.includes(file))
          assert.ok(issue, `an issue names ${file}; issues: ${JSON.stringify(issues)}`)
          assert.match(issue, /^(Error|Warning)/)
        }
        await app.page.keyboard.press('Escape')
        assert.equal(await app.studyViews.count(), truth.studies.length)
        assert.equal(await app.bookmarkRows.count(), truth.bookmarks.length)
      })
    } finally {
      await rm(folder, { recursive: true, force: true })
    }
  },
}
