/**
 * Reads RECIST bookmarks from a DICOM SR TID 1500 measurement report: every measurement group of
 * its Imaging Measurements (measurement-group.ts), each group that cannot be read skipped with
 * the reason.
 */
import type { NaturalDataset } from 'dcmjs'
import { importIssue } from '../model/import-issue'
import type { ImportIssue } from '../model/types'
import { SR_CODES } from './codes'
import { childrenNamed, conceptName, isConcept, textValue, type ContentItem } from './content-tree'
import { GroupError, otherMeasurements, readGroup } from './measurement-group'
import { readBookmarkDocument, type MeasurementReport } from './measurement-report'

/** How many names of other measurements a note lists before it says "…". */
const NAMED_KINDS = 3

/** One note for the groups of a report that measure something other than RECIST axes. */
function otherMeasurementsNote(file: string, kinds: string[][]): ImportIssue {
  const names = [...new Set(kinds.flat())]
  const listed = names.length === 0 ? 'nothing' : names.slice(0, NAMED_KINDS).join(', ')
  const more = names.length > NAMED_KINDS ? ' …' : ''
  return importIssue(
    file,
    'sr-not-recist',
    `${kinds.length} measurement group(s) of this report measure ${listed}${more}, no RECIST axis or length; they hold no bookmark`,
    'Nothing to do unless these lesions should be followed: then measure their axes (in LesionTrack or the viewer that made the report).',
    'note',
  )
}

/** Extracts the measurement groups of a naturalized SR dataset; `file` names it in issues. */
export function measurementsOfDataset(dataset: NaturalDataset, file: string): MeasurementReport {
  const report: MeasurementReport = {
    kind: 'sr',
    file,
    sopInstanceUid: String(dataset.SOPInstanceUID ?? ''),
    contentDateTime: `${dataset.ContentDate ?? ''}${dataset.ContentTime ?? ''}`,
    patientId: String(dataset.PatientID ?? ''),
    studyInstanceUid: String(dataset.StudyInstanceUID ?? ''),
    measurements: [],
    issues: [],
  }
  const root = dataset as ContentItem
  if (!isConcept(root, SR_CODES.imagingMeasurementReport.CodeValue)) {
    const title = conceptName(root)?.CodeMeaning ?? 'no title'
    report.issues.push(
      importIssue(
        file,
        'sr-not-measurement-report',
        `this structured report is '${title}', not a TID 1500 measurement report; it holds no bookmarks for LesionTrack`,
        'Nothing to do unless this report should hold RECIST measurements.',
        'note',
      ),
    )
    return report
  }
  const groups = childrenNamed(root, SR_CODES.imagingMeasurements.CodeValue).flatMap((container) =>
    childrenNamed(container, SR_CODES.measurementGroup.CodeValue),
  )
  let undrawnShortAxes = 0
  const otherKinds: string[][] = []
  groups.forEach((group, n) => {
    const other = otherMeasurements(group)
    if (other) {
      otherKinds.push(other)
      return
    }
    try {
      const { measurement, undrawnShort } = readGroup(group)
      report.measurements.push(measurement)
      if (undrawnShort) undrawnShortAxes++
    } catch (error) {
      if (!(error instanceof GroupError)) throw error
      const label = textValue(childrenNamed(group, SR_CODES.trackingIdentifier.CodeValue)[0])
      report.issues.push(
        importIssue(
          file,
          'sr-bad-measurement',
          `measurement group ${n + 1}${label ? ` ('${label}')` : ''} is skipped: ${error.message}`,
          'Re-measure this lesion (its axes on one image) and export the report again.',
        ),
      )
    }
  })
  if (otherKinds.length > 0) report.issues.push(otherMeasurementsNote(file, otherKinds))
  if (undrawnShortAxes > 0) {
    report.issues.push(
      importIssue(
        file,
        'sr-short-axis-not-drawn',
        `${undrawnShortAxes} measurement group(s) state a short axis but draw only one line (their Image Region); they were read as long axes alone`,
        'Nothing to do unless these lesions are lymph nodes, which RECIST measures by the short axis: then measure it in LesionTrack.',
        'note',
      ),
    )
  }
  return report
}

/** Reads one SR file. Unreadable files give a single issue and no measurements. */
export function readMeasurementReport(path: string): MeasurementReport {
  return readBookmarkDocument(
    path,
    'sr',
    'the structured report',
    'Export the report from the PACS again; the rest of the folder was imported.',
    measurementsOfDataset,
  )
}
