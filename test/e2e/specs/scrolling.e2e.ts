// Guards against dead or inverted navigation: the mouse wheel and ↑/↓/PageUp/PageDown must move
// the active view by one or ten slices toward the feet on "down" (patient z decreasing), and the
// window/level keys and a right-button drag must change the image.
import assert from 'node:assert/strict'
import type { AppPage, SlicePlace } from '../app-page'
import { withAppPage, type E2eSpec } from '../harness'
import { studiesInOrder } from '../demo-truth'
import { decodeScreenshot, luminanceStats } from '../pixels'

/** Waits until the view's position text differs from `before`, and returns the new position. */
async function moved(app: AppPage, studyUid: string, before: SlicePlace): Promise<SlicePlace> {
  await app
    .studyView(studyUid)
    .getByTestId('slice-position')
    .filter({ hasNotText: `Slice ${before.slice} /` })
    .waitFor({ timeout: 5000 })
  return app.slicePlace(studyUid)
}

export const scrollingSpec: E2eSpec = {
  title: 'wheel and keys scroll slices toward the feet; 1–4 and a right-drag set window/level',
  async run({ browser, host, demoTruth }) {
    const truth = await demoTruth()
    const study = studiesInOrder(truth)[0]
    const step = study.sliceSpacingMm
    await withAppPage(browser, async (app) => {
      await app.open(host.url)
      const view = app.studyView(study.studyInstanceUid)
      await view.click()
      // Start mid-series so ten slices either way stay inside it.
      let at = await app.slicePlace(study.studyInstanceUid)
      const middle = Math.round(study.sliceCount / 2)
      for (let n = 0; n < Math.abs(at.slice - middle); n++) {
        await app.page.keyboard.press(at.slice > middle ? 'ArrowDown' : 'ArrowUp')
      }
      at = await app.slicePlace(study.studyInstanceUid)

      await app.page.keyboard.press('ArrowDown')
      const down = await moved(app, study.studyInstanceUid, at)
      assert.ok(
        Math.abs(down.zMm - (at.zMm - step)) < 0.05,
        `↓ from z=${at.zMm} went to z=${down.zMm}`,
      )

      await app.page.keyboard.press('PageUp')
      const pageUp = await moved(app, study.studyInstanceUid, down)
      assert.ok(
        Math.abs(pageUp.zMm - (down.zMm + 10 * step)) < 0.05,
        `PageUp went to z=${pageUp.zMm}`,
      )

      const box = await view.getByTestId('viewport').boundingBox()
      assert.ok(box)
      await app.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2)
      await app.page.mouse.wheel(0, 120)
      const wheeled = await moved(app, study.studyInstanceUid, pageUp)
      assert.ok(
        Math.abs(wheeled.zMm - (pageUp.zMm - step)) < 0.05,
        `wheel down went to z=${wheeled.zMm}`,
      )

      const frame = view.locator('.viewport-frame')
      const softTissue = luminanceStats(decodeScreenshot(await frame.screenshot()))
      await app.page.keyboard.press('2')
      await app.page
        .getByRole('radio', { name: 'Lung' })
        .and(app.page.locator('[aria-checked="true"]'))
        .waitFor()
      await app.waitUntilSettled()
      const lung = luminanceStats(decodeScreenshot(await frame.screenshot()))
      // A lung window shows air-filled tissue brighter than the soft-tissue window does.
      assert.ok(
        lung.mean > softTissue.mean + 5,
        `lung mean ${lung.mean} vs soft tissue ${softTissue.mean}`,
      )

      // A right-button drag down raises the level (2 HU per px): the image darkens, no preset is on.
      const shown = app.page.getByTestId('window-level')
      assert.equal((await shown.innerText()).trim(), 'W 1500 · L -600')
      await app.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2 - 100)
      await app.page.mouse.down({ button: 'right' })
      await app.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2 + 100, { steps: 5 })
      await app.page.mouse.up({ button: 'right' })
      await shown.filter({ hasText: 'W 1500 · L -200' }).waitFor()
      assert.equal(await app.page.locator('.presets [aria-checked="true"]').count(), 0)
      await app.waitUntilSettled()
      const raised = luminanceStats(decodeScreenshot(await frame.screenshot()))
      assert.ok(raised.mean < lung.mean - 5, `level −200 mean ${raised.mean} vs lung ${lung.mean}`)
      await app.page.keyboard.press('2')
      await shown.filter({ hasText: 'W 1500 · L -600' }).waitFor()
    })
  },
}
