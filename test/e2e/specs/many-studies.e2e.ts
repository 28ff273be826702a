// Guards the review of a patient followed over many studies: six side by side would be slivers,
// so the baseline and the latest three are shown, a strip of every study date picks others, the
// arrow keys step through the views shown, and a track's six thumbnails stay in the sidebar.
import assert from 'node:assert/strict'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { synthesize } from '../../../electron/core/synth/synthesize'
import { withAppPage, type E2eSpec } from '../harness'

const STUDIES = 6

export const manyStudiesSpec: E2eSpec = {
  title: 'six studies: the baseline and the latest three are shown, the strip picks others',
  async run({ browser, host }) {
    const folder = await mkdtemp(join(tmpdir(), 'lt-e2e-many-studies-'))
    try {
      const truth = await synthesize({
        patients: 1,
        seed: 31,
        out: folder,
        format: 'dicom',
        studies: STUDIES,
        matrix: 64,
      })
      const uids = [...truth.patients[0].studies]
        .sort((a, b) => a.studyIndex - b.studyIndex)
        .map((s) => s.studyInstanceUid)
      await withAppPage(browser, async (app) => {
        await app.open(host.url)
        await app.importFolder(folder)
        await app.closeDialog()
        const toggles = app.page.getByTestId('study-toggle')
        await toggles.nth(STUDIES - 1).waitFor()
        await app.waitUntilSettled()
        const shownUids = async () =>
          Promise.all(
            (await app.studyViews.all()).map(
              async (v) => (await v.getAttribute('data-study-uid')) ?? '',
            ),
          )
        assert.deepEqual(await shownUids(), [uids[0], ...uids.slice(STUDIES - 3)])
        const pressed = await Promise.all(
          (await toggles.all()).map(async (t) => await t.getAttribute('aria-pressed')),
        )
        assert.deepEqual(pressed, ['true', 'false', 'false', 'true', 'true', 'true'])

        // The reader adds the second study: it takes its place in study order.
        await app.page.locator(`[data-testid="study-toggle"][data-study-uid="${uids[1]}"]`).click()
        await app.studyViews.nth(4).waitFor()
        assert.deepEqual(await shownUids(), [uids[0], uids[1], ...uids.slice(STUDIES - 3)])

        // A track's timeline has a place per study: all six stay inside the sidebar.
        const row = app.trackRows.first()
        await row.locator('button.expand').click()
        const places = row.getByTestId('track-timeline').locator('li')
        await places.nth(STUDIES - 1).waitFor()
        assert.equal(await places.count(), STUDIES)
        const sidebar = (await app.page.locator('aside.sidebar').boundingBox())!
        for (const place of await places.all()) {
          const box = (await place.boundingBox())!
          assert.ok(
            box.x + box.width <= sidebar.x + sidebar.width,
            `a timeline place ends at ${box.x + box.width} px, past the sidebar's ${sidebar.x + sidebar.width} px`,
          )
        }

        // → steps from the second study to the fourth, the next one shown.
        await app.studyView(uids[1]).getByTestId('study-date').click()
        await app.page.keyboard.press('ArrowRight')
        await app.page
          .locator(`[data-testid="study-view"][data-study-uid="${uids[3]}"].active`)
          .waitFor()
      })
    } finally {
      await rm(folder, { recursive: true, force: true })
    }
  },
}
