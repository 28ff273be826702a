// The DICOM SR export must be valid DICOM (dciodvfy) and carry the tracks back: imported beside
// the CT images instead of the original reports, it gives every bookmark again — same slice,
// pixels and millimetres — named by its track, with one tracking UID per track across studies.
// So for every CT layout: a file per slice, Enhanced CT and Legacy Converted Enhanced CT, whose
// references must name the image's own SOP class and, in a multi-frame image, the frame. Sent back
// to PACS and exported again beside the original reports, it must not double any bookmark.
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { PatientTracks } from '../../../electron/api/tracks'
import {
  CT_IMAGE_STORAGE,
  ENHANCED_CT_IMAGE_STORAGE,
  LEGACY_CONVERTED_ENHANCED_CT_IMAGE_STORAGE,
} from '../../../electron/core/dicom/sop-class'
import { importFolder, importFolders } from '../../../electron/core/import/import-folder'
import type { ImportResult } from '../../../electron/core/import/result'
import { SR_NEEDS_IDENTITY } from '../../../electron/core/service/export-tracks'
import { LesionTrackService } from '../../../electron/core/service/service'
import { PipelineWorker } from '../../../electron/core/service/worker-client'
import { sourceWorkerEntry } from '../../../electron/core/service/worker-entry'
import type { SynthCtLayout } from '../../../electron/core/synth/study-output'
import { synthesize } from '../../../electron/core/synth/synthesize'
import type { Truth } from '../../../electron/core/synth/truth'
import { openHostSettings } from '../../../electron/host/settings'
import { runTool } from '../dicom/fixtures'
import { dciodvfy } from '../synth/dicom-tools'

const dir = mkdtempSync(join(tmpdir(), 'lt-tracked-sr-'))
const worker = new PipelineWorker(sourceWorkerEntry())

afterAll(async () => {
  await worker.close()
  rmSync(dir, { recursive: true, force: true })
})

/** A synthetic patient, its tracks exported, and its CT images imported with the exported SRs. */
interface RoundTrip {
  /** The synthetic data set: CT images and the original SRs. */
  data: string
  truth: Truth
  original: ImportResult
  tracks: PatientTracks
  /** The exported SR files. */
  reports: string[]
  reimported: ImportResult
}

/** A new service (settings in `name`) with `folder` imported. */
async function serviceWith(folder: string, name: string) {
  const service = new LesionTrackService({
    worker,
    settings: openHostSettings(join(dir, name)),
    cacheDir: join(dir, 'cache'),
  })
  const handlers = service.handlers()
  await handlers.importFolder({ folder })
  return handlers
}

/** Synthesizes one patient with its CT in `layout`, exports its tracks, imports them again. */
async function exportAndReimport(layout: SynthCtLayout): Promise<RoundTrip> {
  const base = join(dir, layout)
  const data = join(base, 'data')
  const truth = await synthesize({
    patients: 1,
    seed: 31,
    out: data,
    format: 'dicom',
    studies: 3,
    matrix: 96,
    sliceMm: 5,
    ctLayout: layout,
  })
  const original = await importFolder(data)
  const handlers = await serviceWith(data, join(layout, 'settings'))
  const patientId = truth.patients[0].patientId
  const tracks = await handlers.getTracks({ patientId })
  const exported = await handlers.exportTracks({
    patientId,
    folder: join(base, 'export'),
    decisions: [],
    deidentify: false,
  })
  const reports = exported.files.filter((f) => f.endsWith('.dcm'))
  // The CT series with the exported reports instead of the original ones.
  const swapped = join(base, 'swapped')
  for (const study of truth.patients[0].studies) {
    cpSync(join(data, study.seriesFolder), join(swapped, study.seriesFolder), { recursive: true })
  }
  for (const report of reports) cpSync(report, join(swapped, basename(report)))
  const reimported = await importFolder(swapped)
  return { data, truth, original, tracks, reports, reimported }
}

/** Every ReferencedSOPClassUID and ReferencedFrameNumber in the report `file`, at any depth. */
function imageReferences(file: string): { sopClassUids: string[]; frameNumbers: number[] } {
  const dump = runTool('dcmdump', ['-Un', '+P', '0008,1150', '+P', '0008,1160', file])
  const values = (tag: string) =>
    [...dump.matchAll(new RegExp(`^\\(${tag}\\) \\w\\w \\[([^\\]]*)\\]`, 'gm'))].map((m) => m[1])
  return {
    sopClassUids: values('0008,1150'),
    frameNumbers: values('0008,1160').map(Number),
  }
}

const LAYOUTS: { layout: SynthCtLayout; sopClassUid: string; multiFrame: boolean }[] = [
  { layout: 'classic', sopClassUid: CT_IMAGE_STORAGE, multiFrame: false },
  { layout: 'enhanced', sopClassUid: ENHANCED_CT_IMAGE_STORAGE, multiFrame: true },
  {
    layout: 'legacy-converted',
    sopClassUid: LEGACY_CONVERTED_ENHANCED_CT_IMAGE_STORAGE,
    multiFrame: true,
  },
]

