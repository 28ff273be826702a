// Guards opening a DeepLesion folder (DL_info.csv + Images_png PNG key slices, as DeepLesion is
// downloaded) in the app: its images are decoded only when a view shows them, yet every bookmark
// is listed and drawn with both axes on its slice, and each track holds one true lesion.
import assert from 'node:assert/strict'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { importFolder } from '../../../electron/core/import/import-folder'
import { labelBookmarks } from '../../../electron/core/patch/lesion-labels'
import { synthesize } from '../../../electron/core/synth/synthesize'
import { withAppPage, type E2eSpec } from '../harness'

export const deepLesionFolderSpec: E2eSpec = {
  title: 'a DeepLesion folder: every bookmark listed and drawn, one true lesion per track',
  async run({ browser, host }) {
    const root = await mkdtemp(join(tmpdir(), 'lt-e2e-deeplesion-'))
    try {
      const truth = await synthesize({
        patients: 1,
        seed: 53,
        out: root,
        format: 'deeplesion',
        studies: 2,
        matrix: 64,
      })
      const drawn = truth.patients[0].bookmarks
      const labelled = labelBookmarks(await importFolder(root, { deferPixels: true }), root)
      assert.equal(labelled.unmatched, 0, 'every DL_info row is a bookmark of the truth')
      const lesionOf = new Map(labelled.lesions.map((l) => [l.bookmark.bookmarkId, l.lesionId]))

      await withAppPage(browser, async (app) => {
        await app.open(host.url)
        const report = await app.importFolder(root)
        assert.equal(await report.getByText('Error', { exact: true }).count(), 0)
        await app.closeDialog()
        await app.waitUntilSettled()
        const ids = await app.bookmarkIds()
        assert.equal(ids.length, drawn.length)
        await app.page.locator(`[data-testid="bookmark-row"][data-bookmark-id="${ids[0]}"]`).click()
        const mark = app.page.locator(`[data-testid="recist-mark"][data-bookmark-id="${ids[0]}"]`)
        await mark.waitFor()
        assert.equal(await mark.locator('.long-axis').count(), 1)
        assert.equal(await mark.locator('.short-axis').count(), 1)

        await app.expectOneTrackPerLesion((id) => lesionOf.get(id))
      })
    } finally {
      await rm(root, { recursive: true, force: true })
    }
  },
}
