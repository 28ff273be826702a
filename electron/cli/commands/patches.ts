/**
 * `lesiontrack patches DIR --out OUT`: extracts the embedder's input patches of every bookmark in
 * a folder, with their labels, into a patch folder that build/model/train.py reads with numpy.
 */
import { importFolder } from '../../core/import/import-folder'
import { labelBookmarks } from '../../core/patch/lesion-labels'
import { DEFAULT_PATCH_SPEC } from '../../core/patch/spec'
import type { ImportIssue } from '../../core/model/types'
import { groupBy } from '../../core/model/group-by'
import { patientVolumes } from '../../core/patch/patient-volumes'
import { PatchFolderWriter } from '../../core/patch/write-patch-folder'
import { stringOption, UsageError, type Command } from '../command'

/** Prints the errors among `issues` (a series that cannot be decoded is one); returns them. */
function reportErrors(issues: readonly ImportIssue[]): ImportIssue[] {
  const errors = issues.filter((issue) => issue.severity === 'error')
  for (const issue of errors) {
    process.stderr.write(`error: ${issue.file}: ${issue.message}\n  → ${issue.hint}\n`)
  }
  return errors
}

export const patchesCommand: Command = {
  name: 'patches',
  summary: 'extract the embedding network’s input patches of every bookmark (training data)',
  usage: 'DIR --out OUT [--json]',
  details: [
    'DIR                a DICOM export or a DeepLesion layout; its truth.json (synthetic data)',
    '                   gives lesion identities, its DL_info.csv normalized body positions',
    '--out OUT          patch folder to write: patches.json (spec, shapes, one record per lesion)',
    '                   and patch.f32, context.f32, features.f32 (little-endian float32)',
    '--json             print {"lesions","withIdentity","withLocation","out","importErrors"}',
  ],
  options: { out: { type: 'string' }, json: { type: 'boolean' } },
  async run(args) {
    const [dir, ...extra] = args.positionals
    if (!dir || extra.length > 0) throw new UsageError('give exactly one folder')
    const out = stringOption(args, 'out')
    // Pixels stay on disk until a patient's patches are cut: one patient in memory at a time.
    const result = await importFolder(dir, { deferPixels: true })
    if (result.bookmarks.length === 0) {
      reportErrors(result.issues)
      process.stderr.write(`lesiontrack patches: ${dir} holds no bookmarks with images\n`)
      return 1
    }
    const labels = labelBookmarks(result, dir)
    if (labels.unmatched > 0) {
      process.stderr.write(
        `warning: ${labels.unmatched} bookmark(s) have no entry in ${dir}/truth.json; they are written without an identity\n`,
      )
    }
    const writer = new PatchFolderWriter(out, DEFAULT_PATCH_SPEC)
    const undecodable: ImportIssue[] = []
    for (const [patientId, lesions] of groupBy(labels.lesions, (l) => l.bookmark.patientId)) {
      const volumes = await patientVolumes(result, patientId, undecodable)
      writer.add(
        volumes,
        lesions.filter(({ bookmark }) => volumes.has(bookmark.seriesInstanceUid)),
      )
    }
    const index = writer.close()
    const errors = reportErrors([...result.issues, ...undecodable])
    const summary = {
      lesions: index.count,
      withIdentity: index.lesions.filter((l) => l.lesionId !== undefined).length,
      withLocation: index.lesions.filter((l) => l.normalizedLocation !== undefined).length,
      out,
      importErrors: errors.length,
    }
    if (args.values.json) process.stdout.write(JSON.stringify(summary, null, 2) + '\n')
    else {
      process.stdout.write(
        `${summary.lesions} lesion patch(es) written to ${out} (${summary.withIdentity} with a true identity, ${summary.withLocation} with a body position)\n`,
      )
    }
    return errors.length > 0 ? 1 : 0
  },
}
