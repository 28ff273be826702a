// Guards measuring in the app against lost or mis-sized lesions: a lesion not seen in a study is
// measured there with two drags, joins its track with the long axis the drag spans in mm, can be
// measured again by dragging an axis end, is listed as a bookmark whose type can be chosen,
// survives a reload (IndexedDB, then the service re-matches with it) and goes away with Undo; and
// it can be measured by its long axis alone (a lesion that is not a node).
import assert from 'node:assert/strict'
import type { Locator } from 'playwright-core'
import type { AppPage } from '../app-page'
import { withAppPage, type E2eSpec } from '../harness'
import { studiesInOrder } from '../demo-truth'
import { expectedViewPoint } from '../view-points'

/** The long axis shown for a track at a study: its rounded mm, or '—' where it has none. */
async function sizeIn(app: AppPage, trackId: string, studyUid: string): Promise<string> {
  return (await app.trackSize(trackId, studyUid).innerText()).trim()
}

/** The direction (unit vector, view px) of each axis line drawn while measuring. */
async function drawnDirections(view: Locator): Promise<[number, number][]> {
  const lines = await view.getByTestId('drawn-axis').all()
  return Promise.all(
    lines.map(async (line) => {
      const [x1, y1, x2, y2] = await Promise.all(
        ['x1', 'y1', 'x2', 'y2'].map(async (a) => Number(await line.getAttribute(a))),
      )
      const length = Math.hypot(x2 - x1, y2 - y1)
      return [(x2 - x1) / length, (y2 - y1) / length] as [number, number]
    }),
  )
}

