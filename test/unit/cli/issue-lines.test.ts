// The command line prints what needs a reader first: errors, then warnings, then notes on what
// was left out as expected, each with what to do unless asked not to.
import { describe, expect, it } from 'vitest'
import { importIssueLines } from '../../../electron/cli/issue-lines'
import { importIssue } from '../../../electron/core/model/import-issue'

describe('importIssueLines', () => {
  const issues = [
    importIssue('/a/scout.dcm', 'localizer', 'a scout was left out', 'Nothing to do.', 'note'),
    importIssue('/a/x.dcm', 'truncated', 'the file is cut short', 'Export it again.'),
    importIssue('/a/y.dcm', 'slice-gap', 'one slice is missing', 'Check the export.', 'warning'),
  ]

  it('puts errors, then warnings, then notes, each with its hint', () => {
    expect(importIssueLines(issues)).toEqual([
      'error: /a/x.dcm: the file is cut short',
      '  → Export it again.',
      'warning: /a/y.dcm: one slice is missing',
      '  → Check the export.',
      'note: /a/scout.dcm: a scout was left out',
      '  → Nothing to do.',
    ])
  })

  it('leaves the hints out when asked', () => {
    expect(importIssueLines(issues, false)).toEqual([
      'error: /a/x.dcm: the file is cut short',
      'warning: /a/y.dcm: one slice is missing',
      'note: /a/scout.dcm: a scout was left out',
    ])
  })
})
