// Guards reports that measure lesions by their long axis alone (RECIST 1.1 measures every lesion
// that is not a lymph node so): each such bookmark must be drawn with its long axis and no short
// axis, listed with its short axis as not measured, and tracked with its true lesion.
import assert from 'node:assert/strict'
import { mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { synthesize } from '../../../electron/core/synth/synthesize'
import { dropShortAxes } from '../../unit/sr/drop-short-axes'
import { withAppPage, type E2eSpec } from '../harness'

export const longAxisOnlySpec: E2eSpec = {
  title:
    'bookmarks of the long axis alone: drawn without a short axis, listed as not measured, tracked',
  async run({ browser, host }) {
    const root = await mkdtemp(join(tmpdir(), 'lt-e2e-long-axis-'))
    try {
      const truth = await synthesize({
        patients: 1,
        seed: 46,
        out: root,
        format: 'dicom',
        studies: 2,
        matrix: 64,
      })
      const patient = truth.patients[0]
      const second = patient.studies.find((s) => s.studyIndex === 2)!
      const studyFolder = join(root, second.seriesFolder, '..')
      const longOnly = new Set<string>()
      for (const name of (await readdir(studyFolder)).filter((f) => f.startsWith('SR'))) {
        for (const uid of dropShortAxes(join(studyFolder, name))) longOnly.add(uid)
      }
      assert.ok(longOnly.size > 0, 'the second study has bookmarks')
      const lesionOf = (id: string) => patient.bookmarks.find((b) => b.trackingUid === id)?.lesionId

      await withAppPage(browser, async (app) => {
        await app.open(host.url)
        await app.importFolder(root)
        await app.closeDialog()
        await app.waitUntilSettled()
        const row = (id: string) =>
          app.page.locator(`[data-testid="bookmark-row"][data-bookmark-id="${id}"]`)
        const ids = await app.bookmarkIds()
        assert.equal(ids.length, patient.bookmarks.length)
        for (const id of ids) {
          const shortAxis = (await row(id).getByTestId('bookmark-short-axis').innerText()).trim()
          if (longOnly.has(id)) assert.equal(shortAxis, '—', id)
          else assert.match(shortAxis, /^\d+\.\d$/, id)
        }

        const [id] = longOnly
        await row(id).click()
        const mark = app.page.locator(`[data-testid="recist-mark"][data-bookmark-id="${id}"]`)
        await mark.waitFor()
        assert.equal(await mark.locator('.long-axis').count(), 1)
        assert.equal(await mark.locator('.short-axis').count(), 0)

        await app.expectOneTrackPerLesion(lesionOf)
      })
    } finally {
      await rm(root, { recursive: true, force: true })
    }
  },
}
