// Guards against silent import failures: opening a folder of unusable files must list every file
// with what is wrong and what to do, and keep the patient that was open on screen; what is left
// out as expected (a scout) is a note folded away below the problems, not a problem.
import assert from 'node:assert/strict'
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { runTool } from '../../unit/dicom/fixtures'
import { withAppPage, type E2eSpec } from '../harness'

/** The first DICOM file under folder (depth-first) whose name starts with `prefix`. */
async function firstDicomFile(folder: string, prefix = ''): Promise<string> {
  for (const entry of await readdir(folder, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && entry.name.startsWith(prefix) && entry.name.endsWith('.dcm'))
      return join(entry.parentPath, entry.name)
  }
  throw new Error(`no ${prefix}….dcm file under ${folder}`)
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
      // A CT slice of the demo turned into a scout (the generator names its slices IM….dcm).
      const scout = join(folder, 'scout.dcm')
      await writeFile(scout, await readFile(await firstDicomFile(demoFolder, 'IM')))
      runTool('dcmodify', ['-nb', '-i', '(0008,0008)=ORIGINAL\\PRIMARY\\LOCALIZER', scout])

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
        const notes = report.getByTestId('issue-notes')
        assert.match(await notes.locator('summary').innerText(), /Left out as expected.*: 1$/)
        await notes.locator('summary').click()
        assert.match(await notes.getByTestId('issue').innerText(), /^Note[\s\S]*scout\.dcm/)
        assert.match(
          await report.getByTestId('import-problems').innerText(),
          /^Problems met: 1 could not be used, 1 warning$/,
        )
        await app.page.keyboard.press('Escape')
        assert.equal(await app.studyViews.count(), truth.studies.length)
        assert.equal(await app.bookmarkRows.count(), truth.bookmarks.length)
      })
    } finally {
      await rm(folder, { recursive: true, force: true })
    }
  },
}
