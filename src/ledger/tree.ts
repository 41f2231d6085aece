// The record tree: a binary Merkle tree over record leaf hashes, one fixed leaf per terminal
// (its registration order). Capacity is the next power of two >= count; empty leaves are
// ZERO[0] (32 zero bytes, which no SHA-256 output is known to equal) and empty subtrees
// ZERO[k]. Internal nodes are cached per level, so updating m leaves costs O(m log n) hashes
// and growing the capacity only recomputes the new top path.
import { leafHash, nodeHash } from '../crypto/merkle.js'

const MAX_DEPTH = 40
export const ZERO: readonly Uint8Array[] = (() => {
  const z: Uint8Array[] = [new Uint8Array(32)]
  for (let i = 1; i <= MAX_DEPTH; i++) z.push(nodeHash(z[i - 1], z[i - 1]))
  return z
})()

/** Depth of a tree holding `count` leaves: ceil(log2(count)), 0 for count <= 1. */
export function treeDepth(count: number): number {
  let d = 0
  while (2 ** d < count) d++
  return d
}

export { leafHash }

/** Pending changes to a tree: computed without mutating it (see RecordTree.plan). */
export interface TreePlan {
  readonly count: number
  readonly depth: number
  readonly root: Uint8Array
  /** overrides[level] = node index -> new hash. */
  readonly overrides: ReadonlyArray<ReadonlyMap<number, Uint8Array>>
}

export class RecordTree {
  /** levels[0] = leaf hashes; levels[k] = cached nodes of level k. Missing entries are ZERO[k]. */
  private readonly levels: Uint8Array[][]
  private _count: number

  constructor (levels: Uint8Array[][] = [[]], count = 0) {
    this.levels = levels
    this._count = count
  }

  get count (): number { return this._count }
  get depth (): number { return treeDepth(this._count) }

  node (level: number, index: number): Uint8Array {
    return this.levels[level]?.[index] ?? ZERO[level]
  }

  root (): Uint8Array {
    return this.node(this.depth, 0)
  }

  leaf (index: number): Uint8Array {
    return this.node(0, index)
  }

  /** Computes the tree after setting `updates` (leaf index -> leaf hash) with `newCount` leaves. */
  plan (updates: ReadonlyMap<number, Uint8Array>, newCount: number): TreePlan {
    if (newCount < this._count) throw new Error('record tree cannot shrink')
    const depth = treeDepth(newCount)
    if (depth > MAX_DEPTH) throw new Error('record tree too large')
    const overrides: Map<number, Uint8Array>[] = [new Map(updates)]
    for (const i of updates.keys()) if (i >= newCount) throw new Error(`leaf ${i} beyond count ${newCount}`)
    const get = (level: number, i: number): Uint8Array => overrides[level].get(i) ?? this.node(level, i)
    for (let level = 0; level < depth; level++) {
      const parents = new Map<number, Uint8Array>()
      for (const i of overrides[level].keys()) {
        const p = i >>> 1
        if (parents.has(p)) continue
        parents.set(p, nodeHash(get(level, 2 * p), get(level, 2 * p + 1)))
      }
      overrides.push(parents)
    }
    const root = depth === 0 ? get(0, 0) : get(depth, 0)
    return { count: newCount, depth, root, overrides }
  }

  commit (plan: TreePlan): void {
    for (let level = 0; level < plan.overrides.length; level++) {
      const arr = (this.levels[level] ??= [])
      for (const [i, h] of plan.overrides[level]) {
        while (arr.length < i) arr.push(ZERO[level])
        arr[i] = h
      }
    }
    this._count = plan.count
  }

  /** Sibling hashes from the leaf up (depth entries). */
  proof (index: number): Uint8Array[] {
    if (index < 0 || index >= this._count) throw new RangeError(`leaf ${index} out of range`)
    const out: Uint8Array[] = []
    for (let level = 0; level < this.depth; level++) out.push(this.node(level, (index >>> level) ^ 1))
    return out
  }

  clone (): RecordTree {
    return new RecordTree(this.levels.map(l => l.slice()), this._count)
  }

  /** Builds a tree from all leaf hashes at once (used when loading state from disk). */
  static fromLeaves (leaves: Uint8Array[]): RecordTree {
    const t = new RecordTree()
    t.commit(t.plan(new Map(leaves.map((h, i) => [i, h])), leaves.length))
    return t
  }
}

/** Recomputes the tree root from a leaf hash and its sibling path; null if the shape is wrong. */
export function rootFromPath (leaf: Uint8Array, index: number, count: number, siblings: readonly Uint8Array[]): Uint8Array | null {
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(count) || index < 0 || index >= count) return null
  if (siblings.length !== treeDepth(count)) return null
  let h = leaf
  for (let level = 0; level < siblings.length; level++) {
    const s = siblings[level]
    if (s.length !== 32) return null
    h = ((index >>> level) & 1) === 1 ? nodeHash(s, h) : nodeHash(h, s)
  }
  return h
}
