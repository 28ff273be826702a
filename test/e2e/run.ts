/**
 * End-to-end runner (`node --import tsx test/e2e/run.ts`): builds the renderer, starts the real
 * web host on a fresh cache and settings folder, runs every spec in one Chromium, and exits
 * non-zero when any spec fails. Prints one line per spec with its duration.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { buildWebRenderer, WEB_BUILD_DIR } from '../../electron/host/builds'
import { startWebApp } from '../../electron/host/web-app'
import { launchChromium } from './browser'
import { readDemoTruth, type DemoTruth } from './demo-truth'
import type { E2eContext, E2eSpec } from './harness'
import { addFolderSpec } from './specs/add-folder.e2e'
import { decisionsSpec } from './specs/decisions.e2e'
import { exportSpec } from './specs/export.e2e'
import { importIssuesSpec } from './specs/import-issues.e2e'
import { linkedScrollSpec } from './specs/linked-scroll.e2e'
import { longAxisOnlySpec } from './specs/long-axis-only.e2e'
import { manyStudiesSpec } from './specs/many-studies.e2e'
import { measureSpec } from './specs/measure.e2e'
import { missingSliceSpec } from './specs/missing-slice.e2e'
import { opensOnDemoSpec } from './specs/opens-on-demo.e2e'
import { orientationSpec } from './specs/orientation.e2e'
import { patientsSpec } from './specs/patients.e2e'
import { persistenceSpec } from './specs/persistence.e2e'
import { presentationStateSpec } from './specs/presentation-state.e2e'
import { deepLesionFolderSpec } from './specs/deeplesion-folder.e2e'
import { responseSpec } from './specs/response.e2e'
import { sameDaySpec } from './specs/same-day.e2e'
import { scrollingSpec } from './specs/scrolling.e2e'
import { timelineSpec } from './specs/timeline.e2e'
import { tokenSpec } from './specs/token.e2e'
import { tracksSpec } from './specs/tracks.e2e'
import { vendorSliceSpec } from './specs/vendor-slice.e2e'
import { viewsRenderSpec } from './specs/views-render.e2e'
import { zoomPanSpec } from './specs/zoom-pan.e2e'

/**
 * In order: the first spec is the one that finds the app opening on the demo by itself; the
 * specs that open another folder come last, since the host then serves that folder to new pages.
 */
const SPECS: E2eSpec[] = [
  opensOnDemoSpec,
  viewsRenderSpec,
  tracksSpec,
  timelineSpec,
  decisionsSpec,
  measureSpec,
  responseSpec,
  exportSpec,
  scrollingSpec,
  zoomPanSpec,
  linkedScrollSpec,
  persistenceSpec,
  importIssuesSpec,
  tokenSpec,
  orientationSpec,
  sameDaySpec,
  missingSliceSpec,
  manyStudiesSpec,
  addFolderSpec,
  longAxisOnlySpec,
  presentationStateSpec,
  deepLesionFolderSpec,
  patientsSpec,
  vendorSliceSpec,
]

async function main(): Promise<number> {
  const temp = await mkdtemp(join(tmpdir(), 'lt-e2e-'))
  const started = Date.now()
  await buildWebRenderer()
  const app = await startWebApp({
    staticDir: WEB_BUILD_DIR,
    cacheDir: join(temp, 'cache'),
    settingsDir: join(temp, 'settings'),
  })
  const browser = await launchChromium()
  let truth: Promise<DemoTruth> | null = null
  const context: E2eContext = {
    browser,
    host: { url: app.url, origin: app.origin, token: app.token },
    demoFolder: app.service.demoFolder,
    demoTruth: () => (truth ??= readDemoTruth(app.service.demoFolder)),
  }
  let failures = 0
  try {
    for (const spec of SPECS) {
      const specStarted = Date.now()
      try {
        await spec.run(context)
        console.log(`✓ ${spec.title} (${seconds(specStarted)})`)
      } catch (error) {
        failures++
        console.error(`✗ ${spec.title} (${seconds(specStarted)})\n${indent(error)}`)
      }
    }
  } finally {
    await browser.close()
    await app.close()
    await rm(temp, { recursive: true, force: true })
  }
  const summary = `${SPECS.length - failures}/${SPECS.length} end-to-end specs passed in ${seconds(started)}`
  if (failures > 0) console.error(summary)
  else console.log(summary)
  return failures > 0 ? 1 : 0
}

function seconds(since: number): string {
  return `${((Date.now() - since) / 1000).toFixed(1)} s`
}

function indent(error: unknown): string {
  const text = error instanceof Error ? (error.stack ?? error.message) : String(error)
  return text
    .split('\n')
    .map((line) => `    ${line}`)
    .join('\n')
}

process.exitCode = await main()
