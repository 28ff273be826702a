/**
 * The one constructor of ImportIssue, shared by every reader (DICOM, SR, DeepLesion), so each
 * problem is phrased the same way: which file, what is wrong, what to do.
 */
import type { ImportIssue } from './types'

/** An ImportIssue; errors unless said otherwise. */
export function importIssue(
  file: string,
  code: string,
  message: string,
  hint: string,
  severity: ImportIssue['severity'] = 'error',
): ImportIssue {
  return { file, code, message, hint, severity }
}
