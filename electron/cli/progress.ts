/**
 * Progress of a long command on stderr, for someone watching a batch of many patients: on a
 * terminal one line rewritten in place (at most every few tenths of a second), in a log file a
 * line when a task starts and at each further quarter of it, so logs stay short.
 */

/** Where progress goes: process.stderr, or a test's stand-in. */
export interface ProgressStream {
  isTTY?: boolean
  write(text: string): unknown
}

/** Shortest time (ms) between two rewrites of the terminal line. */
const REWRITE_MS = 200

export interface ProgressReporter {
  /** `done` of `total` of `task` (e.g. 'Reading file headers', 1200, 5000). */
  report(task: string, done: number, total: number): void
  /** Ends the terminal line, so that what follows starts on a line of its own. */
  end(): void
}

export function progressReporter(
  stream: ProgressStream = process.stderr,
  now: () => number = Date.now,
): ProgressReporter {
  let task = ''
  let quarter = -1
  let lastWriteMs = -Infinity
  let lineOpen = false
  return {
    report(next, done, total) {
      const started = next !== task
      const shareDone = total > 0 ? Math.min(1, done / total) : 1
      const text = `${next}: ${done} of ${total}`
      if (stream.isTTY) {
        if (!started && done < total && now() - lastWriteMs < REWRITE_MS) return
        stream.write(`\r\x1b[K${text}`)
        lastWriteMs = now()
        lineOpen = true
      } else {
        const reached = Math.floor(4 * shareDone)
        if (!started && reached <= quarter) return
        stream.write(`${text}\n`)
        quarter = reached
      }
      task = next
    },
    end() {
      if (lineOpen) stream.write('\n')
      lineOpen = false
    },
  }
}
