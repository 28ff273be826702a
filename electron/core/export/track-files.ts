/**
 * The files a research coordinator takes away for one patient: a CSV with one row per bookmark
 * (its track, study, diameters, link probability, target status and the study's RECIST category)
 * and a JSON document with the tracks, studies and response reading; optionally de-identified.
 */
import { deriveUid } from '../dicom/write/uid'
import { csvField } from '../deeplesion/csv'
import type { PatientRecords } from '../../api/records'
import type { PatientTracks, StudyTransformRecord } from '../../api/tracks'
import { LESION_TYPE_NAMES } from '../model/types'
import type { RecistAssessment } from '../response/types'
import { daysFromBaseline } from '../model/study-dates'
import type { Pseudonyms } from './pseudonyms'
import { reportHtml } from './report-html'

export const TRACK_EXPORT_COLUMNS = [
  'patient_id',
  'track',
  'track_uid',
  'study_index',
  'study_date',
  'study_day',
  'study_uid',
  'series_uid',
  'bookmark_id',
  'bookmark_source',
  'lesion_type',
  'long_axis_mm',
  'short_axis_mm',
  'probability_from_previous',
  'recist_target',
  'recist_category',
] as const

export interface ExportFile {
  name: string
  /** Text (CSV, JSON) or bytes (DICOM). */
  content: string | Uint8Array
}

/** Identity kept as is, or replaced by pseudonyms (dates then become days from baseline). */
interface Identity {
  patientId: string
  uid: (uid: string) => string
  date: (date: string) => string
  /** A track id ('<patient id>/T3') under the (pseudonymous) patient id. */
  trackId: (trackId: string) => string
  /**
   * Free text (explanations, rules, notes) with the identifiers that text can hold replaced:
   * bookmark ids, study and series UIDs and study dates (the patient's id, name and birth date
   * never appear in it, and a short id replaced everywhere would garble numbers).
   */
  text: (text: string) => string
}

function identityOf(records: PatientRecords, pseudonyms: Pseudonyms | null): Identity {
  const { patient } = records
  if (!pseudonyms) {
    const same = (v: string) => v
    return { patientId: patient.patientId, uid: same, date: same, trackId: same, text: same }
  }
  const patientId = pseudonyms.patientId(patient.patientId)
  // Longest first, so an identifier inside a longer one is not replaced half-way.
  const replacements = [
    ...records.bookmarks.map((b) => [b.bookmarkId, pseudonyms.uid(b.bookmarkId)]),
    ...records.series.map((s) => [s.seriesInstanceUid, pseudonyms.uid(s.seriesInstanceUid)]),
    ...records.studies.map((s) => [s.studyInstanceUid, pseudonyms.uid(s.studyInstanceUid)]),
    ...records.studies.map((s) => [s.studyDate, `study ${s.studyIndex}`]),
  ]
    .filter(([original]) => original !== '')
    .sort((a, b) => b[0].length - a[0].length)
  const ownPrefix = `${patient.patientId}/`
  return {
    patientId,
    uid: pseudonyms.uid,
    date: () => '',
    trackId: (t) => (t.startsWith(ownPrefix) ? `${patientId}/${t.slice(ownPrefix.length)}` : t),
    text: (t) => replacements.reduce((out, [original, by]) => out.split(original).join(by), t),
  }
}

/** The start of an export's file names: the (pseudonymous) patient id, safe in any file system. */
export function exportFileBase(patientId: string): string {
  return patientId.replace(/[^A-Za-z0-9._-]/g, '_')
}

/** The track's UID: derived from its first bookmark, so it is the same on every export. */
export function trackUid(firstBookmarkId: string): string {
  return deriveUid('LesionTrack track', firstBookmarkId)
}

function responseFor(
  response: RecistAssessment | null,
  id: Identity,
  dayOf: Map<string, number | null>,
): RecistAssessment | null {
  if (!response) return null
  return {
    ...response,
    targets: response.targets.map((t) => ({ ...t, trackId: id.trackId(t.trackId) })),
    nonTargets: response.nonTargets.map((t) => ({
      ...t,
      trackId: id.trackId(t.trackId),
      reason: id.text(t.reason),
    })),
    timepoints: response.timepoints.map((t) => ({
      ...t,
      studyId: id.uid(t.studyId),
      studyIds: t.studyIds.map(id.uid),
      label: id.date(t.label) || `day ${dayOf.get(t.studyId) ?? '?'}`,
      rule: id.text(t.rule),
      notMeasured: t.notMeasured.map(id.trackId),
      nonTargetsOpen: t.nonTargetsOpen.map(id.trackId),
    })),
    best: { ...response.best, rule: id.text(response.best.rule) },
    notes: response.notes.map(id.text),
  }
}

