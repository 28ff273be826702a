/**
 * ApiClient over HTTP to the local web host: JSON requests carrying the token header, volumes as
 * binary, and pushed events read from a long-lived newline-delimited JSON stream.
 */
import type {
  ApiEvent,
  ApiMethod,
  ApiRequest,
  ApiResponse,
  ApiResult,
} from '../../../electron/api/contract'
import {
  HTTP_API_PREFIX,
  HTTP_EVENTS_PATH,
  TOKEN_HEADER,
  VOLUME_CONTENT_TYPE,
} from '../../../electron/api/transport'
import { decodeVolume } from '../../../electron/api/volume-wire'
import { ApiCallError, type ApiClient } from './client'

const TOKEN_STORAGE_KEY = 'lesiontrack-token'
const RECONNECT_DELAY_MS = 2000

/** The part of the tab's sessionStorage the token needs. */
export interface TokenStorage {
  getItem(key: string): string | null
  setItem(key: string, value: string): void
}

/**
 * The host's token: from the address fragment (#token=…) on first load, remembered for the tab
 * so a reload that lost the fragment still works.
 */
export function readToken(location: { hash: string }, storage: TokenStorage): string | null {
  const fromHash = new URLSearchParams(location.hash.replace(/^#/, '')).get('token')
  if (fromHash) {
    storage.setItem(TOKEN_STORAGE_KEY, fromHash)
    return fromHash
  }
  return storage.getItem(TOKEN_STORAGE_KEY)
}

export function createHttpClient(origin: string, token: string): ApiClient {
  const listeners = new Set<(event: ApiEvent) => void>()
  const stop = new AbortController()

  async function call<M extends ApiMethod>(
    method: M,
    request: ApiRequest<M>,
  ): Promise<ApiResponse<M>> {
    let response: Response
    try {
      response = await fetch(`${origin}${HTTP_API_PREFIX}${method}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [TOKEN_HEADER]: token },
        body: JSON.stringify(request),
      })
    } catch (error) {
      throw new ApiCallError({
        code: 'host-unreachable',
        message: `LesionTrack’s host at ${origin} did not answer (${(error as Error).message})`,
        hint: 'Check that `npm start` is still running, then reload',
      })
    }
    if (response.headers.get('content-type') === VOLUME_CONTENT_TYPE) {
      return decodeVolume(await response.arrayBuffer()) as ApiResponse<M>
    }
    const result = (await response.json()) as ApiResult<ApiResponse<M>>
    if (!result.ok) throw new ApiCallError(result.error)
    return result.value
  }

  async function streamEvents(): Promise<void> {
    while (!stop.signal.aborted) {
      try {
        const response = await fetch(`${origin}${HTTP_EVENTS_PATH}`, {
          headers: { [TOKEN_HEADER]: token },
          signal: stop.signal,
        })
        if (response.body) await readLines(response.body, dispatch)
      } catch {
        // The host restarted or the tab slept: try again shortly.
      }
      if (!stop.signal.aborted) await delay(RECONNECT_DELAY_MS)
    }
  }

  function dispatch(line: string): void {
    if (line.trim() === '') return
    const event = JSON.parse(line) as ApiEvent
    for (const listener of listeners) listener(event)
  }

  void streamEvents()
  return {
    canPickFolder: false,
    call,
    onEvent(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    dispose: () => stop.abort(),
  }
}

async function readLines(
  body: ReadableStream<Uint8Array>,
  onLine: (line: string) => void,
): Promise<void> {
  const reader = body.getReader()
  const decoder = new TextDecoder()
  let pending = ''
  for (;;) {
    const { value, done } = await reader.read()
    if (done) return
    pending += decoder.decode(value, { stream: true })
    const lines = pending.split('\n')
    pending = lines.pop() ?? ''
    lines.forEach(onLine)
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}
