// A reader picks what a study view shows by these names: the scanner's number and description,
// the plane and the slices must make a study's reconstructions tell apart.
import { describe, expect, it } from 'vitest'
import type { SeriesRecord } from '../../../electron/api/records'
import { seriesLabel } from '../../../renderer/src/viewer/series-label'
import { axial } from './geometries'

const record = (geometry: SeriesRecord['geometry'], description: string): SeriesRecord => ({
  seriesInstanceUid: '1.2',
  studyInstanceUid: '1',
  modality: 'CT',
  description,
  seriesNumber: 3,
  geometry,
})

describe('seriesLabel', () => {
  it('names the number, description, plane and slices of axial and reformatted series', () => {
    expect(seriesLabel(record(axial, 'LUNG 1.0'))).toBe('3 · LUNG 1.0 · axial, 60 × 2.5 mm')
    const coronal = {
      ...axial,
      columnDirection: [0, 0, -1] as [number, number, number],
      sliceNormal: [0, 1, 0] as [number, number, number],
    }
    expect(seriesLabel(record(coronal, ''))).toBe('3 · coronal, 60 × 2.5 mm')
    const sagittal = {
      ...coronal,
      rowDirection: [0, 1, 0] as [number, number, number],
      sliceNormal: [1, 0, 0] as [number, number, number],
    }
    expect(seriesLabel(record(sagittal, 'SAG MPR'))).toBe('3 · SAG MPR · sagittal, 60 × 2.5 mm')
  })
})
