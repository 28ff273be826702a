/**
 * Figures of a synthetic data set to set beside the real-world ones in DESIGN.md (measured on the
 * DLS benchmark): lesion sizes, follow-up size ratios, slice and pixel spacing, bookmarks per
 * study and how far the same lesion moves in scanner coordinates between studies.
 */
import type { Truth } from './truth'

export interface Percentiles {
  p5: number
  p25: number
  median: number
  p75: number
  p95: number
  count: number
}

export interface RealismFigures {
  longAxisMm: Percentiles
  shortToLong: Percentiles
  /** Long axis at a follow-up over the long axis at the previous bookmark of the same lesion. */
  followUpRatio: Percentiles
  pixelSpacingMm: Percentiles
  bookmarksPerStudy: Percentiles
  /** In-plane distance (scanner x, y) between bookmarks of the same lesion in consecutive studies. */
  inPlaneShiftMm: Percentiles
  /** Share of studies by slice spacing (mm → fraction). */
  sliceSpacingShare: Record<string, number>
  lesionTypes: number[]
}

/** Percentiles by linear interpolation between order statistics. */
export function percentiles(values: number[]): Percentiles {
  const sorted = [...values].sort((a, b) => a - b)
  const at = (p: number) => {
    if (sorted.length === 0) return NaN
    const position = p * (sorted.length - 1)
    const low = Math.floor(position)
    const high = Math.min(sorted.length - 1, low + 1)
    return sorted[low] + (sorted[high] - sorted[low]) * (position - low)
  }
  return {
    p5: at(0.05),
    p25: at(0.25),
    median: at(0.5),
    p75: at(0.75),
    p95: at(0.95),
    count: sorted.length,
  }
}

/** The figures of a data set's bookmarks and studies (see RealismFigures). */
export function realismFigures(truth: Truth): RealismFigures {
  const bookmarks = truth.patients.flatMap((p) => p.bookmarks)
  const studies = truth.patients.flatMap((p) => p.studies)
  const ratios: number[] = []
  const shifts: number[] = []
  for (const patient of truth.patients) {
    const order = new Map(patient.studies.map((s) => [s.studyInstanceUid, s.studyIndex]))
    for (const lesion of patient.lesions) {
      const marks = patient.bookmarks
        .filter((b) => b.lesionId === lesion.lesionId)
        .sort((a, b) => (order.get(a.studyInstanceUid) ?? 0) - (order.get(b.studyInstanceUid) ?? 0))
      for (let n = 1; n < marks.length; n++) {
        ratios.push(marks[n].longAxisMm / marks[n - 1].longAxisMm)
        const [a, b] = [marks[n - 1].centerScannerLps, marks[n].centerScannerLps]
        shifts.push(Math.hypot(a[0] - b[0], a[1] - b[1]))
      }
    }
  }
  const spacingCounts: Record<string, number> = {}
  for (const s of studies)
    spacingCounts[s.sliceSpacingMm] = (spacingCounts[s.sliceSpacingMm] ?? 0) + 1
  const sliceSpacingShare = Object.fromEntries(
    Object.entries(spacingCounts).map(([mm, count]) => [mm, count / studies.length]),
  )
  return {
    longAxisMm: percentiles(bookmarks.map((b) => b.longAxisMm)),
    shortToLong: percentiles(bookmarks.map((b) => b.shortAxisMm / b.longAxisMm)),
    followUpRatio: percentiles(ratios),
    pixelSpacingMm: percentiles(studies.map((s) => s.pixelSpacingMm)),
    bookmarksPerStudy: percentiles(
      studies.map((s) => bookmarks.filter((b) => b.studyInstanceUid === s.studyInstanceUid).length),
    ),
    inPlaneShiftMm: percentiles(shifts),
    sliceSpacingShare,
    lesionTypes: [...new Set(truth.patients.flatMap((p) => p.lesions.map((l) => l.type)))].sort(),
  }
}

const fmt = (p: Percentiles, digits = 1) =>
  `p5 ${p.p5.toFixed(digits)}  p25 ${p.p25.toFixed(digits)}  median ${p.median.toFixed(digits)}  ` +
  `p75 ${p.p75.toFixed(digits)}  p95 ${p.p95.toFixed(digits)}  (n = ${p.count})`

/** The figures as lines of text, each with the real-world target it should be compared with. */
export function describeRealism(figures: RealismFigures): string[] {
  const shares = Object.entries(figures.sliceSpacingShare)
    .sort(([a], [b]) => Number(b) - Number(a))
    .map(([mm, share]) => `${mm} mm ${(share * 100).toFixed(0)} %`)
    .join(', ')
  return [
    `long axis (mm)          ${fmt(figures.longAxisMm)}   [DLS: 6.9 / 14.0 / 19.7 / 32.4 / 64.0]`,
    `short / long            ${fmt(figures.shortToLong, 2)}   [DLS: p5 0.46, median 0.75, p95 0.96]`,
    `follow-up / previous    ${fmt(figures.followUpRatio, 2)}   [DLS: 0.76 / 0.92 / 1.00 / 1.09 / 1.31]`,
    `pixel spacing (mm)      ${fmt(figures.pixelSpacingMm, 2)}   [DLS: p5 0.65, median 0.82, p95 0.98]`,
    `bookmarks per study     ${fmt(figures.bookmarksPerStudy)}   [DLS: median 1, p95 4, max 8]`,
    `in-plane shift (mm)     ${fmt(figures.inPlaneShiftMm)}   [DLS from the image centre: median 18, p90 37]`,
    `slice spacing           ${shares}   [DLS: 5 mm 62 %, 1 mm 35 %, 2–3 mm rest]`,
    `lesion types            ${figures.lesionTypes.join(', ')}`,
  ]
}
