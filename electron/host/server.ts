/**
 * The local web host: the renderer build and the same API as the Electron shell, over HTTP on
 * 127.0.0.1 only, with a random port and a random token that every API request must carry.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { ApiError, ApiHandlers, ApiResult } from '../api/contract'
import type { VolumeVoxels } from '../api/records'
import { HTTP_API_PREFIX, HTTP_EVENTS_PATH, VOLUME_CONTENT_TYPE } from '../api/transport'
import { encodeVolume } from '../api/volume-wire'
import { handleApiCall } from '../core/service/handle-call'
import { hasToken, isLoopbackHost, newToken } from './auth'
import { EventStreams } from './events'
import { serveStatic } from './static-files'

/**
 * Requests are small JSON objects; anything larger is refused before it is parsed. The largest is
 * matchTracks with MAX_DECISIONS decisions of two 64-character UIDs (about 170 bytes each).
 */
const MAX_BODY_BYTES = 256 * 1024

export interface HostOptions {
  handlers: ApiHandlers
  events: EventStreams
  /** Folder holding the built renderer (index.html and assets). */
  staticDir: string
  /** Port to listen on; 0 (default) picks a free one at random. */
  port?: number
}

export interface RunningHost {
  /** The address to open, token included (in the fragment, so it never reaches a log). */
  url: string
  origin: string
  token: string
  close(): Promise<void>
}

/** Starts listening on 127.0.0.1 and resolves once the port is bound. */
export async function startHost(options: HostOptions): Promise<RunningHost> {
  const token = newToken()
  let port = 0
  const server: Server = createServer((request, response) => {
    route(request, response, options, token, port).catch((error: unknown) => {
      const message = error instanceof Error ? error.message : String(error)
      sendError(response, 500, { code: 'internal-error', message, hint: 'Restart the host' })
    })
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve())
  })
  port = (server.address() as AddressInfo).port
  const origin = `http://127.0.0.1:${port}`
  return {
    url: `${origin}/#token=${token}`,
    origin,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        options.events.close()
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

async function route(
  request: IncomingMessage,
  response: ServerResponse,
  options: HostOptions,
  token: string,
  port: number,
): Promise<void> {
  if (!isLoopbackHost(request, port)) {
    sendError(response, 421, {
      code: 'wrong-host',
      message: `This host answers only to 127.0.0.1:${port}`,
      hint: 'Open the address the host printed',
    })
    return
  }
  const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname
  const isApi = path.startsWith(HTTP_API_PREFIX) || path === HTTP_EVENTS_PATH
  if (!isApi) {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      sendError(response, 405, { code: 'method-not-allowed', message: 'Only GET here', hint: '' })
      return
    }
    await serveStatic(options.staticDir, path, response)
    return
  }
  if (!hasToken(request, token)) {
    sendError(response, 401, {
      code: 'unauthorized',
      message: 'This request does not carry the host’s token',
      hint: 'Open the full address the host printed, including #token=…',
    })
    return
  }
  if (path === HTTP_EVENTS_PATH && request.method === 'GET') {
    options.events.attach(response)
    return
  }
  if (request.method !== 'POST' || path === HTTP_EVENTS_PATH) {
    sendError(response, 405, {
      code: 'method-not-allowed',
      message: `Use POST for ${path}`,
      hint: '',
    })
    return
  }
  const body = await readJsonBody(request)
  if (!body.ok) {
    sendError(response, body.status, body.error)
    return
  }
  const method = path.slice(HTTP_API_PREFIX.length)
  const result = await handleApiCall(options.handlers, method, body.value)
  if (result.ok && method === 'getVolume') {
    const bytes = encodeVolume(result.value as VolumeVoxels)
    response.writeHead(200, {
      'content-type': VOLUME_CONTENT_TYPE,
      'content-length': bytes.byteLength,
      'cache-control': 'no-store',
    })
    response.end(bytes)
    return
  }
  sendJson(response, statusOf(result), result)
}

function statusOf(result: ApiResult<unknown>): number {
  if (result.ok) return 200
  if (result.error.code === 'invalid-request') return 400
  return result.error.code === 'internal-error' ? 500 : 422
}

type BodyResult = { ok: true; value: unknown } | { ok: false; status: number; error: ApiError }

async function readJsonBody(request: IncomingMessage): Promise<BodyResult> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of request) {
    size += (chunk as Buffer).length
    if (size > MAX_BODY_BYTES) {
      return {
        ok: false,
        status: 413,
        error: {
          code: 'too-large',
          message: `Requests are limited to ${MAX_BODY_BYTES} bytes`,
          hint: '',
        },
      }
    }
    chunks.push(chunk as Buffer)
  }
  const text = Buffer.concat(chunks).toString('utf8')
  try {
    return { ok: true, value: text === '' ? {} : JSON.parse(text) }
  } catch {
    return {
      ok: false,
      status: 400,
      error: {
        code: 'invalid-request',
        message: 'The request body is not JSON',
        hint: 'Send a JSON object',
      },
    }
  }
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  })
  response.end(JSON.stringify(body))
}

function sendError(response: ServerResponse, status: number, error: ApiError): void {
  if (response.headersSent) {
    response.destroy()
    return
  }
  sendJson(response, status, { ok: false, error })
}
