/**
 * The one Chromium the end-to-end specs share: system Chromium through playwright-core with the
 * flags under which WebGL2 runs on SwiftShader here (ENVIRONMENT.md), pages at device scale 1.
 */
import { chromium, type Browser, type BrowserContext } from 'playwright-core'

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--enable-unsafe-swiftshader',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
]

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS })
}

/** A fresh profile (empty IndexedDB) with a fixed viewport, so pixel positions are known. */
export function newAppContext(browser: Browser): Promise<BrowserContext> {
  return browser.newContext({ viewport: { width: 1440, height: 860 }, deviceScaleFactor: 1 })
}
