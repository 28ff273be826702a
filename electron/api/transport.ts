/**
 * Names both transports agree on: the IPC channels of the Electron shell and the HTTP routes and
 * token header of the local web host.
 */

/** IPC channel for every request: (method, request) → ApiResult. */
export const IPC_INVOKE_CHANNEL = 'lesiontrack:invoke'
/** IPC channel main uses to push ApiEvents to the renderer. */
export const IPC_EVENT_CHANNEL = 'lesiontrack:event'

/** HTTP: POST a JSON request to `${HTTP_API_PREFIX}<method>`. */
export const HTTP_API_PREFIX = '/api/'
/** HTTP: GET a stream of ApiEvents, one JSON object per line. */
export const HTTP_EVENTS_PATH = '/api-events'
/** HTTP header carrying the host's per-run token on every API request. */
export const TOKEN_HEADER = 'x-lesiontrack-token'
/** Content type of a binary volume answer (see volume-wire.ts). */
export const VOLUME_CONTENT_TYPE = 'application/x-lesiontrack-volume'
