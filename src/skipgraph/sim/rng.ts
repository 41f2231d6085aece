// Seeded PRNG (sfc32) for the simulator: reproducible runs from one integer seed.
import { Sfc32 } from '../../util/sfc32.js'

export class Rng extends Sfc32 {
  constructor(seed: number) {
    super(0x9e3779b9, 0x243f6a88, 0xb7e15162, seed >>> 0, 15)
  }

  int(n: number): number {
    return Math.floor(this.next() * n)
  }

  /** Uniform 256-bit key. */
  key(): bigint {
    let k = 0n
    for (let i = 0; i < 8; i++) k = (k << 32n) | BigInt(this.u32())
    return k
  }

  pick<T>(a: readonly T[]): T {
    return a[this.int(a.length)]
  }

  shuffle<T>(a: T[]): T[] {
    for (let i = a.length - 1; i > 0; i--) {
      const j = this.int(i + 1)
      ;[a[i], a[j]] = [a[j], a[i]]
    }
    return a
  }
}
