/**
 * Whether a slice of a series has no image in its source (a slice lost from a DICOM export, one
 * outside a DeepLesion folder's ranges): the view shows it empty and no lesion is measured on it.
 */
import type { SeriesRecord } from '../../../electron/api/records'

/** True when slice k of `series` has no image in the source. */
export function isMissingSlice(series: SeriesRecord | null | undefined, k: number): boolean {
  return series?.missingSlices?.includes(k) ?? false
}
