// Seeded PRNG (sfc32 seeded through splitmix32): fast, deterministic, good enough for fault draws.
import { Sfc32 } from '../../util/sfc32.js'

export class Prng extends Sfc32 {
  constructor(seed: number) {
    let s = seed >>> 0
    const next = (): number => {
      s = (s + 0x9e3779b9) | 0
      let z = s
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b)
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35)
      return (z ^ (z >>> 16)) >>> 0
    }
    super(next(), next(), next(), next(), 12)
  }

  /** Uniform integer in [lo, hi]. */
  int(lo: number, hi: number): number { return lo + Math.floor(this.next() * (hi - lo + 1)) }
  chance(p: number): boolean { return this.next() < p }
  pick<T>(xs: readonly T[]): T { return xs[Math.floor(this.next() * xs.length)] }
  shuffle<T>(xs: T[]): T[] {
    for (let i = xs.length - 1; i > 0; i--) { const j = Math.floor(this.next() * (i + 1)); const t = xs[i]; xs[i] = xs[j]; xs[j] = t }
    return xs
  }
}
