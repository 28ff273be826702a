/**
 * Chooses the API transport for this page: the preload bridge when Electron defined it, otherwise
 * HTTP to the local web host with the token from the address.
 */
import type { LesionTrackBridge } from '../../../electron/api/bridge'
import { BRIDGE_GLOBAL } from '../../../electron/api/bridge'
import { createBridgeClient } from './bridge-client'
import { ApiCallError, type ApiClient } from './client'
import { createHttpClient, readToken } from './http-client'

/** Picks the transport this page runs with. */
export function createApiClient(): ApiClient {
  const bridge = (window as unknown as Record<string, LesionTrackBridge | undefined>)[BRIDGE_GLOBAL]
  if (bridge) return createBridgeClient(bridge)
  const token = readToken(window.location, window.sessionStorage)
  if (!token) {
    throw new ApiCallError({
      code: 'unauthorized',
      message: 'This page was opened without the host’s token',
      hint: 'Open the full address `npm start` printed, including #token=…',
    })
  }
  return createHttpClient(window.location.origin, token)
}
