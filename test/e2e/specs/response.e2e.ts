// Guards the RECIST 1.1 reading against wrong sums, wrong categories, lost choices and staleness:
// on the demo each study's sum and category must be those of the true lesions, also after the
// reader drops a target and marks a node (and after a reload); after a track is split, its later
// part must count as a new lesion (PD) until Undo restores the reading; a later baseline chosen
// by the reader must restart the reading there, and a judged non-target progression read PD.
import assert from 'node:assert/strict'
import type { RecistAssessment } from '../../../electron/core/response/types'
import type { TruthPatient } from '../../../electron/core/synth/truth'
import { trueReading } from '../../unit/response/true-reading'
import type { AppPage } from '../app-page'
import { withAppPage, type E2eSpec } from '../harness'
import { studiesInOrder } from '../demo-truth'

interface Row {
  studyUid: string
  category: string
  sum: string
  rule: string
}

/** The panel's rows, read in one step: the reading may change while it is being read. */
async function responseRows(app: AppPage): Promise<Row[]> {
  const rows = await app.page.getByTestId('response-row').evaluateAll((elements) =>
    elements.map((row) => ({
      studyUid: row.getAttribute('data-study-uid') ?? '',
      category: row.getAttribute('data-category') ?? '',
      sum: row.querySelector('[data-testid="response-sum"]')?.textContent,
      rule: row.nextElementSibling?.querySelector('[data-testid="response-rule"]')?.textContent,
    })),
  )
  return rows.map((row) => {
    assert.ok(row.rule !== undefined, `a rule under study ${row.studyUid}`)
    return { ...row, sum: (row.sum ?? '').trim(), rule: row.rule.trim() }
  })
}

/** The first track row with bookmarks in at least two studies (it has a link to reject). */
async function trackOverStudies(app: AppPage) {
  for (const row of await app.trackRows.all()) {
    if ((await app.trackBookmarkIds(row)).length >= 2) return row
  }
  throw new Error('the demo has no lesion bookmarked in two studies')
}

/** The true lesion of a track row, from the bookmarks its sizes carry. */
async function trueLesionOf(app: AppPage, truth: TruthPatient, trackId: string): Promise<string> {
  const ids = await app.trackBookmarkIds(app.trackRow(trackId))
  const lesion = truth.bookmarks.find((b) => ids.includes(b.trackingUid))?.lesionId
  assert.ok(lesion, `track ${trackId} holds no bookmark of truth.json`)
  return lesion
}

/** How long a choice may take to show: stored, re-matched, drawn. */
const SETTLE_MS = 5000

/** Waits until the panel shows `expected` (each choice is stored, then re-matched), then checks it. */
async function expectReading(app: AppPage, expected: RecistAssessment): Promise<void> {
  const check = async () => {
    assertReading(await responseRows(app), expected)
    const best = app.page.getByTestId('response-best')
    assert.equal(await best.getAttribute('data-category'), expected.best.category, 'best response')
    const targets = app.page.locator('[data-testid="response-lesion"][data-target="true"]')
    assert.equal(await targets.count(), expected.targets.length, 'target lesions')
  }
  const deadline = Date.now() + SETTLE_MS
  for (;;) {
    try {
      return await check()
    } catch (error) {
      if (Date.now() > deadline) throw error
      await app.page.waitForTimeout(100)
    }
  }
}

function assertReading(rows: readonly Row[], expected: RecistAssessment): void {
  assert.deepEqual(
    rows.map((r) => [r.studyUid, r.category, r.sum]),
    expected.timepoints.map((t) => [
      t.studyId,
      t.category,
      t.sumMm === null ? '—' : `${t.sumMm.toFixed(1)} mm`,
    ]),
  )
  for (const row of rows) assert.notEqual(row.rule, '', `no rule for study ${row.studyUid}`)
}

