// Primary selection. The seed of height h is the VRF output carried by block h-1 (its proposer proved
// over seed(h-1)); the primary of (h, view) is permutation(seed(h))[view mod n]. A permutation rotated
// by view cannot name a faulty replica more than f views in a row at one height, and nobody but
// the proposer of h-1 can know seed(h) before block h-1 is proposed.
// In a view v > 0 the primary is the first replica of that rotated permutation, from position
// v mod n on, that is in the view's active set: the 2f+1 senders of the VIEW-CHANGEs in its
// NEW-VIEW. A crashed or partitioned replica sends no VIEW-CHANGE, so once one view change has
// moved past it, it is not primary again at any height of the new view (without this rule it was
// primary of ~1/n of the heights of every view, each costing a view-change timeout).
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

export function primaryFor(seed: Uint8Array, view: number, n: number, active?: ReadonlySet<number>): number {
  const p = permutation(seed, n)
  if (active === undefined) return p[view % n]
  for (let i = 0; i < n; i++) {
    const x = p[(view + i) % n]
    if (active.has(x)) return x
  }
  return p[view % n]
}

export function newViewLeader(view: number, n: number): number {
  return view % n
}
