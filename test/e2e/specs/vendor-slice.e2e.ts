// Guards opening real vendor DICOM: the GE CT slice in 13 encodings (test/fixtures/real) must open
// as one study with its image drawn, its copies folded away as notes rather than problems, and no
// response table for a patient without any lesion.
import assert from 'node:assert/strict'
import { fileURLToPath } from 'node:url'
import { withAppPage, type E2eSpec } from '../harness'
import { luminanceStats } from '../pixels'
import { viewportImage } from '../view-points'

const VENDOR_FOLDER = fileURLToPath(new URL('../../fixtures/real/dicom-real', import.meta.url))

export const vendorSliceSpec: E2eSpec = {
  title:
    'a real vendor slice in 13 encodings opens as one drawn study, copies as notes, no response',
  async run({ browser, host }) {
    await withAppPage(browser, async (app) => {
      await app.open(host.url)
      const report = await app.importFolder(VENDOR_FOLDER)
      assert.match(
        await report.innerText(),
        /Read 1 patient\(s\), 1 studies, 1 series and 0 bookmarks/,
      )
      assert.equal(await report.getByTestId('import-problems').count(), 0)
      const notes = report.getByTestId('issue-notes').locator('summary')
      assert.match(await notes.innerText(), /^Left out as expected, nothing to do: 2$/)
      await app.closeDialog()
      await app.waitUntilSettled()
      assert.equal(await app.studyViews.count(), 1)
      const { image } = await viewportImage(app.studyViews.first())
      const stats = luminanceStats(image)
      assert.ok(
        stats.litFraction > 0.1 && stats.standardDeviation > 20,
        `the slice looks blank: ${JSON.stringify(stats)}`,
      )
      await app.page.getByTestId('response-empty').waitFor()
      assert.equal(await app.page.getByTestId('response-table').count(), 0)
    })
  },
}
