// Seeded PRNG for the fuzzer: every input is a pure function of (seed, index) (plus the run's
// context: peer ids and addresses), so a campaign can be regenerated and any input re-derived.
// sfc32 state seeded through splitmix32 from FNV-1a(seed) and the index.

import { createCipheriv } from 'node:crypto'
import { Sfc32 } from '../util/sfc32.js'

/** Inputs must be the same bytes on every machine: the word order is fixed to little-endian. */
const LITTLE_ENDIAN = new Uint8Array(Uint32Array.of(1).buffer)[0] === 1

function fnv1a(s: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i)
    h = Math.imul(h, 0x01000193) >>> 0
  }
  return h >>> 0
}

function splitmix32(a: number): () => number {
  return () => {
    a = (a + 0x9e3779b9) | 0
    let t = a ^ (a >>> 16)
    t = Math.imul(t, 0x21f0aaad)
    t = t ^ (t >>> 15)
    t = Math.imul(t, 0x735a2d97)
    return (t ^ (t >>> 15)) >>> 0
  }
}

export class Rng extends Sfc32 {
  constructor(seed: string, index = 0, stream = 0) {
    const sm = splitmix32(fnv1a(seed) ^ Math.imul(index + 1, 0x9e3779b1) ^ Math.imul(stream + 7, 0x85ebca6b))
    super(sm(), sm(), sm(), sm(), 12)
  }

  /** Uniform float in [0, 1). */
  float(): number { return this.next() }
  /** Uniform integer in [lo, hi] (inclusive). */
  int(lo: number, hi: number): number { return lo + Math.floor(this.float() * (hi - lo + 1)) }
  chance(p: number): boolean { return this.float() < p }
  pick<T>(a: readonly T[]): T { return a[Math.floor(this.float() * a.length)] }
  /** Weighted choice over [weight, value] pairs. */
  weighted<T>(choices: ReadonlyArray<readonly [number, T]>): T {
    const total = choices.reduce((s, [w]) => s + w, 0)
    let x = this.float() * total
    for (const [w, v] of choices) { x -= w; if (x < 0) return v }
    return choices[choices.length - 1][1]
  }

  /** n random bytes. Short ones are whole 32-bit words written little-endian; from 256 bytes on,
   * AES-128-CTR keyed from this generator expands them natively (generation is a share of the
   * campaign's CPU, and most of its bytes are in large random bodies). */
  bytes(n: number): Uint8Array {
    if (n >= 256) {
      const key = this.words(32)
      const c = createCipheriv('aes-128-ctr', key.subarray(0, 16), key.subarray(16, 32))
      return new Uint8Array(c.update(new Uint8Array(n)))
    }
    return this.words(n)
  }

  private words(n: number): Uint8Array {
    const words = new Uint32Array((n + 3) >>> 2)
    for (let i = 0; i < words.length; i++) words[i] = this.u32()
    const out = new Uint8Array(words.buffer, 0, n)
    if (!LITTLE_ENDIAN) for (let i = 0; i < n; i += 4) { const v = words[i >>> 2]; out[i] = v; if (i + 1 < n) out[i + 1] = v >>> 8; if (i + 2 < n) out[i + 2] = v >>> 16; if (i + 3 < n) out[i + 3] = v >>> 24 }
    return out
  }

  /** Length skewed towards small values, occasionally up to `max`. */
  size(max: number): number {
    const r = this.float()
    if (r < 0.5) return this.int(0, Math.min(max, 16))
    if (r < 0.85) return this.int(0, Math.min(max, 256))
    if (r < 0.97) return this.int(0, Math.min(max, 4096))
    return this.int(0, max)
  }

  /** A uint64 from the interesting edges or random. */
  u64(): bigint {
    return this.weighted<() => bigint>([
      [3, () => BigInt(this.int(0, 3))],
      [2, () => BigInt(this.int(0, 1000))],
      [1, () => 127n], [1, () => 128n], [1, () => 255n], [1, () => 256n],
      [1, () => 0x7fffffffn], [1, () => 0x80000000n], [1, () => 0xffffffffn], [1, () => 0x100000000n],
      [1, () => 2n ** 53n - 1n], [1, () => 2n ** 53n], [1, () => 2n ** 53n + 1n],
      [1, () => 2n ** 63n - 1n], [1, () => 2n ** 63n], [1, () => 2n ** 64n - 1n],
      [2, () => (BigInt(this.u32()) << 32n) | BigInt(this.u32())]
    ])()
  }
}
