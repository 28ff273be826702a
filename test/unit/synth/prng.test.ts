import { describe, expect, it } from 'vitest'
import { deriveUid } from '../../../electron/core/dicom/write/uid'
import { Rng } from '../../../electron/core/synth/prng'

const draw = (rng: Rng, n: number) => Array.from({ length: n }, () => rng.next())

describe('seeded random streams', () => {
  it('repeat for the same seed and label, and differ for another seed or label', () => {
    expect(draw(new Rng(7, 'a'), 20)).toEqual(draw(new Rng(7, 'a'), 20))
    expect(draw(new Rng(8, 'a'), 20)).not.toEqual(draw(new Rng(7, 'a'), 20))
    expect(draw(new Rng(7, 'b'), 20)).not.toEqual(draw(new Rng(7, 'a'), 20))
  })

  it('fork streams that do not depend on how much the parent has drawn', () => {
    const parent = new Rng(7, 'p')
    const before = draw(parent.fork('child'), 10)
    draw(parent, 100)
    expect(draw(parent.fork('child'), 10)).toEqual(before)
  })

  it('draw uniform and normal numbers with the right moments', () => {
    const rng = new Rng(11, 'moments')
    const uniform = draw(rng, 20000)
    const mean = uniform.reduce((s, v) => s + v, 0) / uniform.length
    expect(Math.min(...uniform)).toBeGreaterThanOrEqual(0)
    expect(Math.max(...uniform)).toBeLessThan(1)
    expect(mean).toBeCloseTo(0.5, 2)
    const normal = Array.from({ length: 20000 }, () => rng.normal(3, 2))
    const m = normal.reduce((s, v) => s + v, 0) / normal.length
    const sd = Math.sqrt(normal.reduce((s, v) => s + (v - m) ** 2, 0) / normal.length)
    expect(m).toBeCloseTo(3, 1)
    expect(sd).toBeCloseTo(2, 1)
  })

  it('derive valid 2.25 UIDs: deterministic, distinct, at most 64 characters', () => {
    const uid = deriveUid(5, 'SYN5-001', 0, 'study')
    expect(uid).toBe(deriveUid(5, 'SYN5-001', 0, 'study'))
    expect(uid).not.toBe(deriveUid(5, 'SYN5-001', 1, 'study'))
    expect(uid).toMatch(/^2\.25\.[1-9]\d*$/)
    expect(uid.length).toBeLessThanOrEqual(64)
  })
})
