// A series is one volume only when its slices are evenly spaced. Scanners that write
// ImagePositionPatient to 0.1 mm put 0.625 mm slices at steps of 0.6 and 0.7 mm: such a series
// must import at its true spacing, a lost slice in its place; a series whose slices do not lie on
// an even stack must be refused, naming a slice.
import { unlinkSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { readDicomFolder } from '../../../electron/core/import/dicom-folder'
import { runTool, tempFolder, writeSyntheticSeries } from './fixtures'

const temp = tempFolder('slice-spacing')
afterAll(temp.remove)
const DIMS: [number, number, number] = [8, 6, 16]
const ORIGIN_Z = -100

/** Writes a series, then moves slice k to z = `zOf(k)` as its ImagePositionPatient says. */
async function seriesAt(name: string, spacingMm: number, zOf: (k: number) => number) {
  const dir = join(temp.dir, name)
  const { written } = await writeSyntheticSeries(dir, {
    dims: DIMS,
    seriesUid: `2.25.97${name.length}${name.charCodeAt(0)}`,
    geometry: { spacingMm: [0.7, 0.8, spacingMm], originLps: [-20.5, -15.25, ORIGIN_Z] },
  })
  for (const [k, file] of written.files.entries()) {
    runTool('dcmodify', ['-nb', '-m', `(0020,0032)=-20.5\\-15.25\\${zOf(k)}`, file])
  }
  return { dir, files: written.files, sopInstanceUids: written.sopInstanceUids }
}

/** z of slice k of a 0.625 mm stack as a scanner writing one decimal puts it. */
const roundedZ = (k: number) => (Math.round((ORIGIN_Z + 0.625 * k) * 10) / 10).toFixed(1)

describe('slice positions written with one decimal', () => {
  it('import as one volume at the true spacing, each slice at its place', async () => {
    const { dir } = await seriesAt('rounded', 0.625, (k) => Number(roundedZ(k)))
    const result = await readDicomFolder(dir, { deferPixels: true })
    expect(result.issues).toEqual([])
    const [series] = result.series
    expect(series.geometry.dims).toEqual(DIMS)
    // From the first and last slice: off by at most the rounding spread over the stack.
    expect(Math.abs(series.geometry.spacingMm[2] - 0.625)).toBeLessThanOrEqual(0.1 / (DIMS[2] - 1))
  })

  it('leave the place of a lost slice empty, the slices after it at their places', async () => {
    const written = await seriesAt('rounded-gap', 0.625, (k) => Number(roundedZ(k)))
    unlinkSync(written.files[7])
    const result = await readDicomFolder(written.dir, { deferPixels: true })
    expect(result.issues.map((i) => i.code)).toEqual(['missing-slices'])
    expect(result.series[0].geometry.dims).toEqual(DIMS)
    expect(result.series[0].sopInstanceUids).toEqual(
      written.sopInstanceUids.map((uid, k) => (k === 7 ? '' : uid)),
    )
  })
})

describe('slices that are not evenly spaced', () => {
  it('refuse a series whose steps alternate 2 and 3 mm, naming a slice', async () => {
    const { dir } = await seriesAt('alternating', 2.5, (k) => ORIGIN_Z + 2.5 * k - (k % 2) * 0.5)
    const result = await readDicomFolder(dir, { deferPixels: true })
    expect(result.series).toEqual([])
    expect(result.issues.map((i) => i.code)).toEqual(['non-uniform-spacing'])
    expect(result.issues[0].message).toMatch(/lies 0\.\d\d mm from where the series' even/)
  })

  it('refuse a series with one step 0.7 mm too long', async () => {
    const { dir } = await seriesAt(
      'one-long-step',
      2.5,
      (k) => ORIGIN_Z + 2.5 * k + (k > 9 ? 0.7 : 0),
    )
    const result = await readDicomFolder(dir, { deferPixels: true })
    expect(result.issues.map((i) => i.code)).toEqual(['non-uniform-spacing'])
  })
})
