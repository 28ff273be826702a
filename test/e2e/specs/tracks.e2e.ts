// Guards the Tracks panel against wrong groupings, wrong sizes and dead navigation: it must list
// one row per true lesion of the demo with that lesion's long axes, choosing a row must bring
// every study view to the lesion's key slice, centred on it (or say "not seen" there and show the
// body level where it would be), and the lesion's RECIST marks must be drawn in the row's colour.
import assert from 'node:assert/strict'
import type { TruthBookmark, TruthPatient } from '../../../electron/core/synth/truth'
import type { AppPage } from '../app-page'
import { levelToleranceMm, viewBodyLevelMm } from '../body-levels'
import { withAppPage, type E2eSpec } from '../harness'
import { studiesInOrder } from '../demo-truth'
import { countNear, isNearColour } from '../pixels'
import {
  expectedViewPoint,
  MARK_RADIUS_PX,
  midpoint,
  MIN_MARK_PIXELS,
  viewportImage,
} from '../view-points'

interface RowSize {
  studyUid: string
  bookmarkId: string
  text: string
}

async function rowSizes(app: AppPage, trackId: string): Promise<RowSize[]> {
  const sizes = await app.trackRow(trackId).getByTestId('track-size').all()
  return Promise.all(
    sizes.map(async (size) => ({
      studyUid: (await size.getAttribute('data-study-uid')) ?? '',
      bookmarkId: (await size.getAttribute('data-bookmark-id')) ?? '',
      text: (await size.innerText()).trim(),
    })),
  )
}

/** The truth bookmark of one lesion in one study; undefined where the lesion was not bookmarked. */
function truthBookmark(
  truth: TruthPatient,
  lesionId: string,
  studyUid: string,
): TruthBookmark | undefined {
  return truth.bookmarks.find((b) => b.lesionId === lesionId && b.studyInstanceUid === studyUid)
}

/** The true lesion of a row, from the bookmark ids its sizes carry (they must agree). */
function lesionOfRow(truth: TruthPatient, sizes: readonly RowSize[], trackId: string): string {
  const lesions = new Set(
    sizes
      .filter((s) => s.bookmarkId !== '')
      .map((s) => truth.bookmarks.find((b) => b.trackingUid === s.bookmarkId)?.lesionId),
  )
  assert.equal(lesions.size, 1, `track ${trackId} holds bookmarks of lesions ${[...lesions]}`)
  const [lesionId] = lesions
  assert.ok(lesionId, `track ${trackId} names bookmarks that truth.json does not know`)
  return lesionId
}

export const tracksSpec: E2eSpec = {
  title: 'Tracks panel: one row per true lesion with its sizes; a row brings every view to it',
  async run({ browser, host, demoTruth }) {
    const truth = await demoTruth()
    const studies = studiesInOrder(truth)
    await withAppPage(browser, async (app) => {
      await app.openDemo(host.url, truth)
      const trackIds = await Promise.all(
        (await app.trackRows.all()).map(async (r) => (await r.getAttribute('data-track-id')) ?? ''),
      )
      assert.equal(trackIds.length, truth.lesions.length, 'one track row per true lesion')
      const seenLesions = new Set<string>()
      for (const trackId of trackIds) {
        const row = app.trackRow(trackId)
        const sizes = await rowSizes(app, trackId)
        const lesionId = lesionOfRow(truth, sizes, trackId)
        assert.ok(!seenLesions.has(lesionId), `lesion ${lesionId} is split over two tracks`)
        seenLesions.add(lesionId)
        // Every study in date order, each with the truth's long axis or '—' where not bookmarked.
        assert.deepEqual(
          sizes.map((s) => s.studyUid),
          studies.map((s) => s.studyInstanceUid),
        )
        for (const size of sizes) {
          const expected = truthBookmark(truth, lesionId, size.studyUid)
          assert.equal(size.bookmarkId, expected?.trackingUid ?? '', `track ${trackId} bookmark`)
          assert.equal(size.text, expected ? expected.longAxisMm.toFixed(0) : '—')
        }
        const lesion = truth.lesions.find((l) => l.lesionId === lesionId)
        const title = await row.getByTestId('track-title').innerText()
        assert.match(title, new RegExp(` · ${lesion?.typeName}$`))
        // The bookmark list names each of the lesion's bookmarks by this track, not per study.
        const trackLabel = title.split(' · ')[0]
        for (const size of sizes.filter((s) => s.bookmarkId !== '')) {
          const name = app.bookmarkRow(size.bookmarkId).getByTestId('bookmark-name')
          assert.equal((await name.innerText()).trim(), trackLabel, `bookmark ${size.bookmarkId}`)
        }

        // Choosing the row: views move to the key slices, or say "not seen" and show where the
        // lesion would be: the level of one of its bookmarks, through the aligned frame.
        await row.click()
        const colour = (await row.getAttribute('data-track-colour')) ?? ''
        for (const study of studies) {
          const view = app.studyView(study.studyInstanceUid)
          const bookmark = truthBookmark(truth, lesionId, study.studyInstanceUid)
          if (!bookmark) {
            await view.getByTestId('not-seen').waitFor()
            const level = await viewBodyLevelMm(app, study)
            const [low, high] = study.scanRangeBodyZMm
            const levels = truth.bookmarks
              .filter((b) => b.lesionId === lesionId)
              .map((b) => b.centerBodyMm[2])
              .filter((z) => z >= low && z <= high)
            if (levels.length === 0) continue
            const offMm = Math.min(...levels.map((z) => Math.abs(z - level)))
            assert.ok(
              offMm <= levelToleranceMm(study),
              `${trackId} not seen in study ${study.studyDate}: its view is ${offMm.toFixed(1)} mm from the lesion's levels`,
            )
            continue
          }
          await view
            .getByTestId('slice-position')
            .filter({ hasText: `Slice ${bookmark.sliceIndex + 1} /` })
            .waitFor({ timeout: 5000 })
          assert.equal(await view.getByTestId('not-seen').count(), 0)
          await app.waitUntilSettled()
          const { image, size } = await viewportImage(view)
          // The view centres on the lesion (its long axis' midpoint): the mark is at the centre.
          const centrePx = midpoint(bookmark.longAxisPx)
          const zoom = await app.viewZoom(study.studyInstanceUid)
          const long = expectedViewPoint(study, centrePx, size, { centrePx, zoom })
          const pixels = countNear(image, long.x, long.y, MARK_RADIUS_PX, isNearColour(colour))
          assert.ok(
            pixels >= MIN_MARK_PIXELS,
            `${trackId} in study ${study.studyDate}: ${pixels} pixels of ${colour} near (${long.x.toFixed(0)}, ${long.y.toFixed(0)})`,
          )
        }
      }
      const colours = await Promise.all(
        (await app.trackRows.all()).map((r) => r.getAttribute('data-track-colour')),
      )
      assert.equal(new Set(colours).size, trackIds.length, `track colours ${colours.join(', ')}`)
      // T selects the next track (wrapping after the last one clicked), Shift+T the previous.
      const selected = app.page.locator('[data-testid="track-row"][aria-selected="true"]')
      await app.page.keyboard.press('t')
      assert.equal(await selected.getAttribute('data-track-id'), trackIds[0])
      await app.page.keyboard.press('Shift+T')
      assert.equal(await selected.getAttribute('data-track-id'), trackIds.at(-1))
    })
  },
}
