/**
 * One patient's voxels for patch extraction, for the batch commands (`patches`, `embed`) that walk
 * a folder patient by patient: an import that left its pixels on disk is decoded one patient at a
 * time, so a folder of any size (DeepLesion's 10,000 series) needs the memory of one patient.
 */
import type { ImportResult } from '../import/result'
import type { ImportIssue } from '../model/types'
import type { PatchVolume } from './extract'

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
