// Keys and membership vectors of the skip graph (pure).
//
// Keys are 256-bit unsigned integers compared as bigints. The key space is treated as a
// ring: every list of the skip graph is circular (as in SkipNet), so every node has a
// neighbour on both sides and "the predecessor of t" wraps to the largest key when t is
// below every key.
import { sha256 } from '../crypto/hash.js'

export type Key = bigint

export const KEY_BITS = 256
export const KEY_SPACE: Key = 1n << 256n
export const MAX_KEY: Key = KEY_SPACE - 1n

/** Membership vector: a string of '0'/'1'. Level i lists hold the nodes sharing its first i bits. */
export type MembershipVector = string

/** Bits of a membership vector derived from a PeerId (and the cap for operator-assigned ones). */
export const MV_BITS = 256

const MV_TAG = new TextEncoder().encode('gridauth/skipgraph/mv/1')

export function isKey(k: unknown): k is Key {
  return typeof k === 'bigint' && k >= 0n && k <= MAX_KEY
}

export function assertKey(k: Key): void {
  if (!isKey(k)) throw new RangeError('skip-graph key must be a bigint in [0, 2^256)')
}

/** Big-endian bytes (at most 32) to a key. A 32-byte block hash maps to the key with the same value. */
export function keyFromBytes(b: Uint8Array): Key {
  if (b.length > 32) throw new RangeError('key longer than 32 bytes')
  let k = 0n
  for (const x of b) k = (k << 8n) | BigInt(x)
  return k
}

export function keyToBytes(k: Key): Uint8Array {
  assertKey(k)
  const out = new Uint8Array(32)
  for (let i = 31; i >= 0; i--) {
    out[i] = Number(k & 0xffn)
    k >>= 8n
  }
  return out
}

export function keyToHex(k: Key): string {
  return k.toString(16).padStart(64, '0')
}

export function keyFromHex(h: string): Key {
  if (!/^[0-9a-fA-F]{1,64}$/.test(h)) throw new RangeError('bad key hex')
  return BigInt('0x' + h)
}

/** Key of a block: its 32-byte hash read as a big-endian integer. */
export function blockKey(blockHash: Uint8Array): Key {
  if (blockHash.length !== 32) throw new RangeError('block hash must be 32 bytes')
  return keyFromBytes(blockHash)
}

/** Clockwise distance from a to b on the key ring: (b - a) mod 2^256. */
export function cw(a: Key, b: Key): Key {
  const d = b - a
  return d >= 0n ? d : d + KEY_SPACE
}

/** x strictly inside the clockwise arc (a, b). When a == b the arc is the whole ring but a. */
export function inOpenArc(a: Key, x: Key, b: Key): boolean {
  if (a === b) return x !== a
  const dx = cw(a, x)
  return dx > 0n && dx < cw(a, b)
}

// ---- membership vectors ----

export function isMembershipVector(s: unknown): s is MembershipVector {
  return typeof s === 'string' && s.length <= MV_BITS && /^[01]*$/.test(s)
}

/** Operator-assigned vector given as a bit string, e.g. "0110". */
export function mvFromBits(bits: string): MembershipVector {
  if (!isMembershipVector(bits)) throw new RangeError('membership vector must be a string of 0/1, at most 256 bits')
  return bits
}

/** The first `bits` bits of `bytes`, most significant bit first. */
export function mvFromBytes(bytes: Uint8Array, bits = bytes.length * 8): MembershipVector {
  if (bits > bytes.length * 8 || bits > MV_BITS) throw new RangeError('not enough bytes for membership vector')
  let s = ''
  for (let i = 0; i < bits; i++) s += (bytes[i >> 3] >> (7 - (i & 7))) & 1 ? '1' : '0'
  return s
}

/** Vector derived from PeerId bytes: the 256 bits of sha256("gridauth/skipgraph/mv/1" || peerId). */
export function mvFromPeerId(peerIdBytes: Uint8Array): MembershipVector {
  return mvFromBytes(sha256(MV_TAG, peerIdBytes), MV_BITS)
}

export function commonPrefixLength(a: MembershipVector, b: MembershipVector): number {
  const n = Math.min(a.length, b.length)
  let i = 0
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++
  return i
}
