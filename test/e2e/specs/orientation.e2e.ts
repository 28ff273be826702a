// Guards against a follow-up study shown mirrored or upside down beside its baseline: one
// patient scanned head first supine, feet first and prone must appear the same way round in
// every view (a lesion on the patient's left, anterior, at the top right of each), with the
// edges labelled by the patient direction they face; a coronal reformat picked for a study is
// shown from the front, head up.
import assert from 'node:assert/strict'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { writeCtSeries } from '../../../electron/core/dicom/write/ct-series'
import { pixelToLps, type Vec3, type VolumeGeometry } from '../../../electron/core/geometry/frames'
import type { Locator } from 'playwright-core'
import { withAppPage, type E2eSpec } from '../harness'
import type { Rgba } from '../pixels'
import { viewportImage } from '../view-points'

const MATRIX = 64
const SPACING_MM = 5
const SLICES = 8
/** LPS of voxel centres at the low and high end of each axis of the scanned region. */
const LOW = -((MATRIX - 1) * SPACING_MM) / 2
const HIGH = -LOW
const BOTTOM_Z = -200
const TOP_Z = BOTTOM_Z + (SLICES - 1) * SPACING_MM

/** A 300 mm round body of soft tissue, in air, with a bone-bright block left and anterior. */
function phantomHu([x, y]: Vec3): number {
  if (x > 40 && x < 90 && y > -100 && y < -50) return 1500
  return Math.hypot(x, y) < 150 ? 40 : -1000
}

/** The phantom's HU at the voxel centres of `geometry`. */
function phantomVoxels(geometry: VolumeGeometry): Int16Array {
  const [ni, nj, nk] = geometry.dims
  const hu = new Int16Array(ni * nj * nk)
  for (let k = 0; k < nk; k++) {
    for (let j = 0; j < nj; j++) {
      for (let i = 0; i < ni; i++)
        hu[i + ni * (j + nj * k)] = phantomHu(pixelToLps(geometry, [i, j, k]))
    }
  }
  return hu
}

/** A coronal reformat of the first (head-first supine) study: a second series of that study. */
function coronalReformat(axial: ReturnType<typeof scan>) {
  const geometry: VolumeGeometry = {
    dims: [MATRIX, SLICES, MATRIX],
    spacingMm: [SPACING_MM, SPACING_MM, SPACING_MM],
    originLps: [LOW, LOW, TOP_Z],
    rowDirection: [1, 0, 0],
    columnDirection: [0, 0, -1],
    sliceNormal: [0, 1, 0],
  }
  return {
    ...axial,
    geometry,
    hu: phantomVoxels(geometry),
    seriesInstanceUid: `${axial.seriesInstanceUid}9`,
    seriesNumber: 2,
    seriesDescription: 'Coronal MPR',
  }
}

function scan(position: 'HFS' | 'FFS' | 'HFP', index: number) {
  const flipX = position !== 'HFS'
  const flipY = position === 'HFP'
  const flipZ = position === 'FFS'
  const geometry: VolumeGeometry = {
    dims: [MATRIX, MATRIX, SLICES],
    spacingMm: [SPACING_MM, SPACING_MM, SPACING_MM],
    originLps: [flipX ? HIGH : LOW, flipY ? HIGH : LOW, flipZ ? TOP_Z : BOTTOM_Z],
    rowDirection: [flipX ? -1 : 1, 0, 0],
    columnDirection: [0, flipY ? -1 : 1, 0],
    sliceNormal: [0, 0, flipX !== flipY ? -1 : 1],
  }
  return {
    geometry,
    hu: phantomVoxels(geometry),
    patientPosition: position,
    patient: { patientId: 'ORIENT-1', name: 'ORIENTATION^PHANTOM' },
    studyInstanceUid: `2.25.7700${index}`,
    seriesInstanceUid: `2.25.7710${index}`,
    studyDate: `2024-0${index + 1}-15`,
    studyTime: '100000',
    seriesDescription: `Axial ${position}`,
  }
}

/** Edge band (image pixels) left out when looking for the block: the edge letters live there. */
const EDGE_BAND_PX = 30

