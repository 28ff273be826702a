/**
 * Who may talk to the local web host: requests addressed to our loopback origin (no DNS
 * rebinding) carrying this run's random token, compared in constant time.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import { TOKEN_HEADER } from '../api/transport'

/** A fresh 256-bit token, URL-safe. */
export function newToken(): string {
  return randomBytes(32).toString('base64url')
}

/** True when the request carries exactly this token in the token header. */
export function hasToken(request: IncomingMessage, token: string): boolean {
  const sent = request.headers[TOKEN_HEADER]
  if (typeof sent !== 'string') return false
  const a = Buffer.from(sent)
  const b = Buffer.from(token)
  return a.length === b.length && timingSafeEqual(a, b)
}

/**
 * True when the Host header names our loopback address and port: a page on another site that
 * rebinds its DNS name to 127.0.0.1 sends its own name and is refused.
 */
export function isLoopbackHost(request: IncomingMessage, port: number): boolean {
  const host = request.headers.host
  return host === `127.0.0.1:${port}` || host === `localhost:${port}`
}
