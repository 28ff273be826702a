/**
 * Serves the built renderer from one folder: no path may leave it, unknown paths get 404, and
 * the page gets a strict Content-Security-Policy (same origin only, nothing inline but styles).
 */
import { readFile, stat } from 'node:fs/promises'
import type { ServerResponse } from 'node:http'
import { extname, join, normalize, sep } from 'node:path'

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
}

/** Vue and vtk.js set inline styles; nothing else inline, and no requests to other origins. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ')

/** Maps a URL path to a file inside root, or null when it would leave root. */
export function resolveStaticPath(root: string, urlPath: string): string | null {
  let decoded: string
  try {
    decoded = decodeURIComponent(urlPath)
  } catch {
    return null
  }
  if (decoded.includes('\0')) return null
  const relative = normalize(decoded === '/' ? '/index.html' : decoded).replace(/^[/\\]+/, '')
  const path = join(root, relative)
  return path.startsWith(root.endsWith(sep) ? root : root + sep) ? path : null
}

/** Answers a GET for a file of the renderer build. */
export async function serveStatic(
  root: string,
  urlPath: string,
  response: ServerResponse,
): Promise<void> {
  const path = resolveStaticPath(root, urlPath)
  const isFile =
    path !== null &&
    (await stat(path).then(
      (s) => s.isFile(),
      () => false,
    ))
  if (!path || !isFile) {
    response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' })
    response.end(`Not found: ${urlPath}`)
    return
  }
  const body = await readFile(path)
  response.writeHead(200, {
    'content-type': CONTENT_TYPES[extname(path)] ?? 'application/octet-stream',
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-cache',
  })
  response.end(body)
}
