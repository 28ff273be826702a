// Guards against the app opening empty: with nothing opened before, the window must show the
// built-in demo patient by itself, every study side by side in date order, every bookmark listed.
import assert from 'node:assert/strict'
import { withAppPage, type E2eSpec } from '../harness'
import { studiesInOrder } from '../demo-truth'

export const opensOnDemoSpec: E2eSpec = {
  title: 'opens on the demo patient without any action',
  async run({ browser, host, demoTruth }) {
    await withAppPage(browser, async (app) => {
      await app.open(host.url)
      const truth = await demoTruth()
      const expectedDates = studiesInOrder(truth).map((study) => study.studyDate)
      assert.deepEqual(await app.page.getByTestId('study-date').allInnerTexts(), expectedDates)
      assert.equal(await app.studyViews.count(), truth.studies.length)
      assert.equal(await app.bookmarkRows.count(), truth.bookmarks.length)
      assert.equal(
        await app.page.getByTestId('bookmark-count').innerText(),
        String(truth.bookmarks.length),
      )
      assert.deepEqual(
        new Set(await app.bookmarkIds()),
        new Set(truth.bookmarks.map((b) => b.trackingUid)),
      )
      const header = await app.page.getByTestId('patient').innerText()
      assert.match(header, new RegExp(truth.patientId))
      // The DICOM name 'FAMILY^GIVEN' reads as 'FAMILY, GIVEN', never with its ^ separators.
      assert.doesNotMatch(header, /\^/)
      assert.match(header, /^\S+, \S/)
    })
  },
}
