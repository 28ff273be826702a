/**
 * A series that holds two or more passes of the scanner over the same positions (two contrast
 * phases, a repeated run) exported as one series: its slices cannot form one volume. When their
 * AcquisitionNumber tells the passes apart, the fullest pass is imported and the others are left
 * out with a warning, instead of losing the whole series to "two slices at one position".
 */
import type { ImageHeader } from '../dicom/image-header'
import { importIssue } from '../model/import-issue'
import type { ImportIssue } from '../model/types'
import { capitalize, seriesLabel } from './dicom-issues'

/** A pass repeats the kept one when at least this share of its slices lie at the kept places. */
const MOSTLY_SAME = 0.5

/** Slice positions closer than 0.01 mm are one place (DS strings of one position may differ). */
function placeOf(header: ImageHeader): string | null {
  if (header.frame || !header.imagePositionLps) return null
  return header.imagePositionLps.map((v) => Math.round(v * 100)).join(',')
}

function hasTwoAtOnePlace(headers: readonly ImageHeader[]): boolean {
  const places = new Set<string>()
  for (const header of headers) {
    const place = placeOf(header)
    if (place === null) continue
    if (places.has(place)) return true
    places.add(place)
  }
  return false
}

/**
 * The slices of the fullest pass (the lowest AcquisitionNumber among equals) when the series'
 * slices repeat places, each pass alone does not, and every other pass lies mostly at the fullest
 * one's places; otherwise the slices unchanged (a series of one pass, or repeats that
 * AcquisitionNumber does not explain, which the layout then rejects).
 */
export function onePass(headers: ImageHeader[], warnings: ImportIssue[]): ImageHeader[] {
  if (!hasTwoAtOnePlace(headers)) return headers
  const passes = new Map<number, ImageHeader[]>()
  for (const header of headers) {
    if (header.acquisitionNumber === null) return headers
    const pass = passes.get(header.acquisitionNumber)
    if (pass) pass.push(header)
    else passes.set(header.acquisitionNumber, [header])
  }
  if (passes.size < 2 || [...passes.values()].some(hasTwoAtOnePlace)) return headers
  const [kept, ...left] = [...passes].sort(([a, x], [b, y]) => y.length - x.length || a - b)
  // Runs that only meet at their ends (a chest run and an abdomen run) are not passes over the
  // same positions: leaving one out would lose anatomy, so the layout rejects them as before.
  const keptPlaces = new Set(kept[1].map(placeOf))
  const repeats = ([, slices]: [number, ImageHeader[]]) =>
    slices.filter((h) => keptPlaces.has(placeOf(h))).length >= MOSTLY_SAME * slices.length
  if (!left.every(repeats)) return headers
  const leftOut = left.reduce((sum, [, slices]) => sum + slices.length, 0)
  warnings.push(
    importIssue(
      kept[1][0].path,
      'several-passes',
      `${capitalize(seriesLabel(kept[1][0]))} holds ${passes.size} passes over the same positions (acquisitions ${[...passes.keys()].sort((a, b) => a - b).join(', ')}): acquisition ${kept[0]} (${kept[1].length} slices) was imported, the other ${leftOut} slice(s) left out, with any bookmark drawn on them.`,
      'To follow lesions on another pass, export it from PACS as a series of its own and import it.',
      'warning',
    ),
  )
  return kept[1]
}