describe.each(LAYOUTS)('DICOM SR export of the tracks, $layout CT', (layout) => {
  let trip: RoundTrip

  beforeAll(async () => {
    trip = await exportAndReimport(layout.layout)
  }, 60_000)

  it('writes one valid TID 1500 report per study', () => {
    expect(trip.reports).toHaveLength(trip.truth.patients[0].studies.length)
    for (const report of trip.reports) {
      const { errors, output } = dciodvfy(report)
      expect(errors, output).toEqual([])
      expect(readFileSync(report).subarray(128, 132).toString('latin1')).toBe('DICM')
    }
  })

  it('names the SOP class of the images, and the frame in a multi-frame one', () => {
    for (const report of trip.reports) {
      const { sopClassUids, frameNumbers } = imageReferences(report)
      expect(sopClassUids.length).toBeGreaterThan(0)
      expect(new Set(sopClassUids)).toEqual(new Set([layout.sopClassUid]))
      // The evidence list names each image without a frame; each measurement's image with one.
      expect(frameNumbers.length > 0).toBe(layout.multiFrame)
      expect(frameNumbers.every((n) => Number.isInteger(n) && n >= 1)).toBe(true)
    }
  })

  it('gives back every bookmark on its slice, pixels and sizes, named by its track', () => {
    const { original, reimported, tracks } = trip
    expect(reimported.issues.filter((i) => i.severity === 'error')).toEqual([])
    expect(reimported.bookmarks).toHaveLength(original.bookmarks.length)
    const labelOf = new Map(
      tracks.tracks.flatMap((t) => t.timepoints.map((p) => [p.bookmarkId, t.label] as const)),
    )
    const key = (b: ImportResult['bookmarks'][number]) =>
      `${b.seriesInstanceUid}:${b.sliceIndex}:${b.longAxisPx.flat().map((v) => v.toFixed(2))}`
    const back = new Map(reimported.bookmarks.map((b) => [key(b), b]))
    for (const bookmark of original.bookmarks) {
      const again = back.get(key(bookmark))
      expect(again, `bookmark ${bookmark.bookmarkId}`).toBeDefined()
      expect(again?.sopInstanceUid).toBe(bookmark.sopInstanceUid)
      expect(again?.shortAxisPx).toEqual(bookmark.shortAxisPx)
      expect(again?.longAxisMm).toBeCloseTo(bookmark.longAxisMm, 6)
      expect(again?.lesionType).toBe(bookmark.lesionType)
      expect(again?.label).toBe(labelOf.get(bookmark.bookmarkId))
    }
  })

  it('keeps one tracking UID per track across studies, with unique bookmark ids', () => {
    const { reimported, tracks } = trip
    const ids = reimported.bookmarks.map((b) => b.bookmarkId)
    expect(new Set(ids).size).toBe(ids.length)
    // A UID repeated across studies becomes `<uid>@<study>`: one UID per track label.
    const uidsOf = new Map<string, Set<string>>()
    for (const b of reimported.bookmarks) {
      const uid = b.bookmarkId.split('@')[0]
      uidsOf.set(b.label, (uidsOf.get(b.label) ?? new Set()).add(uid))
    }
    expect([...uidsOf.values()].every((uids) => uids.size === 1)).toBe(true)
    expect(uidsOf.size).toBe(tracks.tracks.length)
  })

  it('beside the original reports (a later PACS export) repeats no bookmark and renames none', async () => {
    const sent = join(dir, layout.layout, 'sent-to-pacs')
    for (const report of trip.reports) cpSync(report, join(sent, basename(report)))
    const both = await importFolders([trip.data, sent])
    const withoutFile = (b: ImportResult['bookmarks'][number]) => ({ ...b, sourceFile: '' })
    expect(both.bookmarks.map(withoutFile)).toEqual(trip.original.bookmarks.map(withoutFile))
    expect(both.issues.map((i) => [i.code, i.file]).sort()).toEqual(
      trip.reports.map((r) => ['repeated-measurement', join(sent, basename(r))]).sort(),
    )
  })

  it('leaves the SR out of a de-identified export, saying why', async () => {
    const handlers = await serviceWith(trip.data, join(layout.layout, 'settings-2'))
    const exported = await handlers.exportTracks({
      patientId: trip.truth.patients[0].patientId,
      folder: join(dir, layout.layout, 'anonymous'),
      decisions: [],
      deidentify: true,
    })
    expect(exported.files.some((f) => f.endsWith('.dcm'))).toBe(false)
    expect(exported.notes).toEqual([SR_NEEDS_IDENTITY])
  })
})
