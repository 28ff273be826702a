/**
 * The object the preload exposes to the renderer in Electron (window.lesiontrack): one generic
 * call and one event subscription, both typed here and validated on each side.
 */
import type { ApiEvent, ApiResult } from './contract'

/** Name of the global the preload defines with contextBridge. */
export const BRIDGE_GLOBAL = 'lesiontrack'

export interface LesionTrackBridge {
  /** Sends one validated request to main; never throws, answers an ApiResult. */
  invoke(method: string, request: unknown): Promise<ApiResult<unknown>>
  /** Calls listener for every event main pushes; returns the function that unsubscribes. */
  onEvent(listener: (event: ApiEvent) => void): () => void
}
