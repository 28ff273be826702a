// Guards linked scrolling against landing on the wrong anatomy: the patient must open with every
// study at the first study's body level, scrolling one study must bring every other study to the
// same level (the generator's table shifts are the truth), say when that level is outside a scan,
// and leave the others alone once L turns linking off.
import assert from 'node:assert/strict'
import type { TruthStudy } from '../../../electron/core/synth/truth'
import type { AppPage } from '../app-page'
import { withAppPage, type E2eSpec } from '../harness'

/** The matcher's image alignment is good to about 2 mm on the demo; more would be a wrong level. */
const ALIGNMENT_TOLERANCE_MM = 3

/** Slice number and position (patient z, mm) shown under a study view. */
async function slicePosition(
  app: AppPage,
  studyUid: string,
): Promise<{ slice: number; zMm: number }> {
  const text = await app.slicePosition(studyUid)
  const match = /^Slice (\d+) \/ \d+ · (-?[\d.]+) mm$/.exec(text)
  assert.ok(match, `slice position text '${text}'`)
  return { slice: Number(match[1]), zMm: Number(match[2]) }
}

/** Body level (mm along the body) of a study's scanner z: the generator's table shift undone. */
function bodyLevelMm(study: TruthStudy, zMm: number): number {
  return zMm - study.tableShiftMm[2]
}

/** Asserts every other study shows the level of `lead`, or says the level is outside its scan. */
async function assertSameLevel(app: AppPage, studies: TruthStudy[], lead: TruthStudy) {
  const leadLevel = bodyLevelMm(lead, (await slicePosition(app, lead.studyInstanceUid)).zMm)
  for (const study of studies.filter((s) => s !== lead)) {
    const view = app.studyView(study.studyInstanceUid)
    const level = bodyLevelMm(study, (await slicePosition(app, study.studyInstanceUid)).zMm)
    const [low, high] = study.scanRangeBodyZMm
    if (leadLevel < low || leadLevel > high) {
      await view.getByTestId('outside-level').waitFor()
      continue
    }
    assert.equal(await view.getByTestId('outside-level').count(), 0)
    const tolerance = study.sliceSpacingMm / 2 + ALIGNMENT_TOLERANCE_MM
    assert.ok(
      Math.abs(level - leadLevel) <= tolerance,
      `study ${study.studyIndex} at body level ${level.toFixed(1)} mm, lead at ${leadLevel.toFixed(1)} mm`,
    )
  }
}

export const linkedScrollSpec: E2eSpec = {
  title:
    'studies open at one body level, and scrolling one brings the others to it; L turns it off and on',
  async run({ browser, host, demoTruth }) {
    const truth = await demoTruth()
    const studies = [...truth.studies].sort((a, b) => a.studyIndex - b.studyIndex)
    const lead = studies[0]
    await withAppPage(browser, async (app) => {
      await app.open(host.url)
      await app.waitForTrackCount(truth.lesions.length)
      const link = app.page.getByTestId('link-scroll')
      assert.equal(await link.getAttribute('aria-pressed'), 'true')
      await assertSameLevel(app, studies, lead)
      await app.studyView(lead.studyInstanceUid).click()
      for (const key of ['ArrowDown', 'PageDown', 'PageUp', 'PageUp']) {
        const before = await slicePosition(app, lead.studyInstanceUid)
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
      const before = await slicePosition(app, lead.studyInstanceUid)
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
