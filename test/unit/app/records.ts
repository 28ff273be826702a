/**
 * Small, fully specified patient records for the renderer tests (stores and IndexedDB): two
 * studies given out of date order, one with two series, bookmarks on both; and one track.
 */
import type { Bookmark, PatientRecords, SeriesRecord, Study } from '../../../electron/api/records'
import type { PatientTracks } from '../../../electron/api/tracks'

const geometry = (slices: number, originZ: number): SeriesRecord['geometry'] => ({
  dims: [64, 48, slices],
  spacingMm: [0.75, 0.75, 5],
  originLps: [-24, -18, originZ],
  rowDirection: [1, 0, 0],
  columnDirection: [0, 1, 0],
  sliceNormal: [0, 0, 1],
})

function study(uid: string, date: string, index: number, seriesUids: string[]): Study {
  return {
    studyInstanceUid: uid,
    patientId: 'P1',
    studyDate: date,
    studyIndex: index,
    description: `CT ${date}`,
    accessionNumber: `A${index}`,
    seriesUids,
  }
}

function series(uid: string, studyUid: string, seriesNumber: number, slices: number): SeriesRecord {
  return {
    seriesInstanceUid: uid,
    studyInstanceUid: studyUid,
    modality: 'CT',
    description: `series ${seriesNumber}`,
    seriesNumber,
    geometry: geometry(slices, -200),
  }
}

function bookmark(id: string, studyUid: string, seriesUid: string, sliceIndex: number): Bookmark {
  return {
    bookmarkId: id,
    patientId: 'P1',
    studyInstanceUid: studyUid,
    seriesInstanceUid: seriesUid,
    sliceIndex,
    sopInstanceUid: '',
    longAxisPx: [
      [20, 20],
      [40, 30],
    ],
    shortAxisPx: [
      [28, 30],
      [32, 22],
    ],
    longAxisMm: 16.8,
    shortAxisMm: 6.7,
    centerLps: [0, 0, 0],
    lesionType: 4,
    label: `Lesion ${id}`,
    source: 'dicom-sr',
    sourceFile: '/data/sr.dcm',
  }
}

/** Patient P1: study S2 (2021-06-01, series 2A with 40 slices and 2B with 80), study S1 (2020-01-15). */
export function samplePatient(): PatientRecords {
  return {
    patient: {
      patientId: 'P1',
      name: 'DOE^JANE',
      birthDate: '1950-05-05',
      sex: 'F',
      studyUids: ['S2', 'S1'],
    },
    studies: [study('S2', '2021-06-01', 2, ['2B', '2A']), study('S1', '2020-01-15', 1, ['1A'])],
    series: [series('2B', 'S2', 3, 80), series('2A', 'S2', 2, 40), series('1A', 'S1', 1, 30)],
    bookmarks: [
      bookmark('b-late-2', 'S2', '2A', 25),
      bookmark('b-late-1', 'S2', '2A', 12),
      bookmark('b-early', 'S1', '1A', 7),
    ],
  }
}

/** One track over the sample patient's early and first late bookmark. */
export function sampleTracks(): PatientTracks {
  const [early, late] = samplePatient().bookmarks
  return {
    patientId: 'P1',
    tracks: [
      {
        trackId: 'P1/T1',
        label: 'Lesion 1',
        lesionType: early.lesionType,
        timepoints: [early, late].map((b, k) => ({
          studyInstanceUid: b.studyInstanceUid,
          bookmarkId: b.bookmarkId,
          longAxisMm: b.longAxisMm,
          shortAxisMm: b.shortAxisMm,
          probabilityFromPrevious: k === 0 ? null : 0.93,
        })),
        explanation: '2 lesions in studies 1, 2',
      },
    ],
    links: [],
    transforms: [],
    response: null,
    embedder: null,
    matcher: 'lesiontrack-matcher 1.2.0',
    issues: [],
  }
}

/** Patient P1 followed over `count` yearly studies (S1 … Sn, one 20-slice series each), no bookmarks. */
export function longFollowUp(count: number): PatientRecords {
  const uids = Array.from({ length: count }, (_, k) => `S${k + 1}`)
  return {
    ...samplePatient(),
    studies: uids.map((uid, k) => study(uid, `${2015 + k}-03-01`, k + 1, [`${uid}A`])),
    series: uids.map((uid) => series(`${uid}A`, uid, 1, 20)),
    bookmarks: [],
  }
}
