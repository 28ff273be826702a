// Guards the RECIST reading against splitting one assessment in two: when a study of the demo is
// dated two days after the first (as an abdomen CT after the chest CT of one visit), the panel
// must read both as one timepoint, say so, and not count the second study's lesions as new; and
// the reader's "Separate last study" must read them apart, and "Own timepoint" together again;
// a protocol window of 1 day reads them apart too, 7 days together.
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
  title: 'studies two days apart are one RECIST timepoint until the reader separates them',
  async run({ browser, host, demoFolder, demoTruth }) {
    const truth = await demoTruth()
    const [first, second] = studiesInOrder(truth)
    const folder = await mkdtemp(join(tmpdir(), 'lt-e2e-same-day-'))
    try {
      await cp(demoFolder, folder, { recursive: true })
      // The demo writes study n (1-based) into STnn: date the second study two days after the first.
      const files = await filesOf(folder, `ST${String(second.studyIndex).padStart(2, '0')}`)
      assert.ok(files.length > 1, 'the second study has its images and report')
      const twoDaysLater = new Date(Date.parse(`${first.studyDate}T00:00:00Z`) + 2 * 86_400_000)
      const date = twoDaysLater.toISOString().slice(0, 10).replaceAll('-', '')
      execFileSync('dcmodify', ['-nb', '-m', `(0008,0020)=${date}`, ...files])
      await withAppPage(browser, async (app) => {
        await app.open(host.url)
        await app.importFolder(folder)
        await app.closeDialog()
        await app.waitForTrackCount(truth.lesions.length)
        const rows = app.page.getByTestId('response-row')
        await rows.nth(truth.studies.length - 2).waitFor()
        assert.equal(await rows.count(), truth.studies.length - 1, 'one row per visit')
        const baseline = rows.first()
        const ofTheDay = new Set([first.studyInstanceUid, second.studyInstanceUid])
        assert.equal(await baseline.getAttribute('data-study-uid'), first.studyInstanceUid)
        assert.equal(await baseline.getAttribute('data-category'), 'baseline')
        assert.match(await baseline.getByTestId('response-studies').innerText(), /2 studies/)
        // Every lesion bookmarked on either study of the day is read at baseline.
        const atBaseline = new Set(
          truth.bookmarks.filter((b) => ofTheDay.has(b.studyInstanceUid)).map((b) => b.lesionId),
        )
        assert.equal(await app.page.getByTestId('response-lesion').count(), atBaseline.size)

        // The reader reads the second study apart: a row of its own, which can be joined again.
        const separate = baseline
          .locator('xpath=following-sibling::tr[1]')
          .getByTestId('separate-timepoint')
        assert.equal(await separate.getAttribute('data-study-uid'), second.studyInstanceUid)
        await separate.click()
        await rows.nth(truth.studies.length - 1).waitFor()
        assert.equal(await rows.nth(1).getAttribute('data-study-uid'), second.studyInstanceUid)
        assert.equal(await baseline.getByTestId('response-studies').count(), 0)
        const rejoin = app.page.getByTestId('rejoin-timepoint')
        assert.equal(await rejoin.count(), 1)
        assert.equal(await rejoin.getAttribute('aria-pressed'), 'true')
        await rejoin.click()
        await rows.nth(truth.studies.length - 1).waitFor({ state: 'detached' })
        assert.match(await baseline.getByTestId('response-studies').innerText(), /2 studies/)

        // The protocol's window: 1 day reads the two studies apart, 7 days together again.
        const protocol = app.page.getByTestId('response-protocol')
        await protocol.getByTestId('response-protocol-summary').click()
        const setWindow = async (days: number) => {
          await protocol.getByTestId('protocol-window-days').fill(String(days))
          await protocol.getByTestId('protocol-apply').click()
          await protocol
            .getByTestId('response-protocol-summary')
            .filter({ hasText: `one timepoint ≤ ${days} days` })
            .waitFor()
        }
        await setWindow(1)
        await rows.nth(truth.studies.length - 1).waitFor()
        assert.equal(
          await rows.count(),
          truth.studies.length,
          'one row per study with a 1-day window',
        )
        await setWindow(7)
        await rows.nth(truth.studies.length - 1).waitFor({ state: 'detached' })
        assert.equal(await rows.count(), truth.studies.length - 1, 'one row per visit again')
      })
    } finally {
      await rm(folder, { recursive: true, force: true })
    }
  },
}
