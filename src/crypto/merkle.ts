// SHA-256 Merkle trees with domain-separated hashing (RFC 6962 / RFC 9162 shape):
//   leaf  = SHA-256(0x00 || data)
//   node  = SHA-256(0x01 || left || right)
//   empty = SHA-256("")
// A tree over n leaves splits at the largest power of two k < n (left: k leaves, right: the
// rest), so there is no duplicated last leaf and no second-preimage ambiguity between leaves
// and inner nodes. Used for a block's transaction and result lists.
import { sha256 } from './hash.js'

const LEAF = Uint8Array.of(0x00)
const NODE = Uint8Array.of(0x01)

export function leafHash(data: Uint8Array): Uint8Array {
  return sha256(LEAF, data)
}

export function nodeHash(left: Uint8Array, right: Uint8Array): Uint8Array {
  return sha256(NODE, left, right)
}

export const EMPTY_ROOT: Uint8Array = sha256()

function largestPow2Below(n: number): number {
  let k = 1
  while (k * 2 < n) k *= 2
  return k
}

function rootOfHashes(hashes: Uint8Array[], lo: number, hi: number): Uint8Array {
  const n = hi - lo
  if (n === 1) return hashes[lo]
  const k = largestPow2Below(n)
  return nodeHash(rootOfHashes(hashes, lo, lo + k), rootOfHashes(hashes, lo + k, hi))
}

/** Merkle tree hash of the leaves (each leaf is raw data, hashed with the 0x00 prefix). */
export function merkleRoot(leaves: readonly Uint8Array[]): Uint8Array {
  if (leaves.length === 0) return EMPTY_ROOT
  return rootOfHashes(leaves.map(leafHash), 0, leaves.length)
}

/** Audit path for leaves[index], ordered from the leaf up (RFC 9162 section 2.1.3.1). */
export function merkleProof(leaves: readonly Uint8Array[], index: number): Uint8Array[] {
  if (!Number.isInteger(index) || index < 0 || index >= leaves.length) {
    throw new RangeError(`leaf index ${index} out of range [0, ${leaves.length})`)
  }
  const hashes = leaves.map(leafHash)
  const path: Uint8Array[] = []
  const walk = (lo: number, hi: number, i: number): void => {
    const n = hi - lo
    if (n === 1) return
    const k = largestPow2Below(n)
    if (i < k) {
      walk(lo, lo + k, i)
      path.push(rootOfHashes(hashes, lo + k, hi))
    } else {
      walk(lo + k, hi, i - k)
      path.push(rootOfHashes(hashes, lo, lo + k))
    }
  }
  walk(0, leaves.length, index)
  return path
}

/**
 * Verifies an audit path (RFC 9162 section 2.1.3.2). Never throws. As in RFC 9162 the tree
 * size must be authenticated together with the root (e.g. tx_count in a signed header): a
 * path can also fit a different size whose tree has the same shape around the leaf.
 */
export function verifyMerkleProof(
  root: Uint8Array,
  leaf: Uint8Array,
  index: number,
  count: number,
  proof: readonly Uint8Array[]
): boolean {
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(count) || index < 0 || index >= count) return false
  let fn = index
  let sn = count - 1
  let r = leafHash(leaf)
  for (const p of proof) {
    if (p.length !== 32 || sn === 0) return false
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r)
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2)
          sn = Math.floor(sn / 2)
        }
      }
    } else {
      r = nodeHash(r, p)
    }
    fn = Math.floor(fn / 2)
    sn = Math.floor(sn / 2)
  }
  return sn === 0 && bytesEqual(r, root)
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false
  return true
}
