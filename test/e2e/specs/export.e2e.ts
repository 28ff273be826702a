// Guards the research export against leaking identity and against files that disagree with the
// screen: exporting the demo through the dialog must write a CSV with one row per bookmark, in as
// many tracks as the panel shows, a JSON document and an HTML report with the best response the
// panel shows, with no patient id, UID or date of the demo in any of them.
import assert from 'node:assert/strict'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { withAppPage, type E2eSpec } from '../harness'

export const exportSpec: E2eSpec = {
  title:
    'Export dialog: de-identified CSV, JSON and report of the demo’s tracks, written into a folder',
  async run({ browser, host, demoTruth }) {
    const truth = await demoTruth()
    const folder = await mkdtemp(join(tmpdir(), 'lt-e2e-export-'))
    try {
      await withAppPage(browser, async (app) => {
        await app.openDemo(host.url, truth)
        await app.page.getByTestId('open-export').click()
        const dialog = app.page.getByRole('dialog', { name: 'Export tracks' })
        await dialog.getByLabel('Export folder path').fill(folder)
        assert.equal(await dialog.getByRole('checkbox').isChecked(), true, 'de-identify by default')
        await dialog.getByRole('button', { name: 'Export' }).click()
        await dialog.getByTestId('export-report').waitFor()
        const listed = await dialog.getByTestId('export-file').allInnerTexts()
        assert.equal(listed.length, 3)
        const csvPath = listed.find((f) => f.endsWith('-tracks.csv'))
        assert.ok(csvPath && csvPath.startsWith(folder), `CSV into ${folder}: ${listed.join(', ')}`)
        const csv = (await readFile(csvPath, 'utf8')).trimEnd().split('\n')
        assert.equal(csv.length - 1, truth.bookmarks.length, 'one row per bookmark')
        const track = csv[0].split(',').indexOf('track')
        const tracks = new Set(csv.slice(1).map((row) => row.split(',')[track]))
        assert.equal(tracks.size, await app.trackRows.count(), 'as many tracks as the panel')
        const reportPath = listed.find((f) => f.endsWith('-report.html'))
        assert.ok(reportPath, `a report among ${listed.join(', ')}`)
        const best = await app.page.getByTestId('response-best').getAttribute('data-category')
        const report = await readFile(reportPath, 'utf8')
        assert.match(report, new RegExp(`Best overall response:\\s*<b>${best}</b>`))
        for (const file of listed) {
          const text = await readFile(file, 'utf8')
          const identifiers = [
            truth.patientId,
            ...truth.studies.map((s) => s.studyInstanceUid),
            ...truth.bookmarks.map((b) => b.trackingUid),
          ]
          for (const id of identifiers) assert.ok(!text.includes(id), `${file} holds ${id}`)
          assert.doesNotMatch(text, /\d{4}-\d{2}-\d{2}/, `${file} holds a date`)
        }
      })
    } finally {
      await rm(folder, { recursive: true, force: true })
    }
  },
}
