/**
 * Synthetic volumes written both as a classic CT series and as one multi-frame file (Enhanced CT
 * or Legacy Converted Enhanced CT), and the check that the multi-frame file imports the same.
 */
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { expect } from 'vitest'
import {
  writeCtSeries,
  type CtVolumeToWrite,
  type WrittenCtSeries,
} from '../../../electron/core/dicom/write/ct-series'
import {
  writeEnhancedCt,
  type EnhancedCtOptions,
  type WrittenEnhancedCt,
} from '../../../electron/core/dicom/write/enhanced-ct'
import { readDicomFolder } from '../../../electron/core/import/dicom-folder'
import { syntheticVolume, type SeriesSpec } from './fixtures'

export type FolderImport = Awaited<ReturnType<typeof readDicomFolder>>

/** One volume, its classic series as imported, and its multi-frame file as written. */
export interface MultiFrameCase {
  volume: CtVolumeToWrite
  classic: FolderImport
  enhancedFile: string
  written: WrittenEnhancedCt
}

export const MULTI_FRAME_SPECS: Record<string, SeriesSpec> = {
  // Head first supine: frames run from the most superior slice down, against k.
  'signed16 axial': { dims: [40, 32, 9], seriesUid: '2.25.8101' },
  // 12 bits stored, and a slice normal pointing to the feet: frames run along k.
  'unsigned12 normal to the feet': {
    dims: [24, 20, 7],
    seriesUid: '2.25.8102',
    storage: 'unsigned12',
    geometry: { columnDirection: [0, -1, 0], sliceNormal: [0, 0, -1], spacingMm: [0.6, 0.9, 3] },
  },
}

/**
 * Writes each of MULTI_FRAME_SPECS into `dir`: the classic series (imported at once) and the
 * multi-frame file EN0001.dcm, written with the options `optionsFor` gives for that series.
 */
export async function writeMultiFrameCases(
  dir: string,
  optionsFor: (classic: WrittenCtSeries) => EnhancedCtOptions = () => ({}),
): Promise<Map<string, MultiFrameCase>> {
  const cases = new Map<string, MultiFrameCase>()
  for (const [name, spec] of Object.entries(MULTI_FRAME_SPECS)) {
    const volume = syntheticVolume(spec)
    const classicDir = join(dir, `classic-${spec.seriesUid}`)
    const classicSeries = await writeCtSeries(classicDir, volume)
    const enhancedDir = join(dir, `enhanced-${spec.seriesUid}`)
    mkdirSync(enhancedDir)
    const enhancedFile = join(enhancedDir, 'EN0001.dcm')
    const written = await writeEnhancedCt(enhancedFile, volume, optionsFor(classicSeries))
    cases.set(name, { volume, classic: await readDicomFolder(classicDir), enhancedFile, written })
  }
  return cases
}

export function errorsOf(result: FolderImport) {
  return result.issues.filter((issue) => issue.severity === 'error')
}

/** Same voxels and geometry as the classic import; each slice's frame and class as written. */
export function expectSameAsClassic(
  imported: FolderImport,
  source: Pick<MultiFrameCase, 'volume' | 'classic' | 'written'>,
): void {
  expect(errorsOf(imported)).toEqual([])
  expect(imported.series).toHaveLength(1)
  const [series] = imported.series
  const [classicSeries] = source.classic.series
  const hu = imported.volumes.get(series.seriesInstanceUid)!
  const classicHu = source.classic.volumes.get(classicSeries.seriesInstanceUid)!
  let mismatches = 0
  for (let n = 0; n < hu.length; n++) if (hu[n] !== classicHu[n]) mismatches++
  expect({ voxels: hu.length, mismatches }).toEqual({
    voxels: source.volume.hu.length,
    mismatches: 0,
  })
  expect(Array.from(classicHu)).toEqual(Array.from(source.volume.hu))
  expect(series.geometry).toEqual(classicSeries.geometry)
  for (const key of ['originLps', 'spacingMm', 'sliceNormal'] as const) {
    series.geometry[key].forEach((value, axis) =>
      expect(value).toBeCloseTo(source.volume.geometry[key][axis], 4),
    )
  }
  expect(series.frameNumbers).toEqual(source.written.frameNumbers)
  expect(series.sopClassUids).toEqual(series.frameNumbers!.map(() => source.written.sopClassUid))
  expect(new Set(series.sopInstanceUids)).toEqual(new Set([source.written.sopInstanceUid]))
}