export const measureSpec: E2eSpec = {
  title:
    'a lesion measured where it was not seen joins its track, is measured again by its handles, survives a reload, Undo removes it',
  async run({ browser, host, demoTruth }) {
    const truth = await demoTruth()
    const studies = studiesInOrder(truth)
    await withAppPage(browser, async (app) => {
      await app.openDemo(host.url, truth)
      const bookmarksBefore = await app.bookmarkRows.count()
      // A track with a study where it has no bookmark (the demo has a lesion that appears later).
      let trackId = ''
      let studyUid = ''
      for (const row of await app.trackRows.all()) {
        const id = (await row.getAttribute('data-track-id')) ?? ''
        const missing = []
        for (const s of studies) {
          if ((await sizeIn(app, id, s.studyInstanceUid)) === '—') missing.push(s.studyInstanceUid)
        }
        if (missing.length > 0) [trackId, studyUid] = [id, missing[missing.length - 1]]
      }
      assert.ok(trackId, 'the demo has a lesion missing from a study')
      const study = studies.find((s) => s.studyInstanceUid === studyUid)!
      await app.trackRow(trackId).click()
      const view = app.studyView(studyUid)
      await view.getByTestId('measure-here').click()
      await view.getByTestId('measure-hint').filter({ hasText: 'long axis' }).waitFor()

      // Two drags about the view centre: 80 px across for the long axis, then a slanted stroke
      // for the short one, drawn perpendicular to the long axis while the button is down.
      const box = (await view.getByTestId('viewport').boundingBox())!
      const centre = { x: box.x + box.width / 2, y: box.y + box.height / 2 }
      await app.drag({ x: centre.x - 40, y: centre.y }, { x: centre.x + 40, y: centre.y })
      await view.getByTestId('measure-hint').filter({ hasText: 'short axis' }).waitFor()
      await app.drag(
        { x: centre.x - 8, y: centre.y - 15 },
        { x: centre.x + 8, y: centre.y + 15 },
        async () => {
          const [long, short] = await drawnDirections(view)
          assert.ok(long && short, 'both axes are drawn while measuring')
          assert.ok(
            Math.abs(long[0] * short[0] + long[1] * short[1]) < 0.02,
            'the short axis is perpendicular',
          )
        },
      )
      await view.getByTestId('measure-hint').waitFor({ state: 'detached' })

      // 80 view px in mm at the view's zoom: the fit's scale (from the truth) times the zoom.
      const zoom = await app.viewZoom(studyUid)
      const size = { width: box.width, height: box.height }
      const origin = expectedViewPoint(study, [0, 0], size, { centrePx: [0, 0], zoom })
      const onePixel = expectedViewPoint(study, [1, 0], size, { centrePx: [0, 0], zoom })
      const expectedMm = (80 / (onePixel.x - origin.x)) * study.pixelSpacingMm
      const shown = app.trackSize(trackId, studyUid)
      await shown.filter({ hasNotText: '—' }).waitFor()
      const measuredMm = Number(await sizeIn(app, trackId, studyUid))
      assert.ok(
        Math.abs(measuredMm - expectedMm) <= 1,
        `the measured long axis reads ${measuredMm} mm, the drag spans ${expectedMm.toFixed(1)} mm`,
      )
      assert.equal(await app.bookmarkRows.count(), bookmarksBefore + 1)
      const decisions = app.page.getByTestId('decision')
      assert.deepEqual(
        (await decisions.allInnerTexts()).map((t) => t.split('\n')[0].split(':')[0]),
        ['Measured', 'Confirmed'],
      )

      // Dragging the long axis' end handle 20 px further measures it again: 100 px now.
      const handle = view.locator('[data-testid="measure-handle"][data-end="1"]')
      const end = (await handle.boundingBox())!
      const handleAt = { x: end.x + end.width / 2, y: end.y + end.height / 2 }
      await app.drag(handleAt, { x: handleAt.x + 20, y: handleAt.y })
      await shown.filter({ hasNotText: String(measuredMm) }).waitFor()
      const remeasuredMm = Number(await sizeIn(app, trackId, studyUid))
      assert.ok(
        Math.abs(remeasuredMm - (expectedMm * 100) / 80) <= 1,
        `after the handle's drag the long axis reads ${remeasuredMm} mm, expected ${((expectedMm * 100) / 80).toFixed(1)}`,
      )
      assert.equal(await decisions.count(), 2, 'the measurement is replaced, not added')

      // Its type (the RECIST organ) is chosen in the bookmark list; the choice replaces the
      // stored measurement.
      const type = app.page.getByTestId('measured-type')
      assert.equal(await type.count(), 1)
      const retyped = app.page.waitForResponse((r) => r.url().includes('/api/matchTracks'))
      await type.selectOption({ label: 'kidney' })
      await retyped
      assert.equal(await decisions.count(), 2)

      // After a reload the service re-matches with the stored measurement.
      const rematched = app.page.waitForResponse((r) => r.url().includes('/api/matchTracks'))
      await app.page.reload()
      const sent = (await rematched).request().postDataJSON() as { decisions: { kind: string }[] }
      assert.deepEqual(sent.decisions.map((d) => d.kind).sort(), ['confirm-link', 'measure'])
      await app.waitUntilSettled()
      await app.waitForTrackCount(truth.lesions.length)
      assert.equal(await sizeIn(app, trackId, studyUid), String(remeasuredMm))
      assert.equal(await app.page.getByTestId('measured-type').inputValue(), '6')

      // Undo of the measurement removes it and its link.
      await decisions.filter({ hasText: 'Measured' }).getByTestId('undo-decision').click()
      await shown.filter({ hasText: '—' }).waitFor()
      assert.equal(await decisions.count(), 0)
      assert.equal(await app.bookmarkRows.count(), bookmarksBefore)

      // A lesion that is not a lymph node is measured by its long axis alone (RECIST 1.1).
      await app.trackRow(trackId).click()
      await view.getByTestId('measure-here').click()
      const again = (await view.getByTestId('viewport').boundingBox())!
      const middle = { x: again.x + again.width / 2, y: again.y + again.height / 2 }
      await app.drag({ x: middle.x - 40, y: middle.y }, { x: middle.x + 40, y: middle.y })
      await view.getByTestId('long-axis-only').click()
      await view.getByTestId('measure-hint').waitFor({ state: 'detached' })
      await shown.filter({ hasNotText: '—' }).waitFor()
      const measuredRow = app.bookmarkRows.filter({ has: app.page.getByTestId('measured-type') })
      assert.equal((await measuredRow.getByTestId('bookmark-short-axis').innerText()).trim(), '—')
      const mark = view
        .getByTestId('recist-mark')
        .filter({ has: app.page.getByTestId('measure-handle') })
      await mark.waitFor()
      assert.equal(await mark.locator('.long-axis').count(), 1)
      assert.equal(await mark.locator('.short-axis').count(), 0)
      assert.equal(await mark.getByTestId('measure-handle').count(), 2)
      // Its end handle measures it again, still without a short axis.
      const before = await sizeIn(app, trackId, studyUid)
      const endBox = (await mark
        .locator('[data-testid="measure-handle"][data-end="1"]')
        .boundingBox())!
      const endAt = { x: endBox.x + endBox.width / 2, y: endBox.y + endBox.height / 2 }
      await app.drag(endAt, { x: endAt.x + 20, y: endAt.y })
      await shown.filter({ hasNotText: before }).waitFor()
      assert.ok(Number(await sizeIn(app, trackId, studyUid)) > Number(before))
      assert.equal(await mark.locator('.short-axis').count(), 0)
      assert.deepEqual(
        (await decisions.allInnerTexts()).map((t) => t.split('\n')[0].split(':')[0]).sort(),
        ['Confirmed', 'Measured'],
      )
    })
  },
}
