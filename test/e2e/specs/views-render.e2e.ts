// Guards against blank or black CT views and RECIST marks drawn off their lesion: every view
// must show a real image, and choosing a bookmark must draw its long (amber) and short (cyan)
// axes where its pixel coordinates put them on its key slice.
import assert from 'node:assert/strict'
import type { Locator } from 'playwright-core'
import type { TruthBookmark, TruthStudy } from '../../../electron/core/synth/truth'
import { withAppPage, type E2eSpec } from '../harness'
import {
  countNear,
  crop,
  decodeScreenshot,
  isRecistLong,
  isRecistShort,
  luminanceStats,
} from '../pixels'

/** Pixels of each colour the mark must have within MARK_RADIUS_PX of its axis midpoint. */
const MIN_MARK_PIXELS = 4
const MARK_RADIUS_PX = 6

/**
 * Where pixel (x, y) of a slice appears in a viewport of the given size, computed independently
 * of the app: the slice is fitted whole (voxels edge to edge) and centred, columns to the right,
 * rows downward.
 */
function expectedViewPoint(
  study: TruthStudy,
  pixel: [number, number],
  size: { width: number; height: number },
) {
  const [columns, rows] = study.matrix
  const spacing = study.pixelSpacingMm
  const scale = Math.min(size.width / (columns * spacing), size.height / (rows * spacing))
  return {
    x: size.width / 2 + (pixel[0] - (columns - 1) / 2) * spacing * scale,
    y: size.height / 2 + (pixel[1] - (rows - 1) / 2) * spacing * scale,
  }
}

/** The rectangle the whole slice must cover in the viewport (same fit as expectedViewPoint). */
function expectedSliceRect(study: TruthStudy, size: { width: number; height: number }) {
  const [columns, rows] = study.matrix
  const topLeft = expectedViewPoint(study, [-0.5, -0.5], size)
  const bottomRight = expectedViewPoint(study, [columns - 0.5, rows - 0.5], size)
  return {
    x: topLeft.x,
    y: topLeft.y,
    width: bottomRight.x - topLeft.x,
    height: bottomRight.y - topLeft.y,
  }
}

function midpoint([a, b]: [[number, number], [number, number]]): [number, number] {
  return [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2]
}

async function viewportImage(view: Locator) {
  const viewport = view.getByTestId('viewport')
  const box = await viewport.boundingBox()
  assert.ok(box, 'the viewport has a size')
  // The frame holds the canvas and the RECIST overlay on top of it.
  const png = await view.locator('.viewport-frame').screenshot()
  return { image: decodeScreenshot(png), size: { width: box.width, height: box.height } }
}

async function checkMark(view: Locator, study: TruthStudy, bookmark: TruthBookmark): Promise<void> {
  const { image, size } = await viewportImage(view)
  const long = expectedViewPoint(study, midpoint(bookmark.longAxisPx), size)
  const short = expectedViewPoint(study, midpoint(bookmark.shortAxisPx), size)
  const longPixels = countNear(image, long.x, long.y, MARK_RADIUS_PX, isRecistLong)
  const shortPixels = countNear(image, short.x, short.y, MARK_RADIUS_PX, isRecistShort)
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
        await app.bookmarkRow(bookmark.trackingUid).click()
        const view = app.studyView(study.studyInstanceUid)
        await view
          .getByTestId('slice-position')
          .filter({ hasText: `Slice ${bookmark.sliceIndex + 1} /` })
          .waitFor()
        await app.waitUntilSettled()
        await checkMark(view, study, bookmark)
      }
    })
  },
}
