/**
 * Runs the dcmtk and dicom3tools validators on written files, for the synthetic-data tests.
 * Each helper returns the tool's full output so a failing assertion shows what the tool said.
 */
import { spawnSync } from 'node:child_process'

function run(tool: string, args: string[]): { status: number; output: string } {
  const result = spawnSync(tool, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
  if (result.error) throw new Error(`cannot run ${tool}: ${result.error.message}`)
  return { status: result.status ?? -1, output: `${result.stdout}${result.stderr}` }
}

/** dcmftest's verdict per file: true when it says 'yes'. */
export function dcmftest(files: string[]): Map<string, boolean> {
  const { output } = run('dcmftest', files)
  const verdicts = new Map<string, boolean>()
  for (const line of output.split('\n')) {
    const match = /^(yes|no): (.*)$/.exec(line.trim())
    if (match) verdicts.set(match[2], match[1] === 'yes')
  }
  return verdicts
}

/** The lines dciodvfy reports for one file; errors start with 'Error'. */
export function dciodvfy(file: string): { errors: string[]; output: string } {
  const { output } = run('dciodvfy', [file])
  return { errors: output.split('\n').filter((line) => line.startsWith('Error')), output }
}

export function dsrdump(file: string): string {
  const { status, output } = run('dsrdump', ['+Pc', file])
  if (status !== 0) throw new Error(`dsrdump failed on ${file}:\n${output}`)
  return output
}

export function dcmdump(file: string): string {
  return run('dcmdump', [file]).output
}
