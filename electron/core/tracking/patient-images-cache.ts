/**
 * What aligning one patient's CT volumes found, kept by the images it was computed from: a folder
 * opened again, or added to the open ones (which imports them all again), decodes only the
 * patients whose images changed. The key is the patient's series and SOP Instance UIDs and each
 * file's path, size and modification time: a UID names one image, but a file can be replaced or
 * damaged under the same UID, and must then be decoded (and found bad) again.
 */
import { createHash } from 'node:crypto'
import { statSync } from 'node:fs'
import type { PatientImageAlignment } from '../align'
import type { ImportIssue, Series } from '../model/types'

export interface PatientImages {
  /** The patient's image alignment; undefined when the images gave none. */
  alignment: PatientImageAlignment | undefined
  /** Series whose pixels could not be decoded: left out of every import of the same images. */
  undecodable: { seriesInstanceUid: string; issue: ImportIssue }[]
}

/** A file's size and modification time, or that it cannot be read now (decoding will say why). */
function fileState(path: string): string {
  try {
    const { size, mtimeMs } = statSync(path)
    return `${size}:${mtimeMs}`
  } catch {
    return 'unreadable'
  }
}

export class PatientImagesCache {
  private readonly byKey = new Map<string, PatientImages>()

  /** The key of a patient's images: the patient, its series, their instances and files. */
  static keyOf(patientId: string, series: readonly Series[]): string {
    const hash = createHash('sha256').update(patientId)
    const ordered = [...series].sort((a, b) =>
      a.seriesInstanceUid.localeCompare(b.seriesInstanceUid),
    )
    for (const s of ordered) {
      hash.update(`\u0000${s.seriesInstanceUid}\u0000${s.sopInstanceUids.join('\\')}`)
      if (s.frameNumbers) hash.update(`\u0000${s.frameNumbers.join('\\')}`)
      for (const file of s.sourceFiles) hash.update(`\u0000${file}\u0000${fileState(file)}`)
    }
    return hash.digest('hex')
  }

  get(key: string): PatientImages | undefined {
    return this.byKey.get(key)
  }

  set(key: string, images: PatientImages): void {
    this.byKey.set(key, images)
  }
}
