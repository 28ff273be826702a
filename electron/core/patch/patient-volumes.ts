/**
 * One patient's voxels for patch extraction, for the batch commands (`patches`, `embed`) that walk
 * a folder patient by patient: an import that left its pixels on disk is decoded one patient at a
 * time, so a folder of any size (DeepLesion's 10,000 series) needs the memory of one patient.
 */
import type { ImportResult } from '../import/result'
import type { ImportIssue } from '../model/types'
import type { PatchVolume } from './extract'

/** `items` grouped by patient (`patientOf`), patients in the order they first come. */
export function byPatient<T>(
  items: readonly T[],
  patientOf: (item: T) => string,
): Map<string, T[]> {
  const groups = new Map<string, T[]>()
  for (const item of items) {
    const patientId = patientOf(item)
    const group = groups.get(patientId)
    if (group) group.push(item)
    else groups.set(patientId, [item])
  }
  return groups
}

/**
 * The volumes of every series of `patientId`, keyed by SeriesInstanceUID: decoded now when the
 * import deferred them; a series that cannot be decoded is left out and its issue added to
 * `issues`.
 */
export async function patientVolumes(
  result: ImportResult,
  patientId: string,
  issues: ImportIssue[],
): Promise<Map<string, PatchVolume>> {
  const studyUids = new Set(
    result.studies.filter((s) => s.patientId === patientId).map((s) => s.studyInstanceUid),
  )
  const volumes = new Map<string, PatchVolume>()
  for (const series of result.series.filter((s) => studyUids.has(s.studyInstanceUid))) {
    const { seriesInstanceUid, geometry } = series
    const kept = result.volumes.get(seriesInstanceUid)
    if (kept) {
      volumes.set(seriesInstanceUid, { geometry, hu: kept })
      continue
    }
    if (!result.readVolume) continue
    const read = await result.readVolume(seriesInstanceUid)
    if (read.ok) volumes.set(seriesInstanceUid, { geometry, hu: read.hu })
    else issues.push(read.issue)
  }
  return volumes
}
