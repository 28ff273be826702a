/**
 * Seeded pseudo-random numbers for the synthetic generator: same seed and label, same sequence.
 * Streams are forked by label so that adding draws in one part never shifts another part.
 */

/** 32-bit FNV-1a hash of a string, the seed material for a labelled stream. */
function hashLabel(text: string, basis: number): number {
  let h = basis >>> 0
  for (let n = 0; n < text.length; n++) {
    h ^= text.charCodeAt(n)
    h = Math.imul(h, 0x01000193) >>> 0
  }
  return h
}

/** A small fast generator (sfc32) with helpers for the distributions the generator needs. */
export class Rng {
  private a: number
  private b: number
  private c: number
  private d: number
  private spareNormal: number | undefined

  /** `label` names the stream; the same (seed, label) pair always yields the same numbers. */
  constructor(
    readonly seed: number,
    readonly label = '',
  ) {
    const text = `${seed}/${label}`
    this.a = hashLabel(text, 0x811c9dc5)
    this.b = hashLabel(text, 0x9e3779b9)
    this.c = hashLabel(text, 0x85ebca6b)
    this.d = 1
    // Warm up so that nearby labels do not start with correlated outputs.
    for (let n = 0; n < 15; n++) this.nextUint32()
  }

  /** An independent stream for a sub-part, e.g. `rng.fork('lesion 3')`. */
  fork(label: string): Rng {
    return new Rng(this.seed, `${this.label}/${label}`)
  }

  nextUint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0
    this.d = (this.d + 1) | 0
    this.a = this.b ^ (this.b >>> 9)
    this.b = (this.c + (this.c << 3)) | 0
    this.c = (this.c << 21) | (this.c >>> 11)
    this.c = (this.c + t) | 0
    return t >>> 0
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.nextUint32() / 4294967296
  }

  /** Uniform in [min, max). */
  uniform(min: number, max: number): number {
    return min + (max - min) * this.next()
  }

  /** Whole number in [min, max], both ends included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1))
  }

  chance(probability: number): boolean {
    return this.next() < probability
  }

  /** Gaussian (Box–Muller; the second value of each pair is kept for the next call). */
  normal(mean = 0, sd = 1): number {
    if (this.spareNormal !== undefined) {
      const spare = this.spareNormal
      this.spareNormal = undefined
      return mean + sd * spare
    }
    const u = 1 - this.next()
    const v = this.next()
    const radius = Math.sqrt(-2 * Math.log(u))
    this.spareNormal = radius * Math.sin(2 * Math.PI * v)
    return mean + sd * radius * Math.cos(2 * Math.PI * v)
  }

  /** Log-normal with the given median and log-space standard deviation. */
  logNormal(median: number, logSd: number): number {
    return median * Math.exp(this.normal(0, logSd))
  }

  pick<T>(choices: readonly T[]): T {
    return choices[Math.floor(this.next() * choices.length)]
  }

  /** Picks a key with probability proportional to its weight. */
  weighted<T>(choices: readonly (readonly [T, number])[]): T {
    const total = choices.reduce((sum, [, weight]) => sum + weight, 0)
    let r = this.next() * total
    for (const [choice, weight] of choices) {
      r -= weight
      if (r < 0) return choice
    }
    return choices[choices.length - 1][0]
  }

  /** A shuffled copy (Fisher–Yates). */
  shuffled<T>(values: readonly T[]): T[] {
    const copy = [...values]
    for (let n = copy.length - 1; n > 0; n--) {
      const m = Math.floor(this.next() * (n + 1))
      ;[copy[n], copy[m]] = [copy[m], copy[n]]
    }
    return copy
  }
}
