/**
 * Import issues as the command line prints them: errors first, then warnings, then the notes on
 * what was left out as expected, so the lines that need a reader come before those that do not.
 */
import type { ImportIssue } from '../core/model/types'

const ORDER: Record<ImportIssue['severity'], number> = { error: 0, warning: 1, note: 2 }

/** `severity: file: message` per issue, each followed by `  → hint` unless `withHints` is false. */
export function importIssueLines(issues: readonly ImportIssue[], withHints = true): string[] {
  return [...issues]
    .sort((a, b) => ORDER[a.severity] - ORDER[b.severity])
    .flatMap((issue) => [
      `${issue.severity}: ${issue.file}: ${issue.message}`,
      ...(withHints ? [`  → ${issue.hint}`] : []),
    ])
}
