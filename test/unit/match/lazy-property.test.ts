// Lazy record properties must behave like an object literal's getters: own, enumerable, in
// JSON and spreads, computed once and only when read.
import { describe, expect, it } from 'vitest'
import { withLazy } from '../../../electron/core/match/lazy-property'

describe('withLazy', () => {
  it('computes the value on first read only, then keeps it', () => {
    let calls = 0
    const record = withLazy({ id: 'a' }, 'evidence', () => {
      calls++
      return { distanceMm: 3 }
    })
    expect(calls).toBe(0)
    const first = record.evidence
    expect(record.evidence).toBe(first)
    expect(first.distanceMm).toBe(3)
    expect(calls).toBe(1)
  })

  it('is an own enumerable property, like a getter in an object literal', () => {
    const record = withLazy(
      withLazy({ id: 'b' }, 'evidence', () => 7),
      'explanation',
      () => 'x',
    )
    const literal = {
      id: 'b',
      get evidence() {
        return 7
      },
      get explanation() {
        return 'x'
      },
    }
    expect(Object.keys(record)).toEqual(Object.keys(literal))
    expect(JSON.stringify(record)).toBe(JSON.stringify(literal))
    expect({ ...record }).toEqual({ ...literal })
    expect(Object.getOwnPropertyDescriptor(record, 'evidence')?.enumerable).toBe(true)
  })

  it('keeps each record its own value when records share a property name', () => {
    const records = [1, 2, 3].map((k) => withLazy({ k }, 'explanation', () => `record ${k}`))
    expect(records.map((r) => r.explanation)).toEqual(['record 1', 'record 2', 'record 3'])
  })
})
