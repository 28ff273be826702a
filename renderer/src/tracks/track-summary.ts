/**
 * What a Tracks panel row says about one track, computed without Vue: the long axis at each study
 * of the patient, and the change from baseline in percent, as in a sum-of-diameters table.
 */
import type { TrackRecord } from '../../../electron/api/tracks'

/** The long axis of the track in one study; null where the lesion was not seen. */
export interface StudySize {
  studyInstanceUid: string
  /** The bookmark measured there (the longest one if the study holds duplicates). */
  bookmarkId: string | null
  longAxisMm: number | null
}

export interface TrackSummary {
  sizes: StudySize[]
  /**
   * Latest long axis against the baseline one, in percent; null when the lesion is absent from
   * the baseline study (a new lesion) or was measured only once.
   */
  changeFromBaselinePercent: number | null
  /** True when the lesion first appears after the patient's first study. */
  isNew: boolean
}

/** Sizes of `track` in every study of `studyUids` (oldest first). */
export function summarizeTrack(track: TrackRecord, studyUids: readonly string[]): TrackSummary {
  const sizes = studyUids.map((studyInstanceUid): StudySize => {
    const here = track.timepoints.filter((p) => p.studyInstanceUid === studyInstanceUid)
    const longest = here.reduce<(typeof here)[number] | null>(
      (best, p) => (best === null || p.longAxisMm > best.longAxisMm ? p : best),
      null,
    )
    return {
      studyInstanceUid,
      bookmarkId: longest?.bookmarkId ?? null,
      longAxisMm: longest?.longAxisMm ?? null,
    }
  })
  const measured = sizes.filter((s) => s.longAxisMm !== null)
  const baseline = sizes[0]?.longAxisMm ?? null
  const latest = measured.at(-1)
  const changeFromBaselinePercent =
    baseline !== null && latest && latest !== sizes[0] && latest.longAxisMm !== null
      ? ((latest.longAxisMm - baseline) / baseline) * 100
      : null
  return { sizes, changeFromBaselinePercent, isNew: baseline === null && measured.length > 0 }
}

/** '18 → 20 → 25 mm', with '—' where the lesion was not seen. */
export function formatSizes(sizes: readonly StudySize[]): string {
  const values = sizes.map((s) => (s.longAxisMm === null ? '—' : s.longAxisMm.toFixed(0)))
  return `${values.join(' → ')} mm`
}

/** '+39 %', '−12 %', '0 %'. */
export function formatChange(percent: number): string {
  const rounded = Math.round(percent)
  if (rounded === 0) return '0 %'
  return `${rounded > 0 ? '+' : '−'}${Math.abs(rounded)} %`
}
