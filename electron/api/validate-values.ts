/**
 * The checks every validator of values from outside builds on: the error shape, plain objects,
 * and identifiers or paths as bounded text without control characters.
 */
import type { ApiError } from './contract'

/** Longest identifier accepted (DICOM UIDs are ≤ 64 characters, patient IDs ≤ 64). */
export const MAX_ID_LENGTH = 256
// Control characters never belong in an identifier or a path; NUL in a path is an injection trick.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/

/** A refused request: what is wrong and what to send instead. */
export function invalid(message: string, hint: string): { ok: false; error: ApiError } {
  return { ok: false, error: { code: 'invalid-request', message, hint } }
}

/** An object literal or JSON object: no array, class instance or borrowed prototype. */
export function isPlainObject(raw: unknown): raw is Record<string, unknown> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return false
  const prototype = Object.getPrototypeOf(raw)
  return prototype === Object.prototype || prototype === null
}

/** Why `value` is not an identifier of at most `maxLength` characters; null when it is one. */
export function checkText(
  value: unknown,
  method: string,
  field: string,
  maxLength: number,
): ApiError | null {
  if (typeof value !== 'string' || value.length === 0) {
    return invalid(`${method}: '${field}' must be a non-empty string`, `Send '${field}' as text`)
      .error
  }
  if (value.length > maxLength) {
    return invalid(
      `${method}: '${field}' is longer than ${maxLength} characters`,
      'Check the value',
    ).error
  }
  if (CONTROL_CHARACTERS.test(value)) {
    return invalid(`${method}: '${field}' contains control characters`, 'Remove them').error
  }
  return null
}
