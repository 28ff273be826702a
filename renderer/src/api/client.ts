/**
 * The renderer's one typed way to the API. Two transports implement it (the preload bridge in
 * Electron, HTTP with the host's token in a browser); the rest of the renderer sees only this.
 */
import type {
  ApiError,
  ApiEvent,
  ApiMethod,
  ApiRequest,
  ApiResponse,
} from '../../../electron/api/contract'

export interface ApiClient {
  call<M extends ApiMethod>(method: M, request: ApiRequest<M>): Promise<ApiResponse<M>>
  /** Subscribes to pushed events; returns the unsubscribe function. */
  onEvent(listener: (event: ApiEvent) => void): () => void
  /** Whether pickFolder can open a system dialog (Electron) or the user types a path (browser). */
  readonly canPickFolder: boolean
  /** Stops background connections (the HTTP event stream). */
  dispose(): void
}

/** The error a call rejects with: the API's user-facing message and hint. */
export class ApiCallError extends Error {
  constructor(readonly apiError: ApiError) {
    super(apiError.message)
    this.name = 'ApiCallError'
  }
}
