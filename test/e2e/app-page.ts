/**
 * Page object of the LesionTrack window: how the specs find study views, bookmarks and the
 * import dialog, and wait for the app to settle, without repeating selectors in every spec.
 */
import assert from 'node:assert/strict'
import type { Locator, Page } from 'playwright-core'

/** How long opening the demo may take on a cold start (generation + import on 2 cores). */
export const STARTUP_TIMEOUT_MS = 240_000

/** Where a study view is: its slice number (1-based) and that slice's patient z (mm). */
export interface SlicePlace {
  slice: number
  zMm: number
}

export class AppPage {
  constructor(readonly page: Page) {}

  get studyViews(): Locator {
    return this.page.getByTestId('study-view')
  }

  get bookmarkRows(): Locator {
    return this.page.getByTestId('bookmark-row')
  }

  get trackRows(): Locator {
    return this.page.getByTestId('track-row')
  }

  studyView(studyUid: string): Locator {
    return this.page.locator(`[data-testid="study-view"][data-study-uid="${studyUid}"]`)
  }

  bookmarkRow(bookmarkId: string): Locator {
    return this.page.locator(`[data-testid="bookmark-row"][data-bookmark-id="${bookmarkId}"]`)
  }

  /** Opens the app at url on the demo and waits until its tracks, one per true lesion, are listed. */
  async openDemo(url: string, truth: { lesions: readonly unknown[] }): Promise<void> {
    await this.open(url)
    await this.waitForTrackCount(truth.lesions.length)
  }

  /** Opens a folder through the import dialog (Ctrl+O) and returns its report once shown. */
  async importFolder(folder: string): Promise<Locator> {
    await this.page.keyboard.press('Control+o')
    await this.page.getByLabel('Folder path').fill(folder)
    await this.page.getByLabel('Folder path').press('Enter')
    const report = this.page.getByTestId('import-report')
    await report.waitFor()
    return report
  }

  /** Drags the mouse in a few steps, as a hand does; `beforeRelease` runs with the button down. */
  async drag(
    from: { x: number; y: number },
    to: { x: number; y: number },
    beforeRelease: () => Promise<void> = async () => {},
  ): Promise<void> {
    await this.page.mouse.move(from.x, from.y)
    await this.page.mouse.down()
    for (let step = 1; step <= 5; step++) {
      await this.page.mouse.move(
        from.x + ((to.x - from.x) * step) / 5,
        from.y + ((to.y - from.y) * step) / 5,
      )
    }
    await beforeRelease()
    await this.page.mouse.up()
  }

  /** Closes the open dialog (e.g. the import report) and waits until it is gone. */
  async closeDialog(): Promise<void> {
    const dialog = this.page.getByRole('dialog')
    await dialog.getByRole('button', { name: 'Close' }).click()
    await dialog.waitFor({ state: 'hidden' })
  }

  /** Opens the app at url and waits until every study view shows its images. */
  async open(url: string): Promise<void> {
    await this.page.goto(url)
    await this.waitUntilSettled()
  }

  /** Waits for study views to exist, their volumes to load and progress to end. */
  async waitUntilSettled(timeout = STARTUP_TIMEOUT_MS): Promise<void> {
    await this.studyViews.first().locator('canvas').waitFor({ timeout })
    await this.page.getByTestId('progress').waitFor({ state: 'detached', timeout })
    const loading = this.page.locator('.viewport-message', { hasText: 'Loading' })
    await poll(async () => (await loading.count()) === 0, timeout, 'study views still loading')
    // One more frame, so the last render is on screen.
    await this.page.evaluate('new Promise((resolve) => requestAnimationFrame(() => resolve(null)))')
  }

  /** Waits until the Tracks panel lists exactly `count` tracks. */
  async waitForTrackCount(count: number): Promise<void> {
    await this.page
      .getByTestId('track-count')
      .filter({ hasText: new RegExp(`^${count}$`) })
      .waitFor()
  }

  /** The bookmark ids of the list, top to bottom. */
  async bookmarkIds(): Promise<string[]> {
    const rows = await this.bookmarkRows.all()
    return Promise.all(rows.map(async (row) => (await row.getAttribute('data-bookmark-id')) ?? ''))
  }

  /** The bookmark ids a track row's sizes carry, in study order (studies without one skipped). */
  async trackBookmarkIds(row: Locator): Promise<string[]> {
    const sizes = await row.getByTestId('track-size').all()
    const ids = await Promise.all(sizes.map((s) => s.getAttribute('data-bookmark-id')))
    return ids.filter((id): id is string => id !== null && id !== '')
  }

  /** Every track row as the bookmark ids its sizes carry, in panel order. */
  async trackGroups(): Promise<string[][]> {
    return Promise.all((await this.trackRows.all()).map((row) => this.trackBookmarkIds(row)))
  }

  /**
   * Waits until the Tracks panel lists one track per true lesion, and checks that each holds
   * bookmarks of one true lesion (`lesionOf`: a bookmark id's lesion in the folder's truth).
   */
  async expectOneTrackPerLesion(lesionOf: (bookmarkId: string) => unknown): Promise<void> {
    const ids = await this.bookmarkIds()
    await this.waitForTrackCount(new Set(ids.map(lesionOf)).size)
    for (const group of await this.trackGroups()) {
      assert.equal(new Set(group.map(lesionOf)).size, 1, `one lesion per track: ${group}`)
    }
  }

  /** The row of a track in the Tracks panel. */
  trackRow(trackId: string): Locator {
    return this.page.locator(`[data-testid="track-row"][data-track-id="${trackId}"]`)
  }

  /** A track row's long axis at one study: its rounded mm, or '—' where it has no bookmark. */
  trackSize(trackId: string, studyUid: string): Locator {
    return this.trackRow(trackId).locator(
      `[data-testid="track-size"][data-study-uid="${studyUid}"]`,
    )
  }

  /** A study view's zoom over the fit, as it says under the view ('2.5×'); 1 when fitted. */
  async viewZoom(studyUid: string): Promise<number> {
    const zoom = this.studyView(studyUid).getByTestId('zoom')
    if ((await zoom.count()) === 0) return 1
    const text = (await zoom.innerText()).trim()
    const value = Number(/^([\d.]+)×$/.exec(text)?.[1])
    assert.ok(value >= 1, `zoom text '${text}'`)
    return value
  }

  /** The text under a study view, e.g. 'Slice 12 / 40 · -200.0 mm'. */
  async slicePosition(studyUid: string): Promise<string> {
    return (await this.studyView(studyUid).getByTestId('slice-position-text').innerText()).trim()
  }

  /** The slice number (1-based) and position (patient z, mm) shown under a study view. */
  async slicePlace(studyUid: string): Promise<SlicePlace> {
    const text = await this.slicePosition(studyUid)
    const match = /^Slice (\d+) \/ \d+ · (-?[\d.]+) mm$/.exec(text)
    assert.ok(match, `slice position text '${text}'`)
    return { slice: Number(match[1]), zMm: Number(match[2]) }
  }
}

/** Resolves once `condition` holds, checking every 100 ms; throws `what` after `timeout` ms. */
async function poll(
  condition: () => Promise<boolean>,
  timeout: number,
  what: string,
): Promise<void> {
  const deadline = Date.now() + timeout
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeout} ms: ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}
