/**
 * Reader of a DLS benchmark split (e.g. valid.json of Deep Lesion Tracker): directed lesion
 * pairs → distinct lesions keyed by RECIST slice and coordinates, and the unordered pairs.
 * Only label-free fields are read: key slice, RECIST end points, spacing.
 */
import type { Vec3 } from '../geometry/frames'

export interface DlsLesion {
  /** `<recist slice>@<8 RECIST coordinates with one decimal, comma-joined>`. */
  key: string
  patientId: string
  /** Study and series numbers from the slice name (`PPPPPP_SS_RR/KKK.png`). */
  studyIndex: number
  seriesIndex: number
  /** Key slice index (the KKK of the slice name). */
  sliceIndex: number
  /** Long axis (x1 y1 x2 y2) then short axis (x1 y1 x2 y2), in pixels. */
  recistPx: number[]
  spacingMm: Vec3
}

export interface DlsSplit {
  /** Distinct lesions in order of first appearance. */
  lesions: DlsLesion[]
  /** Unordered pairs of lesion keys (the same lesion in two scans), each once. */
  pairs: [string, string][]
  /** One line per entry that could not be read, naming it and what is wrong. */
  issues: string[]
}

const SLICE_NAME = /^(\d+)_(\d+)_(\d+)\/(\d+)\.png$/

/** The DLS lesion key of a RECIST slice name and its 8 coordinates. */
export function dlsLesionKey(slice: string, recistPx: readonly number[]): string {
  return `${slice}@${recistPx.map((v) => v.toFixed(1)).join(',')}`
}

function readSide(entry: Record<string, unknown>, side: 'source' | 'target'): DlsLesion | string {
  const slice = entry[`${side} recist slice`]
  const coordinates = entry[`${side} recist coordinate`]
  const spacing = entry[`${side} spacing`]
  if (typeof slice !== 'string') return `'${side} recist slice' is missing`
  const m = SLICE_NAME.exec(slice)
  if (!m) return `'${side} recist slice' is '${slice}', not PPPPPP_SS_RR/KKK.png`
  const isNumbers = (v: unknown, n: number): v is number[] =>
    Array.isArray(v) &&
    v.length === n &&
    v.every((x) => typeof x === 'number' && Number.isFinite(x))
  if (!isNumbers(coordinates, 8)) return `'${side} recist coordinate' must be 8 finite numbers`
  if (!isNumbers(spacing, 3) || spacing.some((s) => s <= 0)) {
    return `'${side} spacing' must be 3 positive numbers (mm)`
  }
  return {
    key: dlsLesionKey(slice, coordinates),
    patientId: m[1],
    studyIndex: Number(m[2]),
    seriesIndex: Number(m[3]),
    sliceIndex: Number(m[4]),
    recistPx: coordinates,
    spacingMm: [spacing[0], spacing[1], spacing[2]],
  }
}

/** Reads a parsed DLS split; `file` names it in the issues. */
export function parseDlsSplit(json: unknown, file: string): DlsSplit {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new Error(
      `${file}: a DLS split is a JSON object of lesion pairs ("0001": {source…, target…})`,
    )
  }
  const lesions = new Map<string, DlsLesion>()
  const pairs = new Map<string, [string, string]>()
  const issues: string[] = []
  for (const [id, value] of Object.entries(json as Record<string, unknown>)) {
    if (typeof value !== 'object' || value === null) {
      issues.push(`${file}: entry ${id} is not an object; skipped`)
      continue
    }
    const sides = [
      readSide(value as Record<string, unknown>, 'source'),
      readSide(value as Record<string, unknown>, 'target'),
    ]
    const problems = sides.filter((s): s is string => typeof s === 'string')
    if (problems.length > 0) {
      issues.push(`${file}: entry ${id}: ${problems.join('; ')}; skipped`)
      continue
    }
    const [a, b] = sides as DlsLesion[]
    if (a.patientId !== b.patientId) {
      issues.push(
        `${file}: entry ${id} pairs lesions of patients ${a.patientId} and ${b.patientId}; skipped`,
      )
      continue
    }
    for (const lesion of [a, b]) if (!lesions.has(lesion.key)) lesions.set(lesion.key, lesion)
    if (a.key === b.key) continue
    const pair: [string, string] = a.key < b.key ? [a.key, b.key] : [b.key, a.key]
    pairs.set(pair.join('|'), pair)
  }
  return { lesions: [...lesions.values()], pairs: [...pairs.values()], issues }
}
