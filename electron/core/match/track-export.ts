/**
 * Tracks as files a research coordinator can use: a JSON document with every track, link,
 * study transform and issue, and a CSV with one row per bookmark in track and study order.
 */
import { csvField } from '../deeplesion/csv'
import type { Bookmark, Study } from '../model/types'
import { LESION_TYPE_NAMES } from '../model/types'
import type { RecistAssessment } from '../response/types'
import type { PatientMatch } from './types'

export const TRACK_CSV_COLUMNS = [
  'patient_id',
  'track_id',
  'study_index',
  'study_date',
  'study_uid',
  'series_uid',
  'bookmark_id',
  'label',
  'bookmark_source',
  'lesion_type',
  'long_axis_mm',
  'short_axis_mm',
  'center_lps_x',
  'center_lps_y',
  'center_lps_z',
  'patient_frame_x',
  'patient_frame_y',
  'patient_frame_z',
  'probability_from_previous',
  'track_explanation',
] as const

/**
 * The JSON document of `lesiontrack track`: the matches as they are, each patient's RECIST 1.1
 * reading (null where none was made), plus what produced them.
 */
export function tracksToJson(
  matches: readonly PatientMatch[],
  matcher: string,
  responses: ReadonlyMap<string, RecistAssessment | null> = new Map(),
): unknown {
  return {
    matcher,
    patients: matches.map((m) => ({
      patientId: m.patientId,
      transforms: m.transforms,
      tracks: m.tracks,
      links: m.links,
      issues: m.issues,
      response: responses.get(m.patientId) ?? null,
    })),
  }
}

/**
 * One CSV row per bookmark: its track, study, measurements, scanner and patient-frame centre,
 * and the probability of the link from the previous lesion of its track (empty for the first).
 */
export function tracksToCsv(
  matches: readonly PatientMatch[],
  bookmarks: readonly Bookmark[],
  studies: readonly Study[],
): string {
  const bookmarkOf = new Map(bookmarks.map((b) => [b.bookmarkId, b]))
  const studyOf = new Map(studies.map((s) => [s.studyInstanceUid, s]))
  const rows: string[] = [TRACK_CSV_COLUMNS.join(',')]
  for (const match of matches) {
    const translationOf = new Map(match.transforms.map((t) => [t.studyId, t.translationMm]))
    const linkProbability = new Map(
      match.links
        .filter((l) => l.kept)
        .map((l) => [`${l.lesionIdA}|${l.lesionIdB}`, l.probability]),
    )
    for (const track of match.tracks) {
      let previous: string | undefined
      for (const id of track.lesionIds) {
        const b = bookmarkOf.get(id)
        if (!b) continue
        const study = studyOf.get(b.studyInstanceUid)
        const t = translationOf.get(b.studyInstanceUid) ?? [0, 0, 0]
        const probability = previous ? linkProbability.get(`${previous}|${id}`) : undefined
        const row = [
          b.patientId,
          track.trackId,
          study?.studyIndex ?? '',
          study?.studyDate ?? '',
          b.studyInstanceUid,
          b.seriesInstanceUid,
          b.bookmarkId,
          b.label,
          b.source,
          LESION_TYPE_NAMES[b.lesionType],
          b.longAxisMm.toFixed(1),
          b.shortAxisMm?.toFixed(1) ?? '',
          ...b.centerLps.map((v) => v.toFixed(2)),
          ...b.centerLps.map((v, d) => (v + t[d]).toFixed(2)),
          probability === undefined ? '' : probability.toFixed(4),
          track.explanation,
        ]
        rows.push(row.map((v) => csvField(v)).join(','))
        previous = id
      }
    }
  }
  return rows.join('\n') + '\n'
}
