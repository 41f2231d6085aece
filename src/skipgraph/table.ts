// Routing table of one skip-graph node (pure data + helpers).
import { cw, type Key, type MembershipVector } from './keys.js'

/** What a node knows about another: identity (PeerId string), key and membership vector. */
export interface NodeRef {
  id: string
  key: Key
  mv: MembershipVector
}

export type Side = 'left' | 'right'

export function opposite(s: Side): Side {
  return s === 'left' ? 'right' : 'left'
}

/** One level: up to k neighbours on each side, nearest first. Lists are circular: in a ring of
 * m nodes each side holds the next min(k, m - 1) others in that direction (so small rings
 * appear on both sides). An empty level means the node is alone in its list at that level. */
export interface Level {
  left: NodeRef[]
  right: NodeRef[]
}

export interface RoutingTable {
  self: NodeRef
  /** Neighbours kept per side per level. */
  k: number
  /** levels[0..top]. Levels above top are empty (the node is alone there). */
  levels: Level[]
}

export const DEFAULT_K = 3

export function newTable(self: NodeRef, k = DEFAULT_K): RoutingTable {
  if (!Number.isInteger(k) || k < 1) throw new RangeError('k must be a positive integer')
  return { self, k, levels: [] }
}

export function cloneRef(r: NodeRef): NodeRef {
  return { id: r.id, key: r.key, mv: r.mv }
}

export function cloneTable(t: RoutingTable): RoutingTable {
  return {
    self: t.self,
    k: t.k,
    levels: t.levels.map((l) => ({ left: l.left.slice(), right: l.right.slice() })),
  }
}

/** Can `a` be in the same level-i list as `b`? (both have at least i bits and share them) */
export function sharesPrefix(a: NodeRef, b: NodeRef, i: number): boolean {
  if (a.mv.length < i || b.mv.length < i) return false
  return a.mv.slice(0, i) === b.mv.slice(0, i)
}

export function ensureLevel(t: RoutingTable, i: number): Level {
  while (t.levels.length <= i) t.levels.push({ left: [], right: [] })
  return t.levels[i]
}

export function list(t: RoutingTable, i: number, side: Side): NodeRef[] {
  const l = t.levels[i]
  return l ? l[side] : []
}

export function first(t: RoutingTable, i: number, side: Side): NodeRef | undefined {
  return list(t, i, side)[0]
}

/** Distance from self to x going in direction `side` around the ring. */
export function sideDistance(self: Key, x: Key, side: Side): Key {
  return side === 'right' ? cw(self, x) : cw(x, self)
}

/** Inserts x at its position (by distance on that side) in level i's list; keeps at most k.
 * Returns true when the list changed. */
export function insertOrdered(t: RoutingTable, i: number, side: Side, x: NodeRef): boolean {
  if (x.id === t.self.id || x.key === t.self.key) return false
  const lv = ensureLevel(t, i)
  const arr = lv[side]
  const d = sideDistance(t.self.key, x.key, side)
  const old = arr.findIndex((e) => e.id === x.id)
  if (old >= 0) {
    if (arr[old].key === x.key && arr[old].mv === x.mv) return false
    arr.splice(old, 1)
  }
  let pos = arr.length
  for (let j = 0; j < arr.length; j++) {
    const dj = sideDistance(t.self.key, arr[j].key, side)
    if (dj === d) return false // another id at the same key: keep the one we had
    if (d < dj) {
      pos = j
      break
    }
  }
  if (pos >= t.k) return old >= 0
  arr.splice(pos, 0, x)
  if (arr.length > t.k) arr.length = t.k
  return true
}

/** Removes a peer from every level. Returns the levels it was found at. */
export function removePeer(t: RoutingTable, id: string): number[] {
  const at: number[] = []
  t.levels.forEach((l, i) => {
    let hit = false
    for (const side of ['left', 'right'] as const) {
      const j = l[side].findIndex((e) => e.id === id)
      if (j >= 0) {
        l[side].splice(j, 1)
        hit = true
      }
    }
    if (hit) at.push(i)
  })
  return at
}

/** Index of the highest level (levels above are empty). -1 before the node has joined. */
export function topLevel(t: RoutingTable): number {
  return t.levels.length - 1
}

/** Every distinct peer in the table. */
export function distinctNeighbours(t: RoutingTable): NodeRef[] {
  const m = new Map<string, NodeRef>()
  for (const l of t.levels) for (const e of [...l.left, ...l.right]) m.set(e.id, e)
  return [...m.values()]
}

/** Compares two tables level by level (ids and order), treating missing levels as empty.
 * Returns a description of the first difference, or null. */
export function tableDiff(a: RoutingTable, b: RoutingTable, immediateOnly = false): string | null {
  const h = Math.max(a.levels.length, b.levels.length)
  for (let i = 0; i < h; i++) {
    for (const side of ['left', 'right'] as const) {
      let x = list(a, i, side).map((e) => e.id)
      let y = list(b, i, side).map((e) => e.id)
      if (immediateOnly) {
        x = x.slice(0, 1)
        y = y.slice(0, 1)
      }
      if (x.join(',') !== y.join(',')) return `level ${i} ${side}: [${x.join(',')}] != [${y.join(',')}]`
    }
  }
  return null
}
