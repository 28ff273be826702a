// Guards what a reader sees of a series with a slice lost from the export: the import says so as a
// warning (not as a file that could not be used), the series opens at its full depth, and the view
// says "no image in the source" at the empty place — and only there — where nothing is measured.
import assert from 'node:assert/strict'
import { mkdtemp, rm, unlink } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { writeCtSeries } from '../../../electron/core/dicom/write/ct-series'
import type { VolumeGeometry } from '../../../electron/core/geometry/frames'
import type { AppPage } from '../app-page'
import { withAppPage, type E2eSpec } from '../harness'

const MATRIX = 48
const SLICES = 9
/** The slice (0-based k) whose file is deleted. */
const LOST = 2
const STUDY_UID = '2.25.7800'

/** A round body of soft tissue in air, the same on every slice. */
function phantom(): { geometry: VolumeGeometry; hu: Int16Array } {
  const geometry: VolumeGeometry = {
    dims: [MATRIX, MATRIX, SLICES],
    spacingMm: [6, 6, 5],
    originLps: [-141, -141, -300],
    rowDirection: [1, 0, 0],
    columnDirection: [0, 1, 0],
    sliceNormal: [0, 0, 1],
  }
  const hu = new Int16Array(MATRIX * MATRIX * SLICES)
  for (let k = 0; k < SLICES; k++) {
    for (let j = 0; j < MATRIX; j++) {
      for (let i = 0; i < MATRIX; i++) {
        const inside = Math.hypot(i - MATRIX / 2, j - MATRIX / 2) < MATRIX / 3
        hu[i + MATRIX * (j + MATRIX * k)] = inside ? 40 : -1000
      }
    }
  }
  return { geometry, hu }
}

/** Steps the active view with the arrow keys until it shows slice `target` (1-based). */
async function goToSlice(app: AppPage, target: number): Promise<void> {
  for (let step = 0; step < 2 * SLICES; step++) {
    const { slice } = await app.slicePlace(STUDY_UID)
    if (slice === target) return
    await app.page.keyboard.press(slice > target ? 'ArrowDown' : 'ArrowUp')
    await app.page.waitForTimeout(50)
  }
  assert.fail(`the view did not reach slice ${target}: ${await app.slicePosition(STUDY_UID)}`)
}

export const missingSliceSpec: E2eSpec = {
  title: 'a slice lost from the export: a warning, full depth, and “no image in the source” there',
  async run({ browser, host }) {
    const folder = await mkdtemp(join(tmpdir(), 'lt-e2e-missing-slice-'))
    try {
      const written = await writeCtSeries(folder, {
        ...phantom(),
        patient: { patientId: 'GAP-1', name: 'MISSING^SLICE' },
        studyInstanceUid: STUDY_UID,
        seriesInstanceUid: '2.25.7810',
        studyDate: '2024-05-02',
        studyTime: '090000',
        seriesDescription: 'Axial',
      })
      await unlink(written.files[LOST])
      await withAppPage(browser, async (app) => {
        await app.open(host.url)
        const report = await app.importFolder(folder)
        assert.equal(
          await report.getByTestId('import-problems').innerText(),
          'Problems met: 1 warning',
        )
        assert.match(await report.innerText(), /1 slice\(s\) of its 5\.00 mm steps are missing/)
        await app.closeDialog()
        await app.page.getByTestId('study-date').filter({ hasText: '2024-05-02' }).waitFor()
        await app.waitUntilSettled()
        const view = app.studyView(STUDY_UID)
        await view.getByTestId('study-date').click()
        for (let slice = 1; slice <= SLICES; slice++) {
          await goToSlice(app, slice)
          assert.match(
            await app.slicePosition(STUDY_UID),
            new RegExp(`^Slice ${slice} / ${SLICES} `),
          )
          assert.equal(
            await view.getByTestId('slice-missing').count(),
            slice === LOST + 1 ? 1 : 0,
            `the note under slice ${slice}`,
          )
        }

        // Nothing can be measured on the empty place: the hint says so, and two drags save nothing.
        await goToSlice(app, LOST + 1)
        await app.page.keyboard.press('m')
        await view
          .getByTestId('measure-hint')
          .filter({ hasText: 'No image on this slice' })
          .waitFor()
        const box = (await view.getByTestId('viewport').boundingBox())!
        const centre = { x: box.x + box.width / 2, y: box.y + box.height / 2 }
        await app.drag({ x: centre.x - 40, y: centre.y }, { x: centre.x + 40, y: centre.y })
        await app.drag({ x: centre.x, y: centre.y - 15 }, { x: centre.x, y: centre.y + 15 })
        await view.getByTestId('measure-hint').waitFor({ state: 'detached' })
        await app.page.waitForTimeout(500)
        assert.deepEqual(await app.bookmarkIds(), [], 'no lesion was measured on the empty slice')
      })
    } finally {
      await rm(folder, { recursive: true, force: true })
    }
  },
}