export const responseSpec: E2eSpec = {
  title:
    'Response panel: RECIST 1.1 of the true lesions, also under the reader’s choices; a split adds a new lesion; a later baseline and a judged non-target progression count',
  async run({ browser, host, demoTruth }) {
    const truth = await demoTruth()
    const expected = trueReading(truth)
    await withAppPage(browser, async (app) => {
      await app.openDemo(host.url, truth)
      await expectReading(app, expected)

      // The reader drops the first target and reads the second lesion as a lymph node: both are
      // stored decisions, and the reading follows at once and again after a reload.
      const lesionRows = app.page.getByTestId('response-lesion')
      const [first, second] = await Promise.all(
        [0, 1].map(async (k) => (await lesionRows.nth(k).getAttribute('data-track-id')) ?? ''),
      )
      const lesionRow = (id: string) =>
        app.page.locator(`[data-testid="response-lesion"][data-track-id="${id}"]`)
      await lesionRow(first).getByTestId('target-choice').uncheck()
      const dropped = [await trueLesionOf(app, truth, first)]
      await expectReading(app, trueReading(truth, { dropped }))
      await lesionRow(second).getByTestId('node-choice').check()
      const choices = { dropped, nodes: [await trueLesionOf(app, truth, second)] }
      await expectReading(app, trueReading(truth, choices))
      assert.equal(await app.page.getByTestId('decision').count(), 2)
      await app.page.reload()
      await app.waitUntilSettled()
      await expectReading(app, trueReading(truth, choices))
      for (let left = 2; left > 0; left--) {
        await app.page.getByTestId('undo-decision').first().click()
        await app.page
          .getByTestId('decision')
          .nth(left - 1)
          .waitFor({ state: 'detached' })
      }
      await expectReading(app, expected)

      // Split a track at one of its links: its later part is first seen at that link's later study.
      const row = await trackOverStudies(app)
      await row.getByRole('button', { name: /^Why Lesion/ }).click()
      const reject = row.getByTestId('reject-link').first()
      const ids = [
        (await reject.getAttribute('data-bookmark-a')) ?? '',
        (await reject.getAttribute('data-bookmark-b')) ?? '',
      ]
      const [, later] = ids
        .map((id) => truth.bookmarks.find((b) => b.trackingUid === id))
        .map((b) => truth.studies.find((s) => s.studyInstanceUid === b?.studyInstanceUid))
        .sort((x, y) => (x?.studyIndex ?? 0) - (y?.studyIndex ?? 0))
      assert.ok(later, 'the rejected link joins two studies of the demo')
      await reject.click()
      await app.waitForTrackCount(truth.lesions.length + 1)
      const split = await responseRows(app)
      const atLater = split.find((r) => r.studyUid === later.studyInstanceUid)
      assert.equal(atLater?.category, 'PD', `study ${later.studyDate} after the split`)
      assert.match(atLater?.rule ?? '', /^new lesion: .*Lesion \d+/)

      await app.page.getByTestId('undo-decision').click()
      await app.waitForTrackCount(truth.lesions.length)
      await expectReading(app, expected)

      // The reader makes the second study the baseline: the reading starts there, until Undo.
      const newBaseline = studiesInOrder(truth)[1]
      await app.page
        .locator(`[data-testid="response-row"][data-study-uid="${newBaseline.studyInstanceUid}"]`)
        .locator('xpath=following-sibling::tr[1]')
        .getByTestId('make-baseline')
        .click()
      await expectReading(app, trueReading(truth, { baseline: newBaseline.studyInstanceUid }))
      await app.page.getByTestId('undo-decision').click()
      await expectReading(app, expected)

      // The reader judges the non-target lesions progressed at the second study (where the sum
      // alone reads no progression), then takes it back.
      const judged = newBaseline
      const judge = app.page
        .locator(`[data-testid="response-row"][data-study-uid="${judged.studyInstanceUid}"]`)
        .locator('xpath=following-sibling::tr[1]')
        .getByTestId('nontarget-progression')
      await judge.click()
      await expectReading(
        app,
        trueReading(truth, { nonTargetProgression: judged.studyInstanceUid }),
      )
      assert.equal(await judge.getAttribute('aria-pressed'), 'true')
      const judgedRow = (await responseRows(app)).find(
        (r) => r.studyUid === judged.studyInstanceUid,
      )
      assert.equal(judgedRow?.category, 'PD')
      assert.match(judgedRow?.rule ?? '', /non-target lesions, in the reader’s judgement/)
      await judge.click()
      await expectReading(app, expected)
    })
  },
}
