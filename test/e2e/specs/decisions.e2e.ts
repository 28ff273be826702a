// Guards the oncologist's corrections against being wrong or lost: rejecting one link of a
// three-study track must split it exactly there (each part one true lesion), the split must
// survive a reload without the service (IndexedDB), be applied again by the service when the
// demo is re-opened, and Undo must bring the original tracks back. A decision made while the
// service is unreachable must stay stored, say so, and apply on the next load.
import assert from 'node:assert/strict'
import type { ApiResult } from '../../../electron/api/contract'
import type { PatientTracks } from '../../../electron/api/tracks'
import type { TruthPatient } from '../../../electron/core/synth/truth'
import type { AppPage } from '../app-page'
import { withAppPage, type E2eSpec } from '../harness'

/**
 * Asserts the panel shows the demo split at the rejected pair: one more track than true lesions,
 * the two bookmarks in different tracks, every track one true lesion, every bookmark once.
 */
async function assertSplit(app: AppPage, truth: TruthPatient, a: string, b: string) {
  await app.waitForTrackCount(truth.lesions.length + 1)
  const groups = await app.trackGroups()
  assert.equal(groups.length, truth.lesions.length + 1)
  const rowOf = (id: string) => groups.findIndex((g) => g.includes(id))
  assert.notEqual(rowOf(a), rowOf(b), 'the rejected bookmarks are still in one track')
  const lesionOf = (id: string) => truth.bookmarks.find((t) => t.trackingUid === id)?.lesionId
  for (const group of groups) {
    assert.equal(new Set(group.map(lesionOf)).size, 1, `track ${group} mixes true lesions`)
  }
  assert.deepEqual(
    groups.flat().sort(),
    truth.bookmarks.map((t) => t.trackingUid).sort(),
    'every bookmark in exactly one track',
  )
}

/**
 * Asserts no "Join" offers to put the tracks of a and b back together: that would contradict
 * the rejection the user just made.
 */
async function assertNoJoinAcross(app: AppPage, a: string, b: string): Promise<void> {
  for (const row of await app.trackRows.all()) {
    if ((await row.getByTestId('track-review').count()) === 0) {
      await row.getByRole('button', { name: /^Why Lesion/ }).click()
    }
  }
  const groups = await app.trackGroups()
  const rowOf = (id: string) => groups.findIndex((g) => g.includes(id))
  const split = new Set([rowOf(a), rowOf(b)])
  for (const join of await app.page.getByTestId('join-link').all()) {
    const ends = [
      rowOf((await join.getAttribute('data-bookmark-a')) ?? ''),
      rowOf((await join.getAttribute('data-bookmark-b')) ?? ''),
    ]
    assert.ok(!ends.every((r) => split.has(r)), 'a Join offers to undo the rejection')
  }
}

export const decisionsSpec: E2eSpec = {
  title:
    'Track review: a rejected link splits its track, survives reloads, Undo restores it; a decision made offline applies on the next load',
  async run({ browser, host, demoTruth }) {
    const truth = await demoTruth()
    await withAppPage(browser, async (app) => {
      await app.openDemo(host.url, truth)
      const groups = await app.trackGroups()
      const k = groups.findIndex((g) => g.length >= 3)
      assert.ok(k >= 0, 'the demo has a lesion bookmarked in three studies')
      const row = app.trackRows.nth(k)
      await row.getByRole('button', { name: /^Why Lesion/ }).click()
      const reject = row.getByTestId('reject-link').first()
      const a = (await reject.getAttribute('data-bookmark-a')) ?? ''
      const b = (await reject.getAttribute('data-bookmark-b')) ?? ''
      assert.ok(groups[k].includes(a) && groups[k].includes(b), 'the link is of this track')
      assert.match((await reject.getAttribute('aria-label')) ?? '', /^Not the same lesion: .*study/)
      // Keyboard: the button is reachable and Enter presses it.
      await reject.focus()
      await app.page.keyboard.press('Enter')
      await assertSplit(app, truth, a, b)
      assert.equal(await app.page.getByTestId('decision').count(), 1)
      await assertNoJoinAcross(app, a, b)

      await app.page.route('**/api/**', (route) => route.abort())
      await app.page.reload()
      await app.page.getByTestId('failure').waitFor()
      await assertSplit(app, truth, a, b)
      assert.equal(await app.page.getByTestId('decision').count(), 1)

      await app.page.unroute('**/api/**')
      const rematched = app.page.waitForResponse((r) => r.url().includes('/api/matchTracks'))
      await app.page.reload()
      const response = await rematched
      const sent = response.request().postDataJSON() as { decisions: unknown[] }
      assert.deepEqual(sent.decisions, [{ kind: 'reject-link', lesionIdA: a, lesionIdB: b }])
      // The service itself split the track again, not only the tracks saved in IndexedDB.
      const answer = (await response.json()) as ApiResult<PatientTracks>
      assert.ok(answer.ok, 'matchTracks answered')
      assert.equal(answer.value.tracks.length, truth.lesions.length + 1)
      await app.waitUntilSettled()
      await assertSplit(app, truth, a, b)

      await app.page.getByTestId('undo-decision').click()
      await app.waitForTrackCount(truth.lesions.length)
      assert.deepEqual(
        (await app.trackGroups()).map((g) => [...g].sort()),
        groups.map((g) => [...g].sort()),
      )
      assert.equal(await app.page.getByTestId('decision').count(), 0)

      // A decision made while the service is away is kept, says so, and applies on the next load.
      await app.page.route('**/api/**', (route) => route.abort())
      const restored = app.trackRows.nth(k)
      if ((await restored.getByTestId('track-review').count()) === 0) {
        await restored.getByRole('button', { name: /^Why Lesion/ }).click()
      }
      const markNew = restored.getByTestId('mark-new').first()
      const marked = (await markNew.getAttribute('data-bookmark-id')) ?? ''
      await markNew.click()
      const failure = app.page.getByTestId('failure')
      await failure
        .filter({ hasText: 'Re-matching the tracks with your decisions failed' })
        .waitFor()
      assert.match(await failure.innerText(), /Your decision is saved/)
      assert.equal(await app.page.getByTestId('decision').count(), 1)
      await app.page.unroute('**/api/**')
      await app.page.reload()
      await app.waitUntilSettled()
      await app.waitForTrackCount(truth.lesions.length + 1)
      const after = await app.trackGroups()
      assert.equal(
        after.find((g) => g.includes(marked))?.[0],
        marked,
        'the marked one starts a track',
      )
    })
  },
}