/**
 * How the matcher put a study into the patient frame (what placed it, how many lesions vouch for
 * it, its translation in mm and the confidence), or null when it placed it nowhere: a reader of
 * the tracks can tell a track across a well-aligned study from one across a guessed one.
 */
function placementOf(transforms: readonly StudyTransformRecord[], studyUid: string) {
  const t = transforms.find((transform) => transform.studyInstanceUid === studyUid)
  return t
    ? {
        source: t.source,
        supportingLesions: t.supportingLesions,
        translationMm: t.translationMm,
        confidence: t.confidence,
      }
    : null
}

/**
 * The CSV, JSON and HTML report of one patient's tracks. With `pseudonyms`, the patient id, every UID and
 * bookmark id are replaced, names, birth date, sex and descriptions left out, and dates given as
 * days from the first study.
 */
export function trackExportFiles(
  tracks: PatientTracks,
  records: PatientRecords,
  pseudonyms: Pseudonyms | null,
): (ExportFile & { content: string })[] {
  const id = identityOf(records, pseudonyms)
  const studies = [...records.studies].sort((a, b) => a.studyIndex - b.studyIndex)
  const baseline = studies[0]?.studyDate ?? ''
  const dayOf = new Map(
    studies.map((s) => [s.studyInstanceUid, daysFromBaseline(s.studyDate, baseline)]),
  )
  const studyOf = new Map(studies.map((s) => [s.studyInstanceUid, s]))
  const bookmarkOf = new Map(records.bookmarks.map((b) => [b.bookmarkId, b]))
  const response = tracks.response
  const targets = new Set(response?.targets.map((t) => t.trackId))
  const categoryOf = new Map(
    response?.timepoints.flatMap((t) => t.studyIds.map((uid) => [uid, t.category] as const)),
  )
  const rows: string[] = [TRACK_EXPORT_COLUMNS.join(',')]
  const jsonTracks = tracks.tracks.map((track) => {
    const uid = id.uid(trackUid(track.timepoints[0].bookmarkId))
    for (const point of track.timepoints) {
      const study = studyOf.get(point.studyInstanceUid)
      const fields = [
        id.patientId,
        track.label,
        uid,
        study?.studyIndex ?? '',
        id.date(study?.studyDate ?? ''),
        dayOf.get(point.studyInstanceUid) ?? '',
        id.uid(point.studyInstanceUid),
        id.uid(bookmarkOf.get(point.bookmarkId)?.seriesInstanceUid ?? ''),
        id.uid(point.bookmarkId),
        bookmarkOf.get(point.bookmarkId)?.source ?? '',
        LESION_TYPE_NAMES[track.lesionType],
        point.longAxisMm.toFixed(2),
        point.shortAxisMm?.toFixed(2) ?? '',
        point.probabilityFromPrevious === null ? '' : point.probabilityFromPrevious.toFixed(4),
        targets.has(track.trackId) ? 'yes' : 'no',
        categoryOf.get(point.studyInstanceUid) ?? '',
      ]
      rows.push(fields.map((f) => csvField(String(f))).join(','))
    }
    return {
      label: track.label,
      trackUid: uid,
      lesionType: LESION_TYPE_NAMES[track.lesionType],
      timepoints: track.timepoints.map((p) => ({
        studyInstanceUid: id.uid(p.studyInstanceUid),
        bookmarkId: id.uid(p.bookmarkId),
        longAxisMm: p.longAxisMm,
        shortAxisMm: p.shortAxisMm,
        probabilityFromPrevious: p.probabilityFromPrevious,
      })),
      explanation: id.text(track.explanation),
    }
  })
  const { patient } = records
  const json = {
    format: 'lesiontrack-tracks',
    formatVersion: 1,
    deidentified: pseudonyms !== null,
    matcher: tracks.matcher,
    embedder: tracks.embedder?.modelVersion ?? null,
    patient: pseudonyms
      ? { patientId: id.patientId }
      : {
          patientId: patient.patientId,
          name: patient.name,
          birthDate: patient.birthDate,
          sex: patient.sex,
        },
    studies: studies.map((s) => ({
      studyIndex: s.studyIndex,
      studyInstanceUid: id.uid(s.studyInstanceUid),
      studyDate: id.date(s.studyDate) || null,
      studyDay: dayOf.get(s.studyInstanceUid) ?? null,
      ...(pseudonyms ? {} : { description: s.description, accessionNumber: s.accessionNumber }),
      placement: placementOf(tracks.transforms, s.studyInstanceUid),
    })),
    tracks: jsonTracks,
    response: responseFor(response, id, dayOf),
  }
  const base = exportFileBase(id.patientId)
  return [
    { name: `${base}-tracks.csv`, content: rows.join('\n') + '\n' },
    { name: `${base}-tracks.json`, content: JSON.stringify(json, null, 2) + '\n' },
    { name: `${base}-report.html`, content: reportHtml(json) },
  ]
}
