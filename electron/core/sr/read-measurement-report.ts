/**
 * Reads RECIST bookmarks from a DICOM SR TID 1500 measurement report: every measurement group of
 * its Imaging Measurements (measurement-group.ts), each group that cannot be read skipped with
 * the reason.
 */
import type { NaturalDataset } from 'dcmjs'
import { readNaturalDataset } from '../dicom/natural-dataset'
import { importIssue } from '../model/import-issue'
import { SR_CODES } from './codes'
import { childrenNamed, conceptName, isConcept, textValue, type ContentItem } from './content-tree'
import { GroupError, readGroup } from './measurement-group'
import { unreadableReport, type MeasurementReport } from './measurement-report'

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
  groups.forEach((group, n) => {
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
  let dataset: NaturalDataset
  try {
    dataset = readNaturalDataset(path)
  } catch (error) {
    return unreadableReport(
      'sr',
      path,
      'sr-unreadable',
      `the structured report cannot be parsed (${(error as Error).message})`,
      'Export the report from the PACS again; the rest of the folder was imported.',
    )
  }
  return measurementsOfDataset(dataset, path)
}
