// Guards zoom and pan against marks that drift off their lesion: Ctrl+wheel must zoom about the
// pointer (the lesion under it stays there), a drag must carry the image and its marks with the
// pointer, + zooms about the view centre, and 0 and a double-click show the whole slice again.
import assert from 'node:assert/strict'
import type { TruthBookmark, TruthStudy } from '../../../electron/core/synth/truth'
import type { AppPage } from '../app-page'
import { withAppPage, type E2eSpec } from '../harness'
import { studiesInOrder } from '../demo-truth'
import { countNear, isNearColour } from '../pixels'
import {
  expectedViewPoint,
  MARK_RADIUS_PX,
  midpoint,
  MIN_MARK_PIXELS,
  viewportImage,
  type ViewSize,
} from '../view-points'

/** Waits until the view's zoom reads `zoom` (1: fitted, no zoom shown). */
async function waitForZoom(app: AppPage, studyUid: string, zoom: number): Promise<void> {
  const label = app.studyView(studyUid).getByTestId('zoom')
  if (zoom === 1) await label.waitFor({ state: 'detached', timeout: 5000 })
  else await label.filter({ hasText: `${zoom.toFixed(1)}×` }).waitFor({ timeout: 5000 })
  await app.waitUntilSettled()
}

/** Asserts the bookmark's long axis is drawn, in its track colour, around a viewport point. */
async function assertMarkAt(
  app: AppPage,
  study: TruthStudy,
  colour: string,
  at: { x: number; y: number },
  what: string,
): Promise<ViewSize> {
  const { image, size } = await viewportImage(app.studyView(study.studyInstanceUid))
  const pixels = countNear(image, at.x, at.y, MARK_RADIUS_PX, isNearColour(colour))
  assert.ok(
    pixels >= MIN_MARK_PIXELS,
    `${what}: ${pixels} pixels of ${colour} near (${at.x.toFixed(0)}, ${at.y.toFixed(0)})`,
  )
  return size
}

export const zoomPanSpec: E2eSpec = {
  title: 'Ctrl+wheel zooms about the pointer, a drag pans, + zooms, 0 and double-click fit',
  async run({ browser, host, demoTruth }) {
    const truth = await demoTruth()
    const study = studiesInOrder(truth)[0]
    const uid = study.studyInstanceUid
    const bookmark = truth.bookmarks.find((b) => b.studyInstanceUid === uid) as TruthBookmark
    const lesionPx = midpoint(bookmark.longAxisPx)
    await withAppPage(browser, async (app) => {
      await app.openDemo(host.url, truth)
      const row = app.bookmarkRow(bookmark.trackingUid)
      await row.click()
      const colour = (await row.getAttribute('data-track-colour')) ?? ''
      await app.waitUntilSettled()
      assert.ok((await app.viewZoom(uid)) > 1, 'a chosen bookmark is shown magnified')

      // 0 fits the whole slice again: the mark is where the plain fit puts it.
      await app.page.keyboard.press('0')
      await waitForZoom(app, uid, 1)
      const viewport = app.studyView(uid).getByTestId('viewport')
      const box = (await viewport.boundingBox())!
      const fitted = expectedViewPoint(study, lesionPx, box)
      await assertMarkAt(app, study, colour, fitted, 'fitted')

      // Two Ctrl+wheel notches on the lesion: 1.25² = 1.6×, the lesion stays under the pointer.
      await app.page.mouse.move(box.x + fitted.x, box.y + fitted.y)
      await app.page.keyboard.down('Control')
      for (let notch = 0; notch < 2; notch++) await app.page.mouse.wheel(0, -100)
      await app.page.keyboard.up('Control')
      await waitForZoom(app, uid, 1.5625)
      await assertMarkAt(app, study, colour, fitted, 'after zooming about the pointer')

      // A drag carries the image with the pointer.
      const [dx, dy] = [-60, 45]
      await app.page.mouse.down()
      for (let step = 1; step <= 4; step++)
        await app.page.mouse.move(
          box.x + fitted.x + (dx * step) / 4,
          box.y + fitted.y + (dy * step) / 4,
        )
      await app.page.mouse.up()
      await app.waitUntilSettled()
      const dragged = { x: fitted.x + dx, y: fitted.y + dy }
      await assertMarkAt(app, study, colour, dragged, 'after the drag')

      // + zooms about the view centre: offsets from the centre grow by 1.25.
      await app.page.keyboard.press('+')
      await waitForZoom(app, uid, 1.5625 * 1.25)
      const centre = { x: box.width / 2, y: box.height / 2 }
      const grown = {
        x: centre.x + (dragged.x - centre.x) * 1.25,
        y: centre.y + (dragged.y - centre.y) * 1.25,
      }
      await assertMarkAt(app, study, colour, grown, 'after +')

      // A double-click shows the whole slice again.
      await viewport.dblclick({ position: centre })
      await waitForZoom(app, uid, 1)
      await assertMarkAt(app, study, colour, fitted, 'after a double-click')
    })
  },
}
