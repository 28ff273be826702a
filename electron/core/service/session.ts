/**
 * What the service has loaded: one import's records and voxels, answering the renderer's queries.
 * Loading something else replaces the whole session, so records from two sources never mix.
 * Voxels left on disk by the import are read when a view asks, one patient's at a time.
 */
import { readerTypes, typedButMissing, withReaderTypes } from '../../api/reader-types'
import type { Patient, PatientRecords, SessionSource, VolumeVoxels } from '../../api/records'
import type { PatientTracks, TrackDecision } from '../../api/tracks'
import type { DeferredVolume } from '../import/dicom-folder'
import type { ImportResult } from '../import/result'
import { DEFAULT_RESPONSE_PROTOCOL, type ResponseProtocol } from '../response/protocol'
import { unplacedDecisions } from '../match/match-all'
import type { MatchIssue } from '../match/types'
import { ServiceError } from './errors'
import { patientRecordsOf } from './patient-records'
import { matcherDecisions } from './patient-response'
import { MeasuredEmbeddings, type OpenEmbedder } from './measured-embeddings'
import { measuredLesions } from './measured-lesions'
import { emptyPatientTracks, readUnderProtocol } from './patient-tracks'
import { rematchPatient, type MatchInputs } from './rematch'

const idOfBookmark = (b: { bookmarkId: string }) => b.bookmarkId

/** A warning for each bookmark the reader gave a type that the patient no longer has. */
function lostTypeIssues(bookmarkIds: readonly string[]): MatchIssue[] {
  return bookmarkIds.map((id) => ({
    code: 'unknown-lesion',
    severity: 'warning',
    subject: id,
    message: `a saved decision (set-type) refers to a bookmark that is not among the bookmarks: ${id}`,
    hint: 'The bookmark was deleted or its study not imported; the decision is kept and applies again once it is back.',
  }))
}

/** Reads one series whose pixels the import left on disk. */
export type ReadSessionVolume = (seriesInstanceUid: string) => Promise<DeferredVolume>

export class LoadedSession {
  /** Series read on demand, all of `readVolumesPatientId`: another patient's read releases them. */
  private readonly readVolumes = new Map<string, Int16Array>()
  private readVolumesPatientId: string | undefined
  /** Embeddings of the lesions measured in the app, each measurement embedded once. */
  private readonly measuredEmbeddings: MeasuredEmbeddings

  constructor(
    readonly source: SessionSource,
    private readonly result: Omit<ImportResult, 'readVolume'>,
    /** One record per patient of the import, matched when it was loaded. */
    private readonly tracks: readonly PatientTracks[],
    /** What the patients are re-matched with under user decisions; null without a matcher. */
    private readonly matchInputs: MatchInputs | null = null,
    /** Where series missing from `result.volumes` are read from; none: every volume is there. */
    private readonly readVolume?: ReadSessionVolume,
    /** Embeds lesions measured in the app; none: they are matched without an embedding. */
    openEmbedder?: OpenEmbedder,
  ) {
    this.measuredEmbeddings = new MeasuredEmbeddings(openEmbedder)
  }

  /**
   * Everything about one patient except voxels; with `decisions`, the lesions the reader
   * measured among them are bookmarks of the records too (as the export needs them).
   */
  patientRecords(patientId: string, decisions: readonly TrackDecision[] = []): PatientRecords {
    const records = patientRecordsOf(this.result, this.requirePatient(patientId))
    const measured = measuredLesions(this.result, patientId, decisions)
    const bookmarks = [...records.bookmarks, ...measured.bookmarks]
    return {
      ...records,
      bookmarks: withReaderTypes(bookmarks, readerTypes(decisions), idOfBookmark),
    }
  }

  /**
   * The patient's lesion tracks, their RECIST reading under `protocol` (a setting that may change
   * after the load); an empty record when they could not be computed.
   */
  patientTracks(
    patientId: string,
    protocol: ResponseProtocol = DEFAULT_RESPONSE_PROTOCOL,
  ): PatientTracks {
    this.requirePatient(patientId)
    const tracks =
      this.tracks.find((t) => t.patientId === patientId) ??
      emptyPatientTracks(patientId, { matcher: '', embedder: null })
    return readUnderProtocol(tracks, this.result.studies, [], protocol)
  }

