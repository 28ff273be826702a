/**
 * Test helper: runs the lesiontrack command line in this process and captures what it writes,
 * so a test reads the report and the warnings without them cluttering the test output.
 */
import { vi } from 'vitest'
import { main } from '../../../electron/cli/main'

export interface CliRun {
  code: number
  stdout: string
  stderr: string
}

export async function runCli(args: string[]): Promise<CliRun> {
  const written = { stdout: '', stderr: '' }
  const capture = (stream: 'stdout' | 'stderr') =>
    vi.spyOn(process[stream], 'write').mockImplementation((chunk) => {
      written[stream] += String(chunk)
      return true
    })
  const out = capture('stdout')
  const err = capture('stderr')
  try {
    return { code: await main(args), ...written }
  } finally {
    out.mockRestore()
    err.mockRestore()
  }
}
