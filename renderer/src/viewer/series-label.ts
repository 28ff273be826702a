/**
 * How a series is named where a reader picks what a study view shows: its number and description
 * as the scanner wrote them, its plane, and its slices, so that the 5 mm soft-tissue series, the
 * 1 mm lung series and a coronal reformat of one study tell apart at a glance.
 */
import type { SeriesRecord } from '../../../electron/api/records'
import { slicePlane } from './display-axes'

/** "3 · LUNG 1.0 · axial, 300 × 1.0 mm" (number, description, plane, slices × spacing). */
export function seriesLabel(series: SeriesRecord): string {
  const { dims, spacingMm } = series.geometry
  const name = [String(series.seriesNumber), series.description].filter(Boolean).join(' · ')
  return `${name} · ${slicePlane(series.geometry)}, ${dims[2]} × ${spacingMm[2].toFixed(1)} mm`
}
