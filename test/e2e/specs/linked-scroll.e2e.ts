// Guards linked scrolling against landing on the wrong anatomy: the patient must open with every
// study at the first study's body level, scrolling one study must bring every other study to the
// same level (the generator's table shifts are the truth), say when that level is outside a scan,
// and leave the others alone once L turns linking off; each view says how its study was placed.
import assert from 'node:assert/strict'
import type { TruthBookmark, TruthStudy } from '../../../electron/core/synth/truth'
import type { AppPage } from '../app-page'
import { levelToleranceMm, viewBodyLevelMm } from '../body-levels'
import { withAppPage, type E2eSpec } from '../harness'
import { studiesInOrder } from '../demo-truth'

/** Asserts every other study shows the level of `lead`, or says the level is outside its scan. */
async function assertSameLevel(app: AppPage, studies: TruthStudy[], lead: TruthStudy) {
  const leadLevel = await viewBodyLevelMm(app, lead)
  for (const study of studies.filter((s) => s !== lead)) {
    const view = app.studyView(study.studyInstanceUid)
    const level = await viewBodyLevelMm(app, study)
    const [low, high] = study.scanRangeBodyZMm
    if (leadLevel < low || leadLevel > high) {
      await view.getByTestId('outside-level').waitFor()
      continue
    }
    assert.equal(await view.getByTestId('outside-level').count(), 0)
    const tolerance = levelToleranceMm(study)
    assert.ok(
      Math.abs(level - leadLevel) <= tolerance,
      `study ${study.studyIndex} at body level ${level.toFixed(1)} mm, lead at ${leadLevel.toFixed(1)} mm`,
    )
  }
}

/**
 * Asserts each study view says its bookmarks placed it, counting the lesions of that study that
 * the truth also has in another study (a new lesion has nothing to line up with).
 */
async function assertPlacedByLesions(
  app: AppPage,
  studies: TruthStudy[],
  bookmarks: TruthBookmark[],
) {
  for (const study of studies) {
    const own = bookmarks.filter((b) => b.studyInstanceUid === study.studyInstanceUid)
    const elsewhere = new Set(
      bookmarks.filter((b) => b.studyInstanceUid !== study.studyInstanceUid).map((b) => b.lesionId),
    )
    const count = own.filter((b) => elsewhere.has(b.lesionId)).length
    const text = await app.studyView(study.studyInstanceUid).getByTestId('alignment').innerText()
    assert.match(text, new RegExp(`^Aligned by ${count} lesions?$`), `study ${study.studyIndex}`)
  }
}

export const linkedScrollSpec: E2eSpec = {
  title:
    'studies open at one body level, say what placed them, and scrolling one brings the others to it; L turns it off and on',
  async run({ browser, host, demoTruth }) {
    const truth = await demoTruth()
    const studies = studiesInOrder(truth)
    const lead = studies[0]
    await withAppPage(browser, async (app) => {
      await app.openDemo(host.url, truth)
      await assertPlacedByLesions(app, studies, truth.bookmarks)
      const link = app.page.getByTestId('link-scroll')
      assert.equal(await link.getAttribute('aria-pressed'), 'true')
      await assertSameLevel(app, studies, lead)
      await app.studyView(lead.studyInstanceUid).click()
      for (const key of ['ArrowDown', 'PageDown', 'PageUp', 'PageUp']) {
        const before = await app.slicePlace(lead.studyInstanceUid)
        await app.page.keyboard.press(key)
        await app
          .studyView(lead.studyInstanceUid)
          .getByTestId('slice-position')
          .filter({ hasNotText: `Slice ${before.slice} /` })
          .waitFor()
        await assertSameLevel(app, studies, lead)
      }

      await app.page.keyboard.press('l')
      assert.equal(await link.getAttribute('aria-pressed'), 'false')
      const others = studies.slice(1).map((s) => s.studyInstanceUid)
      const still = await Promise.all(others.map((uid) => app.slicePosition(uid)))
      const before = await app.slicePlace(lead.studyInstanceUid)
      await app.page.keyboard.press('PageDown')
      await app
        .studyView(lead.studyInstanceUid)
        .getByTestId('slice-position')
        .filter({ hasNotText: `Slice ${before.slice} /` })
        .waitFor()
      assert.deepEqual(await Promise.all(others.map((uid) => app.slicePosition(uid))), still)

      await link.click()
      assert.equal(await link.getAttribute('aria-pressed'), 'true')
      await assertSameLevel(app, studies, lead)
    })
  },
}
