/**
 * The tracking step of an import, run in the pipeline worker right after the import so the volumes
 * are read where they already are: one embedder and one matcher per worker, reused by every import.
 */
import type { PatientTracks } from '../../api/tracks'
import type { EmbedderInfo } from '../embed/embedding-runner'
import { EmbeddingCache } from '../embed/embedding-cache'
import { OnnxEmbedder, type EmbeddingInputs } from '../embed/onnx-embedder'
import { loadEmbeddingModel } from '../embed/model-card'
import type { ImportResult } from '../import/result'
import { loadMatcherModel, type MatcherModel } from '../match/model'
import type { ImportIssue } from '../model/types'
import { PatientImagesCache } from '../tracking/patient-images-cache'
import { trackImport } from '../tracking/track-import'
import type { ModelFiles } from './model-files'
import { emptyPatientTracks, toPatientTracks, type TrackProvenance } from './patient-tracks'
import { matchInputsOf, type MatchInputs } from './rematch'

/** An import's tracks, one record per imported patient, and what went wrong computing them. */
export interface ImportTracks {
  tracks: PatientTracks[]
  /** What the service re-matches patients with under user decisions; null without a matcher. */
  matchInputs: MatchInputs | null
  /** Warnings for the load report: tracking never fails an import. */
  issues: ImportIssue[]
}

type Opened<T> = { ok: true; value: T } | { ok: false; issue: ImportIssue }

export type TrackingProgress = (task: string, done: number, total: number) => void

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

/** Computes the tracks of imports with models opened on first use and kept for the next ones. */
export class ImportTracker {
  private embedder: Promise<Opened<OnnxEmbedder>> | null = null
  /**
   * Every bookmark embedded by this worker: opening a folder again, or adding one to the open
   * ones (which imports them all again), embeds only the bookmarks not seen before.
   */
  private readonly embeddings = new EmbeddingCache()
  /** And every patient it aligned from the images: unchanged patients are not decoded again. */
  private readonly images = new PatientImagesCache()
  private matcher: Opened<MatcherModel> | null = null

  /** Without model files (a worker started without them) imports get no tracks, and say so. */
  constructor(private readonly files: ModelFiles | undefined) {}

  /**
   * Aligns, embeds and matches every patient of `result` (with or without bookmarks), leaving its
   * volumes in place. Without an embedder the bookmarks are matched on position, size and type,
   * with one warning saying so.
   */
  async track(
    result: ImportResult,
    folder: string,
    progress: TrackingProgress,
  ): Promise<ImportTracks> {
    // Studies without any bookmark are aligned and matched too: the aligned frame links their
    // scrolling, and the lesions a reader measures on them are matched with the same inputs.
    const matcher = this.openMatcher()
    if (!matcher.ok) return { tracks: [], matchInputs: null, issues: [matcher.issue] }
    const embedder = await this.openEmbedder()
    const issues: ImportIssue[] = embedder.ok ? [] : [embedder.issue]
    const model = matcher.value
    let tracked: Awaited<ReturnType<typeof trackImport>>
    try {
      tracked = await trackImport(result, {
        model,
        alignment: 'images',
        embedder: embedder.ok ? embedder.value : undefined,
        embeddingCache: this.embeddings,
        imagesCache: this.images,
        onPatientProgress: (done, total) => progress('Aligning studies', done, total),
        onEmbeddingProgress: (done, total) => progress('Embedding lesions', done, total),
      })
    } catch (error) {
      return { tracks: [], matchInputs: null, issues: [...issues, trackingFailed(folder, error)] }
    }
    progress('Matching lesions into tracks', 1, 1)
    const provenance: TrackProvenance = {
      matcher: `${model.name} ${model.version}`,
      embedder: embedder.ok
        ? {
            modelVersion: embedder.value.info.modelVersion,
            executionProvider: embedder.value.info.executionProvider,
            ...(embedder.value.notice !== undefined && { notice: embedder.value.notice }),
          }
        : null,
    }
    const matchOf = new Map(tracked.matches.map((m) => [m.patientId, m]))
    const tracks = result.patients.map((patient) => {
      const match = matchOf.get(patient.patientId)
      return match
        ? toPatientTracks(match, result.bookmarks, result.studies, provenance)
        : emptyPatientTracks(patient.patientId, provenance)
    })
    const matchInputs = matchInputsOf(
      result,
      tracked.lesions,
      tracked.imageAlignment,
      model,
      provenance,
    )
    // Series the import left on disk and that could not be decoded now: said in the load report.
    return { tracks, matchInputs, issues: [...issues, ...tracked.imageIssues] }
  }

  /** Facts about the embedder the imports run, opened if need be; null when it cannot be. */
  async embedderInfo(): Promise<EmbedderInfo | null> {
    const opened = await this.openEmbedder()
    return opened.ok ? opened.value.info : null
  }

  /** Embeds patches with the imports' embedder (lesions the reader measured after an import). */
  async embedPatches(inputs: EmbeddingInputs): Promise<Float32Array> {
    const opened = await this.openEmbedder()
    if (!opened.ok) throw new Error(opened.issue.message)
    return opened.value.embed(inputs)
  }

  /** Releases the embedding session, if one was opened. */
  async close(): Promise<void> {
    const opened = await this.embedder
    if (opened?.ok) await opened.value.close()
    this.embedder = null
  }

  private openMatcher(): Opened<MatcherModel> {
    if (this.matcher) return this.matcher
    const path = this.files?.matcherPath ?? 'resources/models/matcher.json'
    try {
      if (!this.files) throw new Error('the app started its worker without the models folder')
      this.matcher = { ok: true, value: loadMatcherModel(path) }
    } catch (error) {
      this.matcher = {
        ok: false,
        issue: {
          file: path,
          code: 'matcher-unavailable',
          message: `No lesion tracks: the matcher parameters could not be read (${errorText(error)})`,
          hint: 'Reinstall LesionTrack, or restore resources/models/matcher.json from the repository',
          severity: 'warning',
        },
      }
    }
    return this.matcher
  }

  /** Opened once: a model that cannot be opened will not open on the next import either. */
  private openEmbedder(): Promise<Opened<OnnxEmbedder>> {
    const cardPath = this.files?.embedderCardPath ?? 'resources/models/lesion-embedder.json'
    this.embedder ??= (async (): Promise<Opened<OnnxEmbedder>> => {
      try {
        if (!this.files) throw new Error('the app started its worker without the models folder')
        const model = loadEmbeddingModel(cardPath)
        return { ok: true, value: await OnnxEmbedder.open(model, { provider: 'auto' }) }
      } catch (error) {
        return {
          ok: false,
          issue: {
            file: cardPath,
            code: 'embedder-unavailable',
            message: `Lesions were matched without their image embeddings, on position, size and type only: the embedding model could not be opened (${errorText(error)})`,
            hint: 'Check the tracks closely; to match with embeddings, reinstall LesionTrack or restore resources/models/ from the repository, then restart the app',
            severity: 'warning',
          },
        }
      }
    })()
    return this.embedder
  }
}

function trackingFailed(folder: string, error: unknown): ImportIssue {
  return {
    file: folder,
    code: 'tracking-failed',
    message: `The bookmarks were imported but could not be matched into tracks: ${errorText(error)}`,
    hint: 'The studies and bookmarks can be reviewed; report this with the folder that caused it',
    severity: 'warning',
  }
}
