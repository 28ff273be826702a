// Guards the choice of patient after importing a folder of several: the picker must list every
// patient, and choosing one must show exactly its studies, bookmarks and tracks (no study or
// lesion of the other patient left on screen), and keep it on screen after a reload.
import assert from 'node:assert/strict'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { synthesize } from '../../../electron/core/synth/synthesize'
import type { TruthPatient } from '../../../electron/core/synth/truth'
import type { AppPage } from '../app-page'
import { withAppPage, type E2eSpec } from '../harness'

/** Asserts the app shows `patient`: its studies as views, its bookmarks as rows. */
async function assertShows(app: AppPage, patient: TruthPatient): Promise<void> {
  await app.waitUntilSettled()
  const views = await app.studyViews.evaluateAll((els) =>
    els.map((el) => el.getAttribute('data-study-uid')),
  )
  assert.deepEqual(
    [...views].sort(),
    patient.studies.map((s) => s.studyInstanceUid).sort(),
    `the views are the studies of ${patient.patientId}`,
  )
  assert.deepEqual(
    [...(await app.bookmarkIds())].sort(),
    patient.bookmarks.map((b) => b.trackingUid).sort(),
    `the bookmarks are those of ${patient.patientId}`,
  )
}

export const patientsSpec: E2eSpec = {
  title: 'a folder of several patients: the picker shows each one alone, also after a reload',
  async run({ browser, host }) {
    const folder = await mkdtemp(join(tmpdir(), 'lt-e2e-patients-'))
    try {
      const truth = await synthesize({
        patients: 2,
        seed: 77,
        out: folder,
        format: 'dicom',
        matrix: 96,
        studies: 2,
      })
      const [first, second] = truth.patients
      await withAppPage(browser, async (app) => {
        await app.open(host.url)
        await app.importFolder(folder)
        await app.closeDialog()
        const picker = app.page.getByLabel('Patient')
        await picker.waitFor()
        assert.equal(await picker.locator('option').count(), 2)
        const shown = await picker.inputValue()
        const [current, other] = shown === first.patientId ? [first, second] : [second, first]
        await assertShows(app, current)
        await picker.selectOption(other.patientId)
        await app.page.getByText(`ID ${other.patientId}`).waitFor()
        await assertShows(app, other)
        await app.page.reload()
        await app.page.getByText(`ID ${other.patientId}`).waitFor()
        await assertShows(app, other)
      })
    } finally {
      await rm(folder, { recursive: true, force: true })
    }
  },
}
