/**
 * The one entry both transports (IPC in Electron main, HTTP in the web host) use: validate the
 * call, run the handler, and turn every outcome into an ApiResult.
 */
import type { ApiHandlers, ApiResult } from '../../api/contract'
import { validateCall } from '../../api/validate'
import { toApiError } from './errors'

/** Validates (method, request) as received from the renderer, then calls the handler. */
export async function handleApiCall(
  handlers: ApiHandlers,
  method: unknown,
  rawRequest: unknown,
): Promise<ApiResult<unknown>> {
  const call = validateCall(method, rawRequest)
  if (!call.ok) return call
  try {
    const handler = handlers[call.method] as (request: unknown) => Promise<unknown>
    return { ok: true, value: await handler(call.request) }
  } catch (error) {
    return { ok: false, error: toApiError(error) }
  }
}
