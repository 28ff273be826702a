/**
 * De-identification of an export: patient ids become salted pseudonyms, DICOM UIDs become salted
 * `2.25.` UIDs (the same original always maps to the same one under one salt, so exports of one
 * project stay linkable without the originals).
 */
import { createHash } from 'node:crypto'
import { deriveUid } from '../dicom/write/uid'

export interface Pseudonyms {
  patientId(patientId: string): string
  uid(uid: string): string
}

/** Pseudonyms under `salt` (a secret kept with the settings, never exported). */
export function createPseudonyms(salt: string): Pseudonyms {
  return {
    patientId: (patientId) =>
      `ANON-${createHash('sha256').update(`${salt}\u0000patient\u0000${patientId}`).digest('hex').slice(0, 12).toUpperCase()}`,
    uid: (uid) => deriveUid(salt, 'uid', uid),
  }
}
