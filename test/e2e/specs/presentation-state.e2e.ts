// Guards bookmarks kept in Grayscale Softcopy Presentation States (lines drawn on the images, as
// many PACS export measurements): a study whose only measurements are such lines must show every
// bookmark with both axes drawn and listed, track each with its true lesion, and let the reader
// give the lesion type the state does not name.
import assert from 'node:assert/strict'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { importFolder } from '../../../electron/core/import/import-folder'
import { labelBookmarks } from '../../../electron/core/patch/lesion-labels'
import { synthesize } from '../../../electron/core/synth/synthesize'
import { withAppPage, type E2eSpec } from '../harness'

export const presentationStateSpec: E2eSpec = {
  title:
    'bookmarks from presentation states: drawn with both axes, listed, tracked, typed by the reader',
  async run({ browser, host }) {
    const root = await mkdtemp(join(tmpdir(), 'lt-e2e-gsps-'))
    try {
      const truth = await synthesize({
        patients: 1,
        seed: 47,
        out: root,
        format: 'dicom',
        studies: 2,
        matrix: 64,
        bookmarkFile: 'gsps',
      })
      const drawn = truth.patients[0].bookmarks
      const labelled = labelBookmarks(await importFolder(root, { deferPixels: true }), root)
      assert.equal(labelled.unmatched, 0, 'every line pair is a bookmark of the truth')
      const lesionOf = new Map(labelled.lesions.map((l) => [l.bookmark.bookmarkId, l.lesionId]))

      await withAppPage(browser, async (app) => {
        await app.open(host.url)
        await app.importFolder(root)
        await app.closeDialog()
        await app.waitUntilSettled()
        const ids = await app.bookmarkIds()
        assert.equal(ids.length, drawn.length)
        for (const id of ids) {
          const row = app.page.locator(`[data-testid="bookmark-row"][data-bookmark-id="${id}"]`)
          const shortAxis = (await row.getByTestId('bookmark-short-axis').innerText()).trim()
          assert.match(shortAxis, /^\d+\.\d$/, id)
        }
        const mark = app.page.locator(`[data-testid="recist-mark"][data-bookmark-id="${ids[0]}"]`)
        await app.page.locator(`[data-testid="bookmark-row"][data-bookmark-id="${ids[0]}"]`).click()
        await mark.waitFor()
        assert.equal(await mark.locator('.long-axis').count(), 1)
        assert.equal(await mark.locator('.short-axis').count(), 1)

        await app.expectOneTrackPerLesion((id) => lesionOf.get(id))

        // A presentation state names no lesion type: the reader gives it in the bookmark list,
        // as a decision that names the track and survives a reload.
        const choice = () =>
          app.page
            .locator(`[data-testid="bookmark-row"][data-bookmark-id="${ids[0]}"]`)
            .getByTestId('reader-type')
        assert.equal(await choice().inputValue(), '-1')
        const retyped = app.page.waitForResponse((r) => r.url().includes('/api/matchTracks'))
        await choice().selectOption({ label: 'liver' })
        await retyped
        const track = app.trackRows.filter({
          has: app.page.locator(`[data-testid="track-size"][data-bookmark-id="${ids[0]}"]`),
        })
        await track.filter({ hasText: 'liver' }).waitFor()
        await app.page.getByTestId('decision').filter({ hasText: 'Type liver' }).waitFor()
        const rematched = app.page.waitForResponse((r) => r.url().includes('/api/matchTracks'))
        await app.page.reload()
        const sent = (await rematched).request().postDataJSON() as { decisions: { kind: string }[] }
        assert.deepEqual(
          sent.decisions.map((d) => d.kind),
          ['set-type'],
        )
        await app.waitUntilSettled()
        assert.equal(await choice().inputValue(), '4')
      })
    } finally {
      await rm(root, { recursive: true, force: true })
    }
  },
}
