// A series may hold two passes of the scanner over the same positions (two contrast phases
// exported as one series). Told apart by AcquisitionNumber, the fullest pass must be imported,
// exactly, with one warning naming what was left out; two runs that only overlap at their ends,
// or passes without AcquisitionNumber, stay rejected as two slices at one position.
import { cpSync, readdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readDicomFolder } from '../../../electron/core/import/dicom-folder'
import { runTool, tempFolder, writeSyntheticSeries } from './fixtures'

const temp = tempFolder('acquisition-passes')
afterAll(temp.remove)
const SERIES = '2.25.9301'
let original: Awaited<ReturnType<typeof writeSyntheticSeries>>
/** Each copied pass gets SOP Instance UIDs of its own. */
let copiedPasses = 0

/** Sets AcquisitionNumber (and, for a copied pass, a new SOP Instance UID) of every file. */
function stamp(folder: string, acquisition: number | null, sopPrefix?: string): string[] {
  const files = readdirSync(folder).map((name) => join(folder, name))
  files.forEach((file, k) => {
    const edits =
      acquisition === null ? ['-e', '(0020,0012)'] : ['-i', `(0020,0012)=${acquisition}`]
    if (sopPrefix) edits.push('-m', `(0008,0018)=${sopPrefix}.${k + 1}`)
    runTool('dcmodify', ['-nb', '-ie', ...edits, file])
  })
  return files
}

/** A folder with pass 1 as written and a copy of it as another pass. */
function twoPasses(name: string, first: number | null, second: number | null, dropOne: boolean) {
  const root = join(temp.dir, name)
  cpSync(join(temp.dir, 'pass'), join(root, 'a'), { recursive: true })
  cpSync(join(temp.dir, 'pass'), join(root, 'b'), { recursive: true })
  stamp(join(root, 'a'), first)
  const copied = stamp(join(root, 'b'), second, `2.25.9302.${++copiedPasses}`)
  if (dropOne) rmSync(copied[2])
  return root
}

beforeAll(async () => {
  original = await writeSyntheticSeries(join(temp.dir, 'pass'), {
    dims: [16, 12, 6],
    seriesUid: SERIES,
  })
})

describe('a series holding two passes over the same positions', () => {
  it('imports the fuller pass exactly, with one warning naming what was left out', async () => {
    const result = await readDicomFolder(twoPasses('fuller', 1, 2, true))
    expect(result.series.map((s) => s.geometry.dims)).toEqual([[16, 12, 6]])
    expect(result.volumes.get(SERIES)).toEqual(original.volume.hu)
    expect(result.series[0].sourceFiles.every((file) => file.includes('/a/'))).toBe(true)
    expect(result.issues.map((i) => `${i.code} ${i.severity}`)).toEqual(['several-passes warning'])
    expect(result.issues[0].message).toMatch(
      /holds 2 passes over the same positions \(acquisitions 1, 2\): acquisition 1 \(6 slices\) was imported, the other 5 slice\(s\) left out/,
    )
  })

  it('keeps the lower acquisition number of two equal passes', async () => {
    const result = await readDicomFolder(twoPasses('equal', 3, 2, false))
    expect(result.series[0].sourceFiles.every((file) => file.includes('/b/'))).toBe(true)
    expect(result.issues[0].message).toMatch(/acquisition 2 \(6 slices\) was imported/)
  })

  it('rejects two runs that only overlap at their ends, rather than lose one', async () => {
    const root = join(temp.dir, 'overlapping-runs')
    cpSync(join(temp.dir, 'pass'), join(root, 'a'), { recursive: true })
    stamp(join(root, 'a'), 1)
    await writeSyntheticSeries(join(root, 'b'), {
      dims: [16, 12, 6],
      seriesUid: SERIES,
      // Four 2.5 mm steps further: two of its six places are the first run's.
      geometry: { originLps: [-20.5, -15.25, -90] },
    })
    stamp(join(root, 'b'), 2, `2.25.9302.${++copiedPasses}`)
    const result = await readDicomFolder(root)
    expect(result.series).toEqual([])
    expect(result.issues.map((i) => i.code)).toEqual(['duplicate-position'])
  })

  it('rejects the series as before when AcquisitionNumber does not tell the passes apart', async () => {
    const result = await readDicomFolder(twoPasses('unnumbered', 1, null, true))
    expect(result.series).toEqual([])
    expect(result.issues.map((i) => i.code)).toEqual(['duplicate-position'])
  })
})
