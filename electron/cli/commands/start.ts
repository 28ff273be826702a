/**
 * `lesiontrack start` (`npm start`): the desktop app where Electron can run; otherwise it says
 * why and serves the same app on the local web host, printing the address to open.
 */
import { spawn } from 'node:child_process'
import { checkElectron } from '../../host/electron-binary'
import { buildDesktopApp, PROJECT_ROOT } from '../../host/builds'
import type { Command } from '../command'
import { serveUntilInterrupted } from './serve'

function runElectron(binary: string): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(binary, [PROJECT_ROOT], { stdio: 'inherit' })
    const forward = (signal: NodeJS.Signals) => () => child.kill(signal)
    process.on('SIGINT', forward('SIGINT'))
    process.on('SIGTERM', forward('SIGTERM'))
    child.on('close', (code) => resolve(code ?? 1))
  })
}

export const startCommand: Command = {
  name: 'start',
  summary: 'open the desktop app (or, without Electron, serve it to a browser)',
  usage: '[--web] [--port N] [--cache DIR]',
  details: [
    '--web              skip Electron and serve the app to a browser',
    '--port N           web host port (default: a free one at random)',
    '--cache DIR        where the web host generates the demo patient',
  ],
  options: { web: { type: 'boolean' }, port: { type: 'string' }, cache: { type: 'string' } },
  async run(args) {
    if (!args.values.web) {
      process.stdout.write('Preparing Electron (the first start downloads it)…\n')
      const electron = await checkElectron()
      if (electron.ok) {
        process.stdout.write('Building the desktop app…\n')
        await buildDesktopApp()
        return runElectron(electron.binary)
      }
      process.stdout.write(
        `\nThe desktop app cannot start here: ${electron.reason}.\n` +
          'Serving the same app to your browser instead.\n\n',
      )
    }
    return serveUntilInterrupted(args)
  },
}
