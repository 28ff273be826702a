// Guards against an open local API: without the per-run token (or when reached under another
// host name, as in DNS rebinding) the web host must refuse every API request.
import assert from 'node:assert/strict'
import { request } from 'node:http'
import { TOKEN_HEADER } from '../../../electron/api/transport'
import { withAppPage, type E2eSpec } from '../harness'

function statusWithHost(origin: string, host: string, token: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const url = new URL('/api/getSettings', origin)
    const outgoing = request(
      url,
      { method: 'POST', headers: { host, [TOKEN_HEADER]: token } },
      (response) => {
        response.resume()
        resolve(response.statusCode ?? 0)
      },
    )
    outgoing.on('error', reject)
    outgoing.end('{}')
  })
}

export const tokenSpec: E2eSpec = {
  title: 'API requests without the token, or under another host name, are refused',
  async run({ browser, host }) {
    const call = (headers: Record<string, string>) =>
      fetch(`${host.origin}/api/getSettings`, { method: 'POST', headers, body: '{}' })

    const anonymous = await call({})
    assert.equal(anonymous.status, 401)
    assert.equal(
      ((await anonymous.json()) as { error: { code: string } }).error.code,
      'unauthorized',
    )
    assert.equal((await call({ [TOKEN_HEADER]: `${host.token}x` })).status, 401)
    assert.equal((await call({ [TOKEN_HEADER]: host.token })).status, 200)
    assert.equal((await fetch(`${host.origin}/api-events`)).status, 401)
    const port = new URL(host.origin).port
    assert.equal(await statusWithHost(host.origin, `rebound.example:${port}`, host.token), 421)

    await withAppPage(browser, async (app) => {
      // The page itself loads without the token; its API calls do not.
      const page = await app.page.goto(host.origin)
      assert.equal(page?.status(), 200)
      const status = await app.page.evaluate(
        "fetch('/api/getSettings', { method: 'POST', body: '{}' }).then((r) => r.status)",
      )
      assert.equal(status, 401)
      await app.page.getByText('opened without the host’s token').waitFor()
    })
  },
}
