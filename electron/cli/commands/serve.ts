/**
 * `lesiontrack serve`: builds the renderer and serves the app on the local web host
 * (127.0.0.1, random port and token) until interrupted; prints the address to open.
 */
import { buildWebRenderer, WEB_BUILD_DIR } from '../../host/builds'
import { startWebApp } from '../../host/web-app'
import { intOption, type Command, type ParsedArgs } from '../command'

/** Builds, starts the host, prints its address, and resolves with 0 after Ctrl+C. */
export async function serveUntilInterrupted(args: ParsedArgs): Promise<number> {
  const port = intOption(args, 'port', 0)
  if (port > 65535) throw new Error('--port must be at most 65535')
  process.stdout.write('Building the renderer…\n')
  await buildWebRenderer()
  const app = await startWebApp({
    staticDir: WEB_BUILD_DIR,
    cacheDir: typeof args.values.cache === 'string' ? args.values.cache : undefined,
    port,
  })
  process.stdout.write(
    `\nLesionTrack is running at\n\n  ${app.url}\n\n` +
      'Open this address (token included) in Chrome, Edge or Firefox. Press Ctrl+C to stop.\n',
  )
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve)
    process.once('SIGTERM', resolve)
  })
  await app.close()
  return 0
}

export const serveCommand: Command = {
  name: 'serve',
  summary: 'serve the app to a browser on this computer (127.0.0.1 with a token)',
  usage: '[--port N] [--cache DIR]',
  details: [
    '--port N           port on 127.0.0.1 (default: a free one at random)',
    '--cache DIR        where the demo patient is generated (default ~/.cache/lesiontrack)',
  ],
  options: { port: { type: 'string' }, cache: { type: 'string' } },
  run: serveUntilInterrupted,
}
