/**
 * Failures of the service phrased for the user (what went wrong, what to do), and their
 * conversion to the API's error value at the transport boundary.
 */
import type { ApiError } from '../../api/contract'

/** An error the user can act on; the code lets the renderer pick a presentation. */
export class ServiceError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly hint: string,
  ) {
    super(message)
    this.name = 'ServiceError'
  }
}

/** Converts anything thrown by a handler into an ApiError; unexpected errors keep their message. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ServiceError) {
    return { code: error.code, message: error.message, hint: error.hint }
  }
  const message = error instanceof Error ? error.message : String(error)
  return {
    code: 'internal-error',
    message,
    hint: 'This is a bug in LesionTrack; please report it with the steps that led to it.',
  }
}
