// Guards a follow-up exported from PACS on its own against losing the patient's history or the
// reader's corrections: adding its folder to the open one must show all three studies, carry each
// lesion's track into the new study, keep a link the reader rejected before rejected, and show the
// studies that stayed on screen with their images and marks again; adding a folder already open
// must be refused in the dialog, saying why.
import assert from 'node:assert/strict'
import { cp, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { synthesize } from '../../../electron/core/synth/synthesize'
import { withAppPage, type E2eSpec } from '../harness'

export const addFolderSpec: E2eSpec = {
  title:
    'a follow-up folder added to the open one: three studies, tracks carried on, a rejection kept',
  async run({ browser, host }) {
    const root = await mkdtemp(join(tmpdir(), 'lt-e2e-add-folder-'))
    try {
      const all = join(root, 'all')
      const truth = await synthesize({
        patients: 1,
        seed: 46,
        out: all,
        format: 'dicom',
        studies: 3,
        matrix: 64,
      })
      const patient = truth.patients[0]
      const studies = [...patient.studies].sort((a, b) => a.studyIndex - b.studyIndex)
      const earlier = join(root, 'visit-2')
      const followUp = join(root, 'visit-3')
      for (const [k, study] of studies.entries()) {
        const into = join(k < 2 ? earlier : followUp, `study-${k + 1}`)
        await cp(dirname(join(all, study.seriesFolder)), into, { recursive: true })
      }
      const bookmarkOf = (lesionId: string, k: number) =>
        patient.bookmarks.find(
          (b) => b.lesionId === lesionId && b.studyInstanceUid === studies[k].studyInstanceUid,
        )?.trackingUid
      const lesion = patient.lesions.find((l) => [0, 1, 2].every((k) => bookmarkOf(l.lesionId, k)))
      assert.ok(lesion, 'the synthetic patient has a lesion bookmarked in all three studies')
      const [a, b, c] = [0, 1, 2].map((k) => bookmarkOf(lesion.lesionId, k)!)
      const lesionOf = (id: string) => patient.bookmarks.find((t) => t.trackingUid === id)?.lesionId

      await withAppPage(browser, async (app) => {
        await app.open(host.url)
        // No view may ask for voxels the service does not hold (those of the session before).
        const failedVolumes: string[] = []
        app.page.on('response', (response) => {
          if (response.url().includes('/api/getVolume') && !response.ok()) {
            failedVolumes.push(`${response.status()} ${response.url()}`)
          }
        })
        await app.importFolder(earlier)
        await app.closeDialog()
        await app.waitUntilSettled()
        assert.equal(await app.studyViews.count(), 2)

        // The reader rejects the link of the lesion between the first two studies.
        let groups = await app.trackGroups()
        const row = app.trackRows.nth(groups.findIndex((g) => g.includes(a)))
        await row.getByRole('button', { name: /^Why Lesion/ }).click()
        const reject = row.locator(`[data-testid="reject-link"][data-bookmark-a="${a}"]`)
        assert.equal(await reject.getAttribute('data-bookmark-b'), b)
        await reject.click()
        await app.page.getByTestId('decision').waitFor()

        await app.page.keyboard.press('Control+o')
        const add = app.page.getByTestId('add-folder')
        assert.match(await add.innerText(), new RegExp(earlier.replaceAll('/', '\\/')))
        await add.getByRole('checkbox').check()
        await app.page.getByLabel('Folder path').fill(followUp)
        await app.page.getByLabel('Folder path').press('Enter')
        const added = app.page.getByTestId('import-added')
        await added.waitFor()
        const newBookmarks = patient.bookmarks.filter(
          (t) => t.studyInstanceUid === studies[2].studyInstanceUid,
        ).length
        assert.match(
          await added.innerText(),
          new RegExp(`^Added 1 study, 1 series, ${newBookmarks} bookmarks?: now 1 patient`),
        )
        // Adding it again is refused in the dialog itself, and changes nothing.
        await app.page.getByLabel('Folder path').fill(join(followUp, 'study-3'))
        await app.page.getByLabel('Folder path').press('Enter')
        const refused = app.page.getByTestId('import-refused')
        await refused.waitFor()
        assert.match(await refused.innerText(), /is already open \(it lies inside .*visit-3\)\./)
        assert.equal(await app.page.getByTestId('import-report').count(), 0)
        await app.closeDialog()
        await app.waitUntilSettled()
        assert.equal(await app.studyViews.count(), 3)
        // The studies that stayed on screen show their images again, edges labelled.
        for (const view of await app.studyViews.all()) {
          await view.getByTestId('edge-left').waitFor({ timeout: 10_000 })
        }
        await app.bookmarkRow(a).click()
        await app
          .studyView(studies[0].studyInstanceUid)
          .getByTestId('recist-mark')
          .first()
          .waitFor()

        groups = await app.trackGroups()
        assert.deepEqual(
          groups.flat().sort(),
          patient.bookmarks.map((t) => t.trackingUid).sort(),
          'every bookmark of the three studies in exactly one track',
        )
        for (const group of groups) {
          assert.equal(new Set(group.map(lesionOf)).size, 1, `track ${group} mixes true lesions`)
        }
        const rowOf = (id: string) => groups.findIndex((g) => g.includes(id))
        assert.notEqual(rowOf(a), rowOf(b), 'the rejected link came back with the new study')
        assert.equal(rowOf(c), rowOf(b), 'the lesion’s track did not reach the new study')
        assert.equal(await app.page.getByTestId('decision').count(), 1)
        assert.deepEqual(failedVolumes, [])
      })
    } finally {
      await rm(root, { recursive: true, force: true })
    }
  },
}
