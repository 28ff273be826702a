// A batch over many patients must show where it is without flooding a log: on a terminal one
// line rewritten at most every few tenths of a second, in a file a line per task and quarter.
import { describe, expect, it } from 'vitest'
import { progressReporter } from '../../../electron/cli/progress'

function stream(isTTY: boolean) {
  const written: string[] = []
  return { isTTY, written, write: (text: string) => written.push(text) }
}

describe('progressReporter', () => {
  it('writes a log a line when a task starts and at each further quarter', () => {
    const log = stream(false)
    const progress = progressReporter(log)
    for (let done = 0; done <= 100; done++) progress.report('Reading file headers', done, 100)
    progress.report('Embedding lesions', 3, 12)
    progress.end()
    expect(log.written).toEqual([
      'Reading file headers: 0 of 100\n',
      'Reading file headers: 25 of 100\n',
      'Reading file headers: 50 of 100\n',
      'Reading file headers: 75 of 100\n',
      'Reading file headers: 100 of 100\n',
      'Embedding lesions: 3 of 12\n',
    ])
  })

  it('rewrites one terminal line, at most every 200 ms, always showing a task’s start and end', () => {
    const terminal = stream(true)
    let clock = 0
    const progress = progressReporter(terminal, () => clock)
    progress.report('Reading pixels', 0, 10)
    clock = 50
    progress.report('Reading pixels', 1, 10)
    clock = 250
    progress.report('Reading pixels', 2, 10)
    clock = 260
    progress.report('Reading pixels', 10, 10)
    progress.report('Aligning patients', 0, 2)
    progress.end()
    expect(terminal.written).toEqual([
      '\r\x1b[KReading pixels: 0 of 10',
      '\r\x1b[KReading pixels: 2 of 10',
      '\r\x1b[KReading pixels: 10 of 10',
      '\r\x1b[KAligning patients: 0 of 2',
      '\n',
    ])
  })
})
