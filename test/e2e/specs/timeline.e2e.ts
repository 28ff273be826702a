// Guards the track timeline against blank or misplaced thumbnails: expanding a track of the demo
// must show one thumbnail per bookmarked study, each a CT image (not blank) with the long axis
// drawn in the track's colour, a dash where the lesion was not bookmarked, and one chart point
// per bookmark.
import assert from 'node:assert/strict'
import { withAppPage, type E2eSpec } from '../harness'
import { countNear, decodeScreenshot, isNearColour, type Rgba } from '../pixels'

/** A thumbnail is a CT image, not a flat fill: this many distinct grey levels at least. */
const MIN_GREY_LEVELS = 8
/** Looks, 100 ms apart, before a thumbnail that stays blank fails. */
const DRAW_TRIES = 50

function greyLevels(image: Rgba): number {
  const greys = new Set<number>()
  for (let p = 0; p < image.data.length; p += 4) greys.add(image.data[p + 1])
  return greys.size
}

export const timelineSpec: E2eSpec = {
  title: 'Track timeline: a CT thumbnail with the long axis per bookmarked study, and its chart',
  async run({ browser, host, demoTruth }) {
    const truth = await demoTruth()
    await withAppPage(browser, async (app) => {
      await app.openDemo(host.url, truth)
      for (const row of await app.trackRows.all()) {
        const studies = await row.getByTestId('track-size').count()
        const bookmarked = await app.trackBookmarkIds(row)
        await row.getByRole('button', { name: /^Why Lesion/ }).click()
        const timeline = row.getByTestId('track-timeline')
        await timeline.waitFor()
        const thumbs = timeline.getByTestId('track-thumb')
        assert.deepEqual(
          await Promise.all((await thumbs.all()).map((t) => t.getAttribute('data-bookmark-id'))),
          bookmarked,
        )
        assert.equal(await timeline.locator('.absent').count(), studies - bookmarked.length)
        assert.equal(await timeline.locator('circle').count(), bookmarked.length)
        const colour = (await row.getAttribute('data-track-colour')) ?? ''
        for (const thumb of await thumbs.all()) {
          // Drawn once its volume has arrived: look again until it is, for a few seconds.
          let image = decodeScreenshot(await thumb.screenshot())
          for (let tries = 0; greyLevels(image) < MIN_GREY_LEVELS && tries < DRAW_TRIES; tries++) {
            await app.page.waitForTimeout(100)
            image = decodeScreenshot(await thumb.screenshot())
          }
          const levels = greyLevels(image)
          assert.ok(levels >= MIN_GREY_LEVELS, `${levels} grey levels: blank thumbnail`)
          const centre = countNear(
            image,
            image.width / 2,
            image.height / 2,
            image.width / 4,
            isNearColour(colour),
          )
          assert.ok(centre > 0, `no ${colour} long axis near the thumbnail's centre`)
        }
        await row.getByRole('button', { name: /^Why Lesion/ }).click()
      }
    })
  },
}
