// The API validators are the only gate between an untrusted page and the service: every
// malformed, extra or hostile field must be refused with a message, valid calls passed through.
import { describe, expect, it } from 'vitest'
import { isApiMethod, validateCall, validateRequest } from '../../../electron/api/validate'

describe('validateCall', () => {
  it('passes a well-formed call and returns a fresh object with only the validated fields', () => {
    const request = { folder: '/data/scans' }
    const call = validateCall('importFolder', request)
    expect(call).toEqual({ ok: true, method: 'importFolder', request: { folder: '/data/scans' } })
    expect(call.ok && call.request).not.toBe(request)
  })

  it.each(['__proto__', 'constructor', 'toString', 'deleteEverything', '', 42, null])(
    'refuses the method name %j',
    (method) => {
      const call = validateCall(method, {})
      expect(call.ok).toBe(false)
      expect(!call.ok && call.error.code).toBe('invalid-request')
    },
  )

  it('knows every method of the contract and nothing else', () => {
    const methods = [
      'openStartup',
      'openDemo',
      'importFolder',
      'getPatient',
      'getTracks',
      'matchTracks',
      'getVolume',
      'getSettings',
      'setWindowLevelPreset',
      'setResponseProtocol',
      'pickFolder',
    ]
    for (const method of methods) expect(isApiMethod(method)).toBe(true)
    expect(isApiMethod('hasOwnProperty')).toBe(false)
  })
})

describe('validateRequest', () => {
  it('accepts empty objects for methods without arguments and refuses anything else', () => {
    expect(validateRequest('openDemo', {})).toEqual({ ok: true, value: {} })
    for (const bad of [null, undefined, [], 'x', 3, { force: true }, new Date()]) {
      expect(validateRequest('openDemo', bad).ok).toBe(false)
    }
  })

  it('names the unexpected field so the caller can fix it', () => {
    const result = validateRequest('getPatient', { patientId: 'P1', extra: 1 })
    expect(result.ok).toBe(false)
    expect(!result.ok && result.error.message).toContain("'extra'")
  })

  it('refuses missing, empty, non-string, over-long and control-character identifiers', () => {
    const cases = [
      {},
      { patientId: '' },
      { patientId: 7 },
      { patientId: 'x'.repeat(257) },
      { patientId: 'a\u0000b' },
    ]
    for (const request of cases) expect(validateRequest('getPatient', request).ok).toBe(false)
    expect(validateRequest('getPatient', { patientId: 'LT-0001^A' })).toEqual({
      ok: true,
      value: { patientId: 'LT-0001^A' },
    })
  })

  it.each(['importFolder', 'addFolder'] as const)(
    '%s accepts full folder paths of every platform and refuses relative ones with a hint',
    (method) => {
      for (const folder of ['/home/me/scans', 'C:\\scans\\ct', 'D:/exports', '\\\\pacs\\share']) {
        expect(validateRequest(method, { folder })).toEqual({ ok: true, value: { folder } })
      }
      const relative = validateRequest(method, { folder: 'scans/ct' })
      expect(relative.ok).toBe(false)
      expect(!relative.ok && relative.error.hint).toMatch(/full path/)
      expect(validateRequest(method, { folder: '/tmp/x\u0000/etc' }).ok).toBe(false)
      expect(validateRequest(method, { folder: '/a', also: '/b' }).ok).toBe(false)
    },
  )

  it('accepts a RECIST protocol of whole days within its limits only', () => {
    const protocol = { timepointWindowDays: 3, stableDiseaseMinDays: 56 }
    expect(validateRequest('setResponseProtocol', protocol)).toEqual({ ok: true, value: protocol })
    const fraction = validateRequest('setResponseProtocol', {
      ...protocol,
      timepointWindowDays: 2.5,
    })
    expect(!fraction.ok && fraction.error.message).toContain(
      "'timepointWindowDays' must be a whole number of days from 0 to 60, not 2.5",
    )
    const long = validateRequest('setResponseProtocol', { ...protocol, stableDiseaseMinDays: 400 })
    expect(long.ok).toBe(false)
    const missing = validateRequest('setResponseProtocol', { timepointWindowDays: 3 })
    expect(!missing.ok && missing.error.message).toContain("missing field 'stableDiseaseMinDays'")
  })

  it('accepts only the known window/level presets', () => {
    expect(validateRequest('setWindowLevelPreset', { preset: 'lung' })).toEqual({
      ok: true,
      value: { preset: 'lung' },
    })
    const unknown = validateRequest('setWindowLevelPreset', { preset: 'brain' })
    expect(!unknown.ok && unknown.error.hint).toContain('soft-tissue')
  })
})
