/**
 * The tracks as DICOM: one Comprehensive SR measurement report (TID 1500) per study, each RECIST
 * bookmark a measurement group whose tracking identifier is its track's name and whose tracking
 * UID is its track's UID in every study, so a PACS viewer follows each lesion across the reports.
 * The reports reference the original images, so they are written only with the patient's identity.
 */
import type { PatientRecords } from '../../api/records'
import type { PatientTracks } from '../../api/tracks'
import { CT_IMAGE_STORAGE, ENHANCED_CT_IMAGE_STORAGE } from '../dicom/sop-class'
import { measurementReportBytes, type SrBookmark } from '../dicom/write/measurement-report'
import { deriveUid } from '../dicom/write/uid'
import { FINDING_SITE_BY_TYPE } from '../sr/codes'
import type { ExportFile } from './track-files'
import { trackUid } from './track-files'

/** Series number of the exported reports: after the scanner's series, apart from other SRs. */
const REPORT_SERIES_NUMBER = 901

/** Why no report can be written for a bookmark, or null when one can. */
function unreferencable(bookmark: PatientRecords['bookmarks'][number]): string | null {
  return bookmark.sopInstanceUid === ''
    ? `bookmark ${bookmark.label || bookmark.bookmarkId} has no DICOM image to refer to (DeepLesion input)`
    : null
}

/**
 * The report files of one patient's tracks (name, Part 10 bytes), and what kept any bookmark out.
 */
export function trackedReports(
  tracks: PatientTracks,
  records: PatientRecords,
  fileBase: string,
  now: Date = new Date(),
): { files: ExportFile[]; notes: string[] } {
  const iso = now.toISOString()
  const madeAt = { date: iso.slice(0, 10), time: iso.slice(11, 19).replaceAll(':', '') }
  const bookmarkOf = new Map(records.bookmarks.map((b) => [b.bookmarkId, b]))
  const seriesOf = new Map(records.series.map((s) => [s.seriesInstanceUid, s]))
  const byStudy = new Map<string, SrBookmark[]>()
  const notes: string[] = []
  for (const track of tracks.tracks) {
    const trackingUid = trackUid(track.timepoints[0].bookmarkId)
    for (const point of track.timepoints) {
      const bookmark = bookmarkOf.get(point.bookmarkId)
      if (!bookmark) continue
      const refused = unreferencable(bookmark)
      if (refused) {
        notes.push(`Not in the DICOM SR: ${refused}.`)
        continue
      }
      const series = seriesOf.get(bookmark.seriesInstanceUid)
      const frame = series?.frameNumbers?.[bookmark.sliceIndex]
      const list = byStudy.get(bookmark.studyInstanceUid) ?? []
      list.push({
        trackingIdentifier: track.label,
        trackingUid,
        findingSite:
          bookmark.lesionType === -1 ? undefined : FINDING_SITE_BY_TYPE[bookmark.lesionType],
        longAxisMm: bookmark.longAxisMm,
        shortAxisMm: bookmark.shortAxisMm,
        longAxisPx: bookmark.longAxisPx,
        shortAxisPx: bookmark.shortAxisPx,
        // Records of versions that kept no SOP classes: the class a frame number implies.
        referencedSopClassUid:
          series?.sopClassUids?.[bookmark.sliceIndex] ||
          (frame ? ENHANCED_CT_IMAGE_STORAGE : CT_IMAGE_STORAGE),
        referencedSopInstanceUid: bookmark.sopInstanceUid,
        referencedFrameNumber: frame || undefined,
        referencedSeriesInstanceUid: bookmark.seriesInstanceUid,
      })
      byStudy.set(bookmark.studyInstanceUid, list)
    }
  }
  const files = [...records.studies]
    .sort((a, b) => a.studyIndex - b.studyIndex)
    .filter((study) => byStudy.has(study.studyInstanceUid))
    .map((study): ExportFile => {
      const bookmarks = byStudy.get(study.studyInstanceUid) as SrBookmark[]
      // The same tracks give the same instance (a re-export replaces it); changed ones a new one.
      const content = bookmarks.map((b) => `${b.trackingUid}:${b.referencedSopInstanceUid}`)
      return {
        name: `${fileBase}-study${study.studyIndex}-tracks-sr.dcm`,
        content: measurementReportBytes({
          patient: records.patient,
          studyInstanceUid: study.studyInstanceUid,
          studyDate: study.studyDate,
          studyTime: '',
          content: madeAt,
          studyId: '',
          studyDescription: study.description,
          accessionNumber: study.accessionNumber,
          seriesInstanceUid: deriveUid('LesionTrack tracked SR series', study.studyInstanceUid),
          seriesNumber: REPORT_SERIES_NUMBER,
          sopInstanceUid: deriveUid('LesionTrack tracked SR', study.studyInstanceUid, ...content),
          manufacturer: 'LesionTrack',
          observerName: 'LESIONTRACK^TRACKING',
          referencedSeriesInstanceUid: bookmarks[0].referencedSeriesInstanceUid as string,
          bookmarks,
        }),
      }
    })
  return { files, notes }
}
