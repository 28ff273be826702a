// Guards the RECIST reading against splitting one assessment in two: when two studies of the
// demo carry the same date (as a chest CT and an abdomen CT of one day do), the panel must read
// them as one timepoint, say so, and not count the second study's lesions as new.
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { cp, mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { withAppPage, type E2eSpec } from '../harness'
import { studiesInOrder } from '../demo-truth'

/** Every file under `folder` whose path holds the study's folder name. */
async function filesOf(folder: string, studyFolder: string): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true, recursive: true })
  return entries
    .filter((e) => e.isFile() && e.parentPath.split('/').includes(studyFolder))
    .map((e) => join(e.parentPath, e.name))
}

export const sameDaySpec: E2eSpec = {
  title: 'two studies of one date are one RECIST timepoint',
  async run({ browser, host, demoFolder, demoTruth }) {
    const truth = await demoTruth()
    const [first, second] = studiesInOrder(truth)
    const folder = await mkdtemp(join(tmpdir(), 'lt-e2e-same-day-'))
    try {
      await cp(demoFolder, folder, { recursive: true })
      // The demo writes study n (1-based) into STnn: give the second study the first one's date.
      const files = await filesOf(folder, `ST${String(second.studyIndex).padStart(2, '0')}`)
      assert.ok(files.length > 1, 'the second study has its images and report')
      const date = first.studyDate.replaceAll('-', '')
      execFileSync('dcmodify', ['-nb', '-m', `(0008,0020)=${date}`, ...files])
      await withAppPage(browser, async (app) => {
        await app.open(host.url)
        await app.importFolder(folder)
        const dialog = app.page.getByRole('dialog')
        await dialog.getByRole('button', { name: 'Close' }).click()
        await app.waitForTrackCount(truth.lesions.length)
        const rows = app.page.getByTestId('response-row')
        await rows.nth(truth.studies.length - 2).waitFor()
        assert.equal(await rows.count(), truth.studies.length - 1, 'one row per date')
        const baseline = rows.first()
        // Either study may come first within the day (by study time).
        const ofTheDay = new Set([first.studyInstanceUid, second.studyInstanceUid])
        assert.ok(ofTheDay.has((await baseline.getAttribute('data-study-uid')) ?? ''))
        assert.equal(await baseline.getAttribute('data-category'), 'baseline')
        assert.match(await baseline.getByTestId('response-studies').innerText(), /2 studies/)
        // Every lesion bookmarked on either study of the day is read at baseline.
        const atBaseline = new Set(
          truth.bookmarks.filter((b) => ofTheDay.has(b.studyInstanceUid)).map((b) => b.lesionId),
        )
        assert.equal(await app.page.getByTestId('response-lesion').count(), atBaseline.size)
      })
    } finally {
      await rm(folder, { recursive: true, force: true })
    }
  },
}
