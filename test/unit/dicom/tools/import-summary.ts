/**
 * Imports a folder and prints the outcome as JSON (series UIDs and issues): lets a test run the
 * import in another process, e.g. one without the capabilities that let root read any folder.
 *   node --import tsx test/unit/dicom/tools/import-summary.ts DIR
 */
import { readDicomFolder } from '../../../../electron/core/import/dicom-folder'

const result = await readDicomFolder(process.argv[2])
process.stdout.write(
  JSON.stringify({ series: result.series.map((s) => s.seriesInstanceUid), issues: result.issues }) +
    '\n',
)
