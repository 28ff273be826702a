/**
 * What the service has loaded: one import's records and voxels, answering the renderer's queries.
 * Loading something else replaces the whole session, so records from two sources never mix.
 * Voxels left on disk by the import are read when a view asks, one patient's at a time.
 */
import type { Patient, PatientRecords, SessionSource, VolumeVoxels } from '../../api/records'
import type { PatientTracks, TrackDecision, TrackIssueRecord } from '../../api/tracks'
import { embedBookmarks } from '../embed/embed-bookmarks'
import type { EmbeddingRunner } from '../embed/embedding-runner'
import type { Bookmark } from '../model/types'
import type { PatchVolume } from '../patch/extract'
import type { DeferredVolume } from '../import/dicom-folder'
import type { ImportResult } from '../import/result'
import { unplacedDecisions } from '../match/match-all'
import { ServiceError } from './errors'
import { patientRecordsOf } from './patient-records'
import { matcherDecisions } from './patient-response'
import { measuredLesions } from './measured-lesions'
import { emptyPatientTracks } from './patient-tracks'
import { rematchPatient, type MatchInputs } from './rematch'

/** Reads one series whose pixels the import left on disk. */
export type ReadSessionVolume = (seriesInstanceUid: string) => Promise<DeferredVolume>

/** Opens the embedder the import ran, for lesions measured since; null when there is none. */
export type OpenSessionEmbedder = () => Promise<EmbeddingRunner | null>

/**
 * One measurement of a measured bookmark: measuring it again (a handle dragged) gives another
 * key, so its embedding is computed again.
 */
function measurementKey(b: Bookmark): string {
  const axes = [...b.longAxisPx, ...b.shortAxisPx].flat().join(',')
  return `${b.bookmarkId}|${b.seriesInstanceUid}|${b.sliceIndex}|${axes}`
}

export class LoadedSession {
  /** Series read on demand, all of `readVolumesPatientId`: another patient's read releases them. */
  private readonly readVolumes = new Map<string, Int16Array>()
  private readVolumesPatientId: string | undefined
  /** Embeddings of measured lesions, by measurementKey: each measurement is embedded once. */
  private readonly measuredVectors = new Map<string, Float32Array>()
  private embedder: Promise<EmbeddingRunner | null> | undefined

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
    private readonly openEmbedder?: OpenSessionEmbedder,
  ) {}

  /**
   * Everything about one patient except voxels; with `decisions`, the lesions the reader
   * measured among them are bookmarks of the records too (as the export needs them).
   */
  patientRecords(patientId: string, decisions: readonly TrackDecision[] = []): PatientRecords {
    const records = patientRecordsOf(this.result, this.requirePatient(patientId))
    const measured = measuredLesions(this.result, patientId, decisions)
    return { ...records, bookmarks: [...records.bookmarks, ...measured.bookmarks] }
  }

  /** The patient's lesion tracks; an empty record when they could not be computed. */
  patientTracks(patientId: string): PatientTracks {
    this.requirePatient(patientId)
    return (
      this.tracks.find((t) => t.patientId === patientId) ??
      emptyPatientTracks(patientId, { matcher: '', embedder: null })
    )
  }

  /**
   * The patient's tracks matched again under the user's decisions. The session keeps no
   * decision: the renderer sends them all every time, so what it stored is what applies.
   * Lesions the reader measured are embedded like the imported ones (once per measurement).
   */
  async matchTracks(
    patientId: string,
    decisions: readonly TrackDecision[],
  ): Promise<PatientTracks> {
    this.requirePatient(patientId)
    const patient = this.matchInputs?.patients.find((p) => p.patientId === patientId)
    const measured = measuredLesions(this.result, patientId, decisions)
    if (
      measured.bookmarks.length === 0 &&
      !this.result.bookmarks.some((b) => b.patientId === patientId)
    ) {
      // Nothing to match (the bookmarks were deleted since): every decision names a lost one.
      return {
        ...this.patientTracks(patientId),
        issues: [...unplacedDecisions([], matcherDecisions(decisions)), ...measured.issues],
      }
    }
    if (!this.matchInputs || !patient) {
      throw new ServiceError(
        'tracks-unavailable',
        `The tracks of patient '${patientId}' cannot be matched again: the matcher did not run when this ${this.source.kind} was opened`,
        'Your decisions are kept; see the load report’s warning about tracks, fix it and reopen the folder',
      )
    }
    const embedded = await this.measuredEmbeddings(measured.bookmarks)
    const lesions = measured.lesions.map((l) => {
      const embedding = embedded.vectors.get(l.lesionId)
      return embedding ? { ...l, embedding } : l
    })
    const tracks = rematchPatient(
      this.matchInputs,
      { ...patient, lesions: [...patient.lesions, ...lesions] },
      decisions,
      { ...this.result, bookmarks: [...this.result.bookmarks, ...measured.bookmarks] },
    )
    return { ...tracks, issues: [...tracks.issues, ...measured.issues, ...embedded.issues] }
  }

  /**
   * Embeddings of measured bookmarks by bookmark id, from the volume a view holds and the
   * import's model. One that cannot be embedded is matched on geometry alone, with an issue.
   */
  private async measuredEmbeddings(
    bookmarks: readonly Bookmark[],
  ): Promise<{ vectors: Map<string, Float32Array>; issues: TrackIssueRecord[] }> {
    const vectors = new Map<string, Float32Array>()
    const todo: Bookmark[] = []
    for (const bookmark of bookmarks) {
      const known = this.measuredVectors.get(measurementKey(bookmark))
      if (known) vectors.set(bookmark.bookmarkId, known)
      else todo.push(bookmark)
    }
    if (todo.length === 0 || !this.openEmbedder) return { vectors, issues: [] }
    try {
      this.embedder ??= this.openEmbedder()
      const runner = await this.embedder
      if (!runner) return { vectors, issues: [] }
      const volumes = new Map<string, PatchVolume>()
      for (const { seriesInstanceUid } of todo) {
        if (!volumes.has(seriesInstanceUid)) {
          volumes.set(seriesInstanceUid, await this.volume(seriesInstanceUid))
        }
      }
      const result = await embedBookmarks(runner, volumes, todo)
      for (const bookmark of todo) {
        const vector = result.vectors.get(bookmark.bookmarkId)
        if (!vector) continue
        vectors.set(bookmark.bookmarkId, vector)
        this.measuredVectors.set(measurementKey(bookmark), vector)
      }
      return { vectors, issues: [] }
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error)
      const issues = todo.map((b): TrackIssueRecord => ({
        code: 'measurement-not-embedded',
        severity: 'warning',
        subject: b.bookmarkId,
        message: `a lesion you measured was matched on position, size and type only: its image embedding could not be computed (${reason})`,
        hint: 'Check its track closely; the measurement is kept, and embedded again on the next change',
      }))
      return { vectors, issues }
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
