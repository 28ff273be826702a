// matchTracks carries the user's decisions from an untrusted page to the matcher: each decision
// must have exactly the fields of its kind with non-empty text ids, and the list a sane length;
// anything else is refused with a message naming the decision at fault.
import { describe, expect, it } from 'vitest'
import { validateRequest } from '../../../electron/api/validate'
import { MAX_DECISIONS } from '../../../electron/api/validate-decisions'

const REJECT = { kind: 'reject-link', lesionIdA: '2.25.1', lesionIdB: '2.25.2' }
const MEASURE = {
  kind: 'measure',
  bookmarkId: 'reader-1',
  studyInstanceUid: '1.2.3',
  seriesInstanceUid: '1.2.3.4',
  sliceIndex: 12,
  axesPx: [10, 20, 30.5, 40, 18, 32, 22, 28],
  lesionType: 4,
}

function refusal(decisions: unknown): string {
  const result = validateRequest('matchTracks', { patientId: 'P1', decisions })
  if (result.ok) throw new Error(`accepted ${JSON.stringify(decisions)}`)
  expect(result.error.code).toBe('invalid-request')
  expect(result.error.hint).not.toBe('')
  return result.error.message
}

describe('matchTracks requests', () => {
  it('passes every kind of decision through as fresh objects with only their fields', () => {
    const decisions = [
      REJECT,
      { kind: 'confirm-link', lesionIdA: '2.25.3', lesionIdB: '2.25.4' },
      { kind: 'mark-new', lesionId: '2.25.5' },
      { kind: 'choose-target', lesionId: '2.25.6' },
      { kind: 'drop-target', lesionId: '2.25.7' },
      { kind: 'mark-node', lesionId: '2.25.8' },
      { kind: 'mark-gone', lesionId: '2.25.9', studyInstanceUid: '1.2.3' },
      MEASURE,
      { kind: 'choose-baseline', studyInstanceUid: '1.2.4' },
      { kind: 'mark-nontarget-progression', studyInstanceUid: '1.2.5' },
      { kind: 'separate-timepoint', studyInstanceUid: '1.2.6' },
      { kind: 'set-type', bookmarkId: '2.25.10', lesionType: 4 },
    ]
    const result = validateRequest('matchTracks', { patientId: 'P1', decisions })
    expect(result).toEqual({ ok: true, value: { patientId: 'P1', decisions } })
    expect(result.ok && result.value.decisions[0]).not.toBe(REJECT)
    const measure = result.ok ? (result.value.decisions[7] as typeof MEASURE) : MEASURE
    expect(measure.axesPx).not.toBe(MEASURE.axesPx)
    expect(validateRequest('matchTracks', { patientId: 'P1', decisions: [] }).ok).toBe(true)
    const longAxisAlone = { ...MEASURE, axesPx: [10, 20, 30.5, 40] }
    expect(validateRequest('matchTracks', { patientId: 'P1', decisions: [longAxisAlone] })).toEqual(
      { ok: true, value: { patientId: 'P1', decisions: [longAxisAlone] } },
    )
  })

  it('refuses a missing or non-list decisions field', () => {
    expect(validateRequest('matchTracks', { patientId: 'P1' }).ok).toBe(false)
    expect(refusal({ 0: REJECT })).toContain("'decisions' must be a list")
    expect(refusal('reject everything')).toContain("'decisions' must be a list")
  })

  it.each([
    [[null], 'decisions[0] must be an object'],
    [[REJECT, ['reject-link', 'a', 'b']], 'decisions[1] must be an object'],
    [[{ ...REJECT, kind: 'merge' }], 'decisions[0] has unknown kind "merge"'],
    [[{ lesionId: 'a' }], 'decisions[0] has unknown kind undefined'],
    [[{ kind: 'mark-new', lesionIdA: 'a' }], "unexpected 'lesionIdA', missing 'lesionId'"],
    [[{ ...REJECT, note: 'x' }], "decisions[0] (reject-link): unexpected 'note'"],
    [[{ kind: 'confirm-link', lesionIdA: 'a' }], "missing 'lesionIdB'"],
    [[{ ...REJECT, lesionIdB: 42 }], "'decisions[0].lesionIdB' must be a non-empty string"],
    [[{ kind: 'mark-new', lesionId: '' }], "'decisions[0].lesionId' must be a non-empty string"],
    [[{ kind: 'mark-new', lesionId: 'a\u0000b' }], 'contains control characters'],
    [[{ kind: 'mark-new', lesionId: 'x'.repeat(257) }], 'longer than 256 characters'],
    [
      [{ kind: 'mark-gone', lesionId: 'a' }],
      "decisions[0] (mark-gone): missing 'studyInstanceUid'",
    ],
    [
      [{ kind: 'choose-baseline', studyInstanceUid: '1.2', lesionId: 'a' }],
      "decisions[0] (choose-baseline): unexpected 'lesionId'",
    ],
    [
      [{ kind: 'mark-gone', lesionId: 'a', studyInstanceUid: '' }],
      "'decisions[0].studyInstanceUid' must be a non-empty string",
    ],
    [
      [{ kind: 'mark-node', lesionId: 'a', studyInstanceUid: 's' }],
      "unexpected 'studyInstanceUid'",
    ],
    [[{ ...MEASURE, sliceIndex: -1 }], 'decisions[0].sliceIndex must be a slice index'],
    [[{ ...MEASURE, sliceIndex: 2.5 }], 'decisions[0].sliceIndex must be a slice index'],
    [
      [{ ...MEASURE, axesPx: [1, 2, 3, 4, 5, 6] }],
      'decisions[0].axesPx must be 8 pixel coordinates',
    ],
    [[{ ...MEASURE, axesPx: [1, 2, 3, 'x'] }], 'or the long axis’ 4 alone'],
    [[{ ...MEASURE, axesPx: [1, 2, 3, 4, 5, 6, 7, 'x'] }], 'axesPx must be 8 pixel coordinates'],
    [[{ ...MEASURE, axesPx: [1, 2, 3, 4, 5, 6, 7, 1e9] }], 'axesPx must be 8 pixel coordinates'],
    [[{ ...MEASURE, lesionType: 9 }], 'decisions[0].lesionType must be a DeepLesion lesion type'],
    [
      [{ ...MEASURE, bookmarkId: '2.25.7' }],
      "bookmarkId of a measurement must start with 'reader-'",
    ],
    [
      [{ ...MEASURE, seriesInstanceUid: '' }],
      "'decisions[0].seriesInstanceUid' must be a non-empty",
    ],
    [
      [{ kind: 'set-type', bookmarkId: '2.25.1', lesionType: 0 }],
      'decisions[0].lesionType must be a DeepLesion lesion type',
    ],
    [
      [{ kind: 'set-type', bookmarkId: 'reader-1', lesionType: 4 }],
      'bookmarkId of a set-type names a lesion measured in the app',
    ],
    [[{ kind: 'set-type', lesionId: '2.25.1', lesionType: 4 }], "unexpected 'lesionId'"],
  ])('refuses %j: %s', (decisions, message) => {
    expect(refusal(decisions)).toContain(message)
  })

  it('refuses a decision whose prototype is not a plain object', () => {
    const sneaky = Object.assign(Object.create({ polluted: true }) as object, REJECT)
    expect(refusal([sneaky])).toContain('decisions[0] must be an object')
  })

  it(`refuses more than ${MAX_DECISIONS} decisions in one call`, () => {
    const many = Array.from({ length: MAX_DECISIONS + 1 }, () => REJECT)
    expect(refusal(many)).toContain(`more than the ${MAX_DECISIONS}`)
    const atLimit = validateRequest('matchTracks', { patientId: 'P1', decisions: many.slice(1) })
    expect(atLimit.ok && atLimit.value.decisions).toHaveLength(MAX_DECISIONS)
  })
})

describe('exportTracks requests', () => {
  const request = { patientId: 'P1', folder: '/tmp/out', decisions: [REJECT], deidentify: true }

  it('passes a full request through with its decisions checked', () => {
    expect(validateRequest('exportTracks', request)).toEqual({ ok: true, value: request })
  })

  it.each([
    [{ ...request, folder: 'relative/out' }, "'relative/out' is not a full path"],
    [{ ...request, deidentify: 'yes' }, "'deidentify' must be true or false"],
    [{ ...request, decisions: [{ kind: 'merge' }] }, 'exportTracks: decisions[0] has unknown kind'],
    [{ ...request, extra: 1 }, "unexpected field 'extra'"],
  ])('refuses %j: %s', (raw, message) => {
    const result = validateRequest('exportTracks', raw)
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.error.message).toContain(message)
  })
})
