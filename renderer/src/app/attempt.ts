/**
 * Runs a user action so that a failure becomes a message on screen (what failed, why, what to do)
 * instead of an exception, and a later success of the same action clears it.
 */
import type { ApiError } from '../../../electron/api/contract'
import { ApiCallError } from '../api/client'
import type { ActivityStore } from '../stores/activity-store'

/** The API's error of a failed call, or a renderer error phrased the same way. */
export function toUserError(error: unknown): ApiError {
  return error instanceof ApiCallError
    ? error.apiError
    : { code: 'renderer-error', message: String(error), hint: 'Reload the window' }
}

/** An `attempt(action, work)` bound to the activity store that shows failures. */
export function createAttempt(activity: ActivityStore) {
  return async function attempt<T>(action: string, work: () => Promise<T>): Promise<T | null> {
    try {
      const value = await work()
      if (activity.state.failure?.action === action) activity.dismissFailure()
      return value
    } catch (error) {
      activity.setFailure(action, toUserError(error))
      return null
    }
  }
}