  /**
   * The patient's tracks matched again under the user's decisions. The session keeps no
   * decision: the renderer sends them all every time, so what it stored is what applies.
   * Lesions the reader measured are embedded like the imported ones (once per measurement).
   */
  async matchTracks(
    patientId: string,
    decisions: readonly TrackDecision[],
    protocol: ResponseProtocol = DEFAULT_RESPONSE_PROTOCOL,
  ): Promise<PatientTracks> {
    this.requirePatient(patientId)
    const patient = this.matchInputs?.patients.find((p) => p.patientId === patientId)
    const measured = measuredLesions(this.result, patientId, decisions)
    const own = [
      ...this.result.bookmarks.filter((b) => b.patientId === patientId),
      ...measured.bookmarks,
    ]
    // The reader's types count wherever a type does: the matcher's evidence, the organ of RECIST.
    const types = readerTypes(decisions)
    const lostTypes = lostTypeIssues(typedButMissing(types, new Set(own.map(idOfBookmark))))
    if (own.length === 0) {
      // Nothing to match (the bookmarks were deleted since): every decision names a lost one.
      return {
        ...this.patientTracks(patientId, protocol),
        issues: [
          ...unplacedDecisions([], matcherDecisions(decisions)),
          ...measured.issues,
          ...lostTypes,
        ],
      }
    }
    if (!this.matchInputs || !patient) {
      throw new ServiceError(
        'tracks-unavailable',
        `The tracks of patient '${patientId}' cannot be matched again: the matcher did not run when this ${this.source.kind} was opened`,
        'Your decisions are kept; see the load report’s warning about tracks, fix it and reopen the folder',
      )
    }
    const embedded = await this.measuredEmbeddings.of(measured.bookmarks, (uid) => this.volume(uid))
    const lesions = measured.lesions.map((l) => {
      const embedding = embedded.vectors.get(l.lesionId)
      return embedding ? { ...l, embedding } : l
    })
    const tracks = rematchPatient(
      this.matchInputs,
      {
        ...patient,
        lesions: withReaderTypes([...patient.lesions, ...lesions], types, (l) => l.lesionId),
      },
      decisions,
      {
        ...this.result,
        bookmarks: withReaderTypes(
          [...this.result.bookmarks, ...measured.bookmarks],
          types,
          idOfBookmark,
        ),
      },
    )
    const read = readUnderProtocol(tracks, this.result.studies, decisions, protocol)
    return {
      ...read,
      issues: [...read.issues, ...measured.issues, ...embedded.issues, ...lostTypes],
    }
  }

  /** The voxels of one loaded series, read from disk first if the import left them there. */
  async volume(seriesInstanceUid: string): Promise<VolumeVoxels> {
    const series = this.result.series.find((s) => s.seriesInstanceUid === seriesInstanceUid)
    if (!series) {
      throw new ServiceError(
        'unknown-series',
        `No series '${seriesInstanceUid}' is loaded`,
        'Reopen the folder or the demo; the view may be from an earlier session',
      )
    }
    const hu =
      this.result.volumes.get(seriesInstanceUid) ??
      this.readVolumes.get(seriesInstanceUid) ??
      (await this.readFromDisk(series.studyInstanceUid, seriesInstanceUid))
    return { seriesInstanceUid, geometry: series.geometry, hu }
  }

  private async readFromDisk(studyUid: string, seriesUid: string): Promise<Int16Array> {
    if (!this.readVolume) {
      throw new ServiceError(
        'unknown-series',
        `The voxels of series '${seriesUid}' are not loaded`,
        'Reopen the folder or the demo',
      )
    }
    const read = await this.readVolume(seriesUid)
    if (!read.ok) {
      // The issue names its file apart from its message; the error carries both.
      throw new ServiceError(
        'volume-unreadable',
        `${read.issue.file}: ${read.issue.message}`,
        read.issue.hint,
      )
    }
    const patientId = this.result.studies.find((s) => s.studyInstanceUid === studyUid)?.patientId
    if (patientId !== this.readVolumesPatientId) {
      this.readVolumes.clear()
      this.readVolumesPatientId = patientId
    }
    this.readVolumes.set(seriesUid, read.hu)
    return read.hu
  }

  private requirePatient(patientId: string): Patient {
    const patient = this.result.patients.find((p) => p.patientId === patientId)
    if (patient) return patient
    throw new ServiceError(
      'unknown-patient',
      `No patient '${patientId}' is loaded`,
      'Reopen the folder or the demo; the list may be from an earlier session',
    )
  }
}
