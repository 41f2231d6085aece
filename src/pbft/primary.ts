// Primary selection. The seed of height h is the VRF output carried by block h-1 (its proposer proved
// over seed(h-1)); the primary of (h, view) is permutation(seed(h))[view mod n]. A permutation rotated
// by view cannot name a faulty replica more than f views in a row at one height, and nobody but
// the proposer of h-1 can know seed(h) before block h-1 is proposed.
// The NEW-VIEW leader of view v is v mod n (it must be known before the O set is known).
import { encode, hash, hex } from './codec.js'

const cache = new Map<string, readonly number[]>()

export function permutation(seed: Uint8Array, n: number): readonly number[] {
  const key = `${n}:${hex(seed)}`
  const hit = cache.get(key)
  if (hit !== undefined) return hit
  const p = Array.from({ length: n }, (_, i) => i)
  for (let i = n - 1; i > 0; i--) {
    const r = hash(encode('permutation', seed, i))
    const x = ((r[0] << 24) | (r[1] << 16) | (r[2] << 8) | r[3]) >>> 0
    const j = x % (i + 1)
    const t = p[i]; p[i] = p[j]; p[j] = t
  }
  if (cache.size > 4096) cache.clear()
  cache.set(key, p)
  return p
}

export function primaryFor(seed: Uint8Array, view: number, n: number): number {
  return permutation(seed, n)[view % n]
}

export function newViewLeader(view: number, n: number): number {
  return view % n
}
