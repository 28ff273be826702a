/**
 * ApiClient over the Electron preload bridge: the preload validates and forwards over IPC; main
 * answers an ApiResult that is unwrapped here.
 */
import type { LesionTrackBridge } from '../../../electron/api/bridge'
import type { ApiMethod, ApiRequest, ApiResponse } from '../../../electron/api/contract'
import { ApiCallError, type ApiClient } from './client'

export function createBridgeClient(bridge: LesionTrackBridge): ApiClient {
  return {
    canPickFolder: true,
    async call<M extends ApiMethod>(method: M, request: ApiRequest<M>): Promise<ApiResponse<M>> {
      const result = await bridge.invoke(method, request)
      if (!result.ok) throw new ApiCallError(result.error)
      return result.value as ApiResponse<M>
    },
    onEvent: (listener) => bridge.onEvent(listener),
    dispose: () => {},
  }
}
