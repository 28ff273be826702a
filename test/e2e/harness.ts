/**
 * What every end-to-end spec receives and how it is declared: the running web host, the demo
 * patient's ground truth, and the shared browser. Specs are plain async functions.
 */
import type { Browser } from 'playwright-core'
import { AppPage } from './app-page'
import { newAppContext } from './browser'
import type { DemoTruth } from './demo-truth'

export interface E2eContext {
  browser: Browser
  /** Address with the token (…/#token=…), the bare origin, and the token itself. */
  host: { url: string; origin: string; token: string }
  /** Folder the host generates the demo patient into (on the first page that opens). */
  demoFolder: string
  /** The demo's truth.json; call it once a page has opened the demo. */
  demoTruth(): Promise<DemoTruth>
}

export interface E2eSpec {
  title: string
  run(context: E2eContext): Promise<void>
}

/** Runs `use` on a fresh browser profile's page, closing the profile whatever happens. */
export async function withAppPage(
  browser: Browser,
  use: (app: AppPage) => Promise<void>,
): Promise<void> {
  const context = await newAppContext(browser)
  try {
    await use(new AppPage(await context.newPage()))
  } finally {
    await context.close()
  }
}