/** Centre of the brightest grey pixels inside the edge band, in image pixels. */
function brightCentre(image: Rgba): [number, number] {
  const grey = (x: number, y: number) => image.data[4 * (y * image.width + x)]
  const inside = (visit: (x: number, y: number) => void) => {
    for (let y = EDGE_BAND_PX; y < image.height - EDGE_BAND_PX; y++) {
      for (let x = EDGE_BAND_PX; x < image.width - EDGE_BAND_PX; x++) visit(x, y)
    }
  }
  let brightest = 0
  inside((x, y) => (brightest = Math.max(brightest, grey(x, y))))
  let [sx, sy, count] = [0, 0, 0]
  inside((x, y) => {
    if (grey(x, y) < brightest - 8) return
    sx += x
    sy += y
    count++
  })
  assert.ok(count > 200, `the bright block shows (${count} pixels of grey ${brightest})`)
  return [sx / count, sy / count]
}

/** The letters at the left, right, top and bottom edges of a study view. */
function edgeLetters(view: Locator): Promise<string[]> {
  return Promise.all(
    ['left', 'right', 'top', 'bottom'].map((edge) => view.getByTestId(`edge-${edge}`).innerText()),
  )
}

/** The label of the select's option whose text matches `pattern`. */
async function optionLabel(select: Locator, pattern: RegExp): Promise<string> {
  const labels = await select.locator('option').allInnerTexts()
  const label = labels.find((text) => pattern.test(text))
  assert.ok(label, `an option matches ${pattern}: ${JSON.stringify(labels)}`)
  return label.trim()
}

export const orientationSpec: E2eSpec = {
  title: 'studies scanned feet first or prone are shown the same way round as head first supine',
  async run({ browser, host }) {
    const folder = await mkdtemp(join(tmpdir(), 'lt-e2e-orientation-'))
    try {
      const positions = ['HFS', 'FFS', 'HFP'] as const
      for (const [index, position] of positions.entries()) {
        await writeCtSeries(join(folder, position), scan(position, index))
      }
      await writeCtSeries(join(folder, 'HFS-coronal'), coronalReformat(scan('HFS', 0)))
      await withAppPage(browser, async (app) => {
        await app.open(host.url)
        await app.importFolder(folder)
        await app.closeDialog()
        await app.page.getByTestId('study-date').filter({ hasText: '2024-03-15' }).waitFor()
        await app.waitUntilSettled()
        assert.equal(await app.studyViews.count(), positions.length)
        const places: [number, number][] = []
        for (const [index, position] of positions.entries()) {
          const view = app.studyView(`2.25.7700${index}`)
          assert.deepEqual(
            await edgeLetters(view),
            ['R', 'L', 'A', 'P'],
            `edge letters of the ${position} study`,
          )
          // Without bookmarks only the images can place a study; the view says whether they did.
          assert.match(await view.getByTestId('alignment').innerText(), /^(Aligned by|Not aligned)/)
          const { image } = await viewportImage(view)
          const [x, y] = brightCentre(image)
          const place: [number, number] = [x / image.width, y / image.height]
          assert.ok(
            place[0] > 0.55 && place[1] < 0.45,
            `the ${position} study shows the left anterior block at the top right, not at ` +
              `(${place.map((v) => v.toFixed(2)).join(', ')}) of the view`,
          )
          places.push(place)
        }
        for (const place of places.slice(1)) {
          assert.ok(
            Math.hypot(place[0] - places[0][0], place[1] - places[0][1]) < 0.02,
            `every study shows the block at one place: ${JSON.stringify(places)}`,
          )
        }

        // The first study also has a coronal reformat: picked, it is shown from the front, head up.
        const first = app.studyView('2.25.77000')
        const select = first.getByTestId('series-select')
        assert.match(await select.innerText(), /Coronal MPR · coronal/)
        await select.selectOption({ label: await optionLabel(select, /coronal/) })
        await first.getByTestId('edge-top').filter({ hasText: /^S$/ }).waitFor()
        assert.deepEqual(await edgeLetters(first), ['R', 'L', 'S', 'I'])
        // S steps the active view to the study's next series: back to the axial one.
        await first.getByTestId('study-date').click()
        await app.page.keyboard.press('s')
        await first.getByTestId('edge-top').filter({ hasText: /^A$/ }).waitFor()
        assert.match(await optionLabel(select, /axial/), /Axial HFS/)
        assert.equal(
          await select.inputValue(),
          '2.25.77100',
          'the select follows the series the key showed',
        )
      })
    } finally {
      await rm(folder, { recursive: true, force: true })
    }
  },
}
