// Guards against blank or black CT views and RECIST marks drawn off their lesion: every view
// must show a real image, and choosing a bookmark must draw its long and short axes (in its
// track's colour) where its pixel coordinates put them on its key slice.
import assert from 'node:assert/strict'
import type { Locator } from 'playwright-core'
import type { TruthBookmark, TruthStudy } from '../../../electron/core/synth/truth'
import { withAppPage, type E2eSpec } from '../harness'
import {
  countNear,
  crop,
  isNearColour,
  isRecistLong,
  isRecistShort,
  luminanceStats,
} from '../pixels'
import {
  expectedSliceRect,
  expectedViewPoint,
  MARK_RADIUS_PX,
  midpoint,
  MIN_MARK_PIXELS,
  viewportImage,
  type ViewZoom,
} from '../view-points'

/**
 * Checks both axes of a bookmark's mark: in its track's colour (both axes) when the bookmark list
 * gives one, else in the default long-axis amber and short-axis cyan.
 */
async function checkMark(
  view: Locator,
  study: TruthStudy,
  bookmark: TruthBookmark,
  trackColour: string,
  zoomed: ViewZoom,
): Promise<void> {
  const { image, size } = await viewportImage(view)
  const long = expectedViewPoint(study, midpoint(bookmark.longAxisPx), size, zoomed)
  const short = expectedViewPoint(study, midpoint(bookmark.shortAxisPx), size, zoomed)
  const longColour = trackColour ? isNearColour(trackColour) : isRecistLong
  const shortColour = trackColour ? isNearColour(trackColour) : isRecistShort
  const longPixels = countNear(image, long.x, long.y, MARK_RADIUS_PX, longColour)
  const shortPixels = countNear(image, short.x, short.y, MARK_RADIUS_PX, shortColour)
  assert.ok(
    longPixels >= MIN_MARK_PIXELS && shortPixels >= MIN_MARK_PIXELS,
    `bookmark ${bookmark.trackingIdentifier}: ${longPixels} long-axis and ${shortPixels} short-axis ` +
      `pixels near (${long.x.toFixed(0)}, ${long.y.toFixed(0)}) / (${short.x.toFixed(0)}, ${short.y.toFixed(0)})`,
  )
}

export const viewsRenderSpec: E2eSpec = {
  title: 'every CT view renders an image; a chosen bookmark’s RECIST axes are drawn on its lesion',
  async run({ browser, host, demoTruth }) {
    const truth = await demoTruth()
    await withAppPage(browser, async (app) => {
      await app.open(host.url)
      for (const study of truth.studies) {
        const { image, size } = await viewportImage(app.studyView(study.studyInstanceUid))
        // Judge the area the slice must cover: a body fills much of it, air and table the rest.
        const stats = luminanceStats(crop(image, expectedSliceRect(study, size)))
        assert.ok(
          stats.litFraction > 0.1 && stats.standardDeviation > 20 && stats.distinctLevels > 32,
          `study ${study.studyDate} looks blank: ${JSON.stringify(stats)}`,
        )
      }
      for (const bookmark of truth.bookmarks) {
        const study = truth.studies.find((s) => s.studyInstanceUid === bookmark.studyInstanceUid)
        assert.ok(study, `bookmark ${bookmark.trackingUid} belongs to a study of truth.json`)
        const row = app.bookmarkRow(bookmark.trackingUid)
        await row.click()
        const view = app.studyView(study.studyInstanceUid)
        await view
          .getByTestId('slice-position')
          .filter({ hasText: `Slice ${bookmark.sliceIndex + 1} /` })
          .waitFor()
        await app.waitUntilSettled()
        // The view centres on the lesion (its long axis' midpoint) and magnifies it.
        const zoomed = {
          centrePx: midpoint(bookmark.longAxisPx),
          zoom: await app.viewZoom(study.studyInstanceUid),
        }
        assert.ok(zoomed.zoom > 1, `bookmark ${bookmark.trackingUid} is shown magnified`)
        const colour = (await row.getAttribute('data-track-colour')) ?? ''
        await checkMark(view, study, bookmark, colour, zoomed)
      }
    })
  },
}
