/**
 * De-identification of an export: patient ids become salted pseudonyms, DICOM UIDs become salted
 * `2.25.` UIDs (the same original always maps to the same one under one salt, so exports of one
 * project stay linkable without the originals), and study dates become days from the baseline.
 */
import { createHash } from 'node:crypto'
import { deriveUid } from '../dicom/write/uid'

export interface Pseudonyms {
  patientId(patientId: string): string
  uid(uid: string): string
}

const MS_PER_DAY = 86_400_000

/** Pseudonyms under `salt` (a secret kept with the settings, never exported). */
export function createPseudonyms(salt: string): Pseudonyms {
  return {
    patientId: (patientId) =>
      `ANON-${createHash('sha256').update(`${salt}\u0000patient\u0000${patientId}`).digest('hex').slice(0, 12).toUpperCase()}`,
    uid: (uid) => deriveUid(salt, 'uid', uid),
  }
}

/** Days from `baselineDate` to `date` (YYYY-MM-DD); null when either is unknown. */
export function daysFromBaseline(date: string, baselineDate: string): number | null {
  const t = Date.parse(`${date}T00:00:00Z`)
  const t0 = Date.parse(`${baselineDate}T00:00:00Z`)
  if (Number.isNaN(t) || Number.isNaN(t0)) return null
  return Math.round((t - t0) / MS_PER_DAY)
}
