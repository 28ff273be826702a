// Guards against losing the open patient on reload: after a reload, studies, bookmarks and lesion
// tracks must come back from IndexedDB even while the service does not answer at all.
import assert from 'node:assert/strict'
import { withAppPage, type E2eSpec } from '../harness'

/** Counts records in the app's IndexedDB directly, without the app's code (runs in the page). */
const COUNT_STORED_RECORDS = `new Promise((resolve, reject) => {
  const request = indexedDB.open('lesiontrack')
  request.onerror = () => reject(request.error)
  request.onsuccess = async () => {
    const db = request.result
    const count = (store) => new Promise((done) => {
      const counting = db.transaction(store).objectStore(store).count()
      counting.onsuccess = () => done(counting.result)
    })
    const counts = { studies: await count('studies'), lesions: await count('lesions'), tracks: await count('tracks'), audit: await count('auditLog') }
    db.close()
    resolve(counts)
  }
})`

export const persistenceSpec: E2eSpec = {
  title: 'a reload shows the patient from IndexedDB, even with the service unreachable',
  async run({ browser, host, demoTruth }) {
    const truth = await demoTruth()
    await withAppPage(browser, async (app) => {
      await app.openDemo(host.url, truth)
      const before = await app.bookmarkRows.allInnerTexts()
      assert.equal(before.length, truth.bookmarks.length)
      const tracksBefore = await app.trackRows.allInnerTexts()

      await app.page.route('**/api/**', (route) => route.abort())
      await app.page.reload()
      await app.page.getByTestId('failure').waitFor()
      assert.deepEqual(await app.bookmarkRows.allInnerTexts(), before)
      assert.deepEqual(await app.trackRows.allInnerTexts(), tracksBefore)
      assert.equal(await app.studyViews.count(), truth.studies.length)

      const stored = await app.page.evaluate(COUNT_STORED_RECORDS)
      assert.deepEqual(stored, {
        studies: truth.studies.length,
        lesions: truth.bookmarks.length,
        tracks: 1,
        audit: 1,
      })
    })
  },
}
