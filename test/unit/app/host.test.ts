// The web host is reachable by every process on this machine: it must serve the renderer
// build without escaping its folder, refuse API calls without its token or under another host
// name, bound request sizes, and carry the same API (JSON, binary voxels, pushed progress).
import { mkdirSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ApiEvent } from '../../../electron/api/contract'
import { TOKEN_HEADER } from '../../../electron/api/transport'
import { resolveStaticPath } from '../../../electron/host/static-files'
import { startWebApp, type RunningWebApp } from '../../../electron/host/web-app'
import { createHttpClient, readToken } from '../../../renderer/src/api/http-client'
import { tempFolder, writeCtStudy } from './fixtures'

const temp = tempFolder('host')
const staticDir = join(temp.dir, 'web')
const scansFolder = join(temp.dir, 'scans')
let app: RunningWebApp
let voxels: Int16Array

beforeAll(async () => {
  mkdirSync(join(staticDir, 'assets'), { recursive: true })
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>LesionTrack test</title>')
  writeFileSync(join(staticDir, 'assets', 'app.js'), 'export {}')
  writeFileSync(join(temp.dir, 'secret.txt'), 'outside the web folder')
  voxels = await writeCtStudy(scansFolder, {
    patientId: 'HOST-1',
    studyUid: '2.25.51',
    seriesUid: '2.25.511',
    studyDate: '2022-04-04',
    dims: [20, 16, 5],
  })
  app = await startWebApp({
    staticDir,
    cacheDir: join(temp.dir, 'cache'),
    settingsDir: join(temp.dir, 'settings'),
  })
})
afterAll(async () => {
  await app.close()
  temp.remove()
})

/** A raw HTTP request, so paths and Host headers go out exactly as written. */
function raw(
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  const { port } = new URL(app.origin)
  return new Promise((resolve, reject) => {
    const outgoing = request(
      { host: '127.0.0.1', port, path, method: options.method ?? 'GET', headers: options.headers },
      (response) => {
        let body = ''
        response.on('data', (chunk: Buffer) => (body += chunk.toString()))
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, headers: response.headers, body }),
        )
      },
    )
    outgoing.on('error', reject)
    outgoing.end(options.body)
  })
}

const withToken = () => ({ [TOKEN_HEADER]: app.token, 'content-type': 'application/json' })

describe('address and token', () => {
  it('listens on 127.0.0.1 only, with a fresh 256-bit token in the fragment of its address', () => {
    expect(app.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect(app.url).toBe(`${app.origin}/#token=${app.token}`)
    expect(Buffer.from(app.token, 'base64url')).toHaveLength(32)
  })

  it('refuses API calls without the token or with a wrong one', async () => {
    const attempts: Record<string, string>[] = [
      {},
      { [TOKEN_HEADER]: '' },
      { [TOKEN_HEADER]: app.token.slice(1) },
    ]
    for (const headers of attempts) {
      const answer = await raw('/api/getSettings', { method: 'POST', headers, body: '{}' })
      expect(answer.status).toBe(401)
      expect(JSON.parse(answer.body).error.code).toBe('unauthorized')
    }
    expect((await raw('/api-events')).status).toBe(401)
    expect(
      (await raw('/api/getSettings', { method: 'POST', headers: withToken(), body: '{}' })).status,
    ).toBe(200)
  })

  it('refuses requests addressed to another host name (DNS rebinding)', async () => {
    const answer = await raw('/api/getSettings', {
      method: 'POST',
      headers: { ...withToken(), host: 'attacker.example' },
      body: '{}',
    })
    expect(answer.status).toBe(421)
    expect((await raw('/', { headers: { host: 'attacker.example' } })).status).toBe(421)
  })
})

describe('static files', () => {
  it('serves the renderer build with a strict content security policy', async () => {
    const page = await raw('/')
    expect(page.status).toBe(200)
    expect(page.body).toContain('LesionTrack test')
    expect(page.headers['content-security-policy']).toContain("default-src 'self'")
    expect((await raw('/assets/app.js')).headers['content-type']).toMatch(/javascript/)
  })

  it('never serves a file outside its folder', async () => {
    for (const path of [
      '/../secret.txt',
      '/..%2fsecret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/%00',
    ]) {
      const answer = await raw(path)
      expect(answer.status, path).toBe(404)
      expect(answer.body).not.toContain('outside the web folder')
    }
    // '..' is clamped at the folder's root, as for an absolute path.
    expect(resolveStaticPath(staticDir, '/..%2f..%2fsecret.txt')).toBe(
      join(staticDir, 'secret.txt'),
    )
    expect(resolveStaticPath(staticDir, '/a%00b')).toBeNull()
    expect(resolveStaticPath(staticDir, '/%E0%A4%A')).toBeNull()
    expect(resolveStaticPath(staticDir, '/assets/app.js')).toBe(join(staticDir, 'assets', 'app.js'))
  })
})

describe('API over HTTP', () => {
  it('answers malformed calls with 400 and what is wrong', async () => {
    const notJson = await raw('/api/getSettings', {
      method: 'POST',
      headers: withToken(),
      body: '{',
    })
    expect(notJson.status).toBe(400)
    const unknown = await raw('/api/dropTables', {
      method: 'POST',
      headers: withToken(),
      body: '{}',
    })
    expect(unknown.status).toBe(400)
    expect(JSON.parse(unknown.body).error.message).toContain('dropTables')
    const wrongMethod = await raw('/api/getSettings', { headers: withToken() })
    expect(wrongMethod.status).toBe(405)
    const huge = await raw('/api/importFolder', {
      method: 'POST',
      headers: withToken(),
      body: JSON.stringify({ folder: '/' + 'x'.repeat(1_000_000) }),
    })
    expect(huge.status).toBe(413)
  })

  it('carries the renderer’s HTTP client: records as JSON, voxels as binary, progress pushed', async () => {
    const client = createHttpClient(app.origin, app.token)
    const events: ApiEvent[] = []
    client.onEvent((event) => events.push(event))
    try {
      // The job starts once the client's event stream is attached, so no progress is missed.
      while (app.events.listenerCount === 0) await new Promise((resolve) => setTimeout(resolve, 20))
      const report = await client.call('importFolder', { folder: scansFolder })
      expect(report.patients.map((p) => p.patientId)).toEqual(['HOST-1'])
      const volume = await client.call('getVolume', { seriesInstanceUid: '2.25.511' })
      expect(volume.geometry.dims).toEqual([20, 16, 5])
      expect(Array.from(volume.hu)).toEqual(Array.from(voxels))
      await expect(client.call('getPatient', { patientId: 'NOBODY' })).rejects.toMatchObject({
        apiError: { code: 'unknown-patient' },
      })
      const progress = events.flatMap((e) => (e.kind === 'progress' ? [e.progress] : []))
      expect(progress.at(-1)?.finished).toBe(true)
      expect(progress.some((p) => p.task === 'Reading file headers' && p.done === 5)).toBe(true)
    } finally {
      client.dispose()
    }
  })

  it('takes the token from the address fragment and keeps it for reloads of the tab', () => {
    const stored = new Map<string, string>()
    const storage = {
      getItem: (key: string) => stored.get(key) ?? null,
      setItem: (key: string, value: string) => void stored.set(key, value),
    }
    expect(readToken({ hash: '#token=abc123' }, storage)).toBe('abc123')
    expect(readToken({ hash: '' }, storage)).toBe('abc123')
    expect(readToken({ hash: '' }, { getItem: () => null, setItem: () => {} })).toBeNull()
  })
})
