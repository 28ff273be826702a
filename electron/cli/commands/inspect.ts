/**
 * `lesiontrack inspect DIR`: imports a folder and tells what is in it — patients, studies, series,
 * bookmarks — and every file it could not use, with what to do about it.
 */
import { decodeEachSeries } from '../../core/import/decode-each-series'
import { importFolders } from '../../core/import/import-folder'
import { summarize, type ImportResult } from '../../core/import/result'
import { LESION_TYPE_NAMES } from '../../core/model/types'
import { UsageError, type Command } from '../command'
import { importIssueLines } from '../issue-lines'

function describe(result: ImportResult): string {
  const lines: string[] = []
  for (const patient of result.patients) {
    lines.push(`patient ${patient.patientId}${patient.sex ? ` (${patient.sex})` : ''}`)
    for (const study of result.studies.filter((s) => s.patientId === patient.patientId)) {
      const marks = result.bookmarks.filter((b) => b.studyInstanceUid === study.studyInstanceUid)
      lines.push(
        `  study ${study.studyIndex} ${study.studyDate || '(no date)'} ${study.description}`.trimEnd(),
      )
      for (const series of result.series.filter(
        (s) => s.studyInstanceUid === study.studyInstanceUid,
      )) {
        const [i, j, k] = series.geometry.dims
        const [si, sj, sk] = series.geometry.spacingMm.map((v) => v.toFixed(2))
        lines.push(
          `    series ${series.seriesNumber} ${series.modality} ${i}×${j}×${k} voxels, ${si}×${sj}×${sk} mm`,
        )
      }
      for (const b of marks) {
        const type = LESION_TYPE_NAMES[b.lesionType]
        lines.push(
          `    bookmark ${b.label || b.bookmarkId}: ${type}, ${b.shortAxisMm === null ? `${b.longAxisMm.toFixed(1)} mm (long axis only)` : `${b.longAxisMm.toFixed(1)} × ${b.shortAxisMm.toFixed(1)} mm`} on slice ${b.sliceIndex}`,
        )
      }
    }
  }
  const summary = summarize(result)
  lines.push(
    '',
    `${summary.patients} patient(s), ${summary.studies} stud(ies), ${summary.series} series, ${summary.bookmarks} bookmark(s)`,
  )
  lines.push(...importIssueLines(result.issues))
  return lines.join('\n')
}

export const inspectCommand: Command = {
  name: 'inspect',
  summary: 'import a folder (DICOM or DeepLesion layout) and report what it holds',
  usage: 'DIR [DIR…] [--json]',
  details: [
    'DIR                a folder as PACS exports it (any file names, recursive), or a DeepLesion',
    '                   layout (DL_info.csv + Images_png/); several DICOM folders (a follow-up',
    '                   exported on its own) are read as one export, as the app and `track` do',
    '--json             print {"patients","studies","series","bookmarks","errors","warnings","notes"}',
    '                   (notes: what was left out as expected — scouts, dose reports, copies)',
    'Exit status: 0 when nothing failed to import, 1 when some file gave an error.',
  ],
  options: { json: { type: 'boolean' } },
  async run(args) {
    const dirs = args.positionals
    if (dirs.length === 0) throw new UsageError('give the folder to read (or several, read as one)')
    // Every slice is decoded (an undecodable one is reported), one series at a time.
    const result = await decodeEachSeries(await importFolders(dirs, { deferPixels: true }))
    const summary = summarize(result)
    if (args.values.json) {
      const of = (severity: string) => result.issues.filter((issue) => issue.severity === severity)
      const report = { ...summary, warnings: of('warning'), notes: of('note') }
      process.stdout.write(JSON.stringify(report, null, 2) + '\n')
    } else {
      process.stdout.write(describe(result) + '\n')
    }
    return summary.errors.length > 0 ? 1 : 0
  },
}
