// Block placement (pure): the paper's rule made deterministic.
//
// For a block key t (its hash as a 256-bit integer), let P be the predecessor of t (largest
// key <= t, wrapping). For a level-j list containing P, the *order* of that list from P is
//   P, R1, L1, R2, L2, ...   (Ri / Li: i-th neighbour of P to the right / left in that list),
// each node listed once, until the list is exhausted.
// The replica set is built level by level, i = 0..r: take the first 2 nodes of P's level-i
// order that are not chosen yet; if that list runs out, continue with P's level-(i-1) order,
// then i-2, ... down to level 0 (which holds every node). At level 0 this gives P and its
// successor, "the two nodes nearest t". Hence exactly
//     copies(r, n) = min(n, 2 (r + 1))
// distinct nodes, and any node computes the same set from the same membership.
import { cw, type Key } from './keys.js'
import { sortByKey } from './build.js'
import type { NodeRef, RoutingTable, Side } from './table.js'

export function copyCount(r: number, n: number): number {
  if (!Number.isInteger(r) || r < 0) throw new RangeError('r must be a non-negative integer')
  return Math.min(n, 2 * (r + 1))
}

/** Access to one list of P's (at one level), relative to P: at(side, j) is the j-th neighbour
 * (j >= 1) on that side; null when the walk came back to P (list exhausted); undefined when
 * not known yet (a distributed walk must fetch more). */
export interface ListAccess {
  at(side: Side, j: number): NodeRef | null | undefined
}

export type SelectResult =
  | { done: true; replicas: NodeRef[] }
  | { done: false; level: number; side: Side }

/** The placement rule over an abstract view of P's lists. access(j) is null when P has no
 * level j (its membership vector is shorter than j). */
export function selectReplicas(anchor: NodeRef, r: number, access: (level: number) => ListAccess | null): SelectResult {
  const chosen: NodeRef[] = []
  const ids = new Set<string>()
  const take = (n: NodeRef): void => {
    chosen.push(n)
    ids.add(n.id)
  }
  for (let i = 0; i <= r; i++) {
    let need = 2
    for (let j = i; j >= 0 && need > 0; j--) {
      const acc = access(j)
      if (!acc) continue
      if (!ids.has(anchor.id)) {
        take(anchor)
        need--
      }
      let rightDone = false
      let leftDone = false
      for (let s = 1; need > 0 && !(rightDone && leftDone); s++) {
        for (const side of ['right', 'left'] as const) {
          if (need === 0) break
          if (side === 'right' ? rightDone : leftDone) continue
          const v = acc.at(side, s)
          if (v === undefined) return { done: false, level: j, side }
          if (v === null || v.id === anchor.id) {
            if (side === 'right') rightDone = true
            else leftDone = true
            continue
          }
          if (!ids.has(v.id)) {
            take(v)
            need--
          }
        }
      }
    }
    if (need > 0) break // level 0 exhausted: every node holds a copy
  }
  return { done: true, replicas: chosen }
}

/** A full membership, indexed for placement. */
export class MembershipView {
  readonly sorted: NodeRef[]
  private readonly rings = new Map<string, { ring: NodeRef[]; index: Map<string, number> }>()

  constructor(nodes: Iterable<NodeRef>) {
    this.sorted = sortByKey(nodes)
  }

  get size(): number {
    return this.sorted.length
  }

  /** Largest key <= t, wrapping to the largest key. */
  predecessor(t: Key): NodeRef | undefined {
    const a = this.sorted
    if (!a.length) return undefined
    let lo = 0
    let hi = a.length - 1
    if (t < a[0].key) return a[a.length - 1]
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1
      if (a[mid].key <= t) lo = mid
      else hi = mid - 1
    }
    return a[lo]
  }

  /** The level-j list that contains `n` (nodes sharing n's first j bits), in key order. */
  ring(n: NodeRef, j: number): { ring: NodeRef[]; index: Map<string, number> } | null {
    if (n.mv.length < j) return null
    const prefix = n.mv.slice(0, j)
    let e = this.rings.get(prefix)
    if (!e) {
      const ring = this.sorted.filter((x) => x.mv.length >= j && x.mv.startsWith(prefix))
      e = { ring, index: new Map(ring.map((x, i) => [x.id, i])) }
      this.rings.set(prefix, e)
    }
    return e
  }
}

/** The replica set of block key t with redundancy r, from a full membership view. */
export function replicaSet(t: Key, view: MembershipView, r: number): NodeRef[] {
  copyCount(r, view.size)
  const p = view.predecessor(t)
  if (!p) return []
  const res = selectReplicas(p, r, (j) => {
    const e = view.ring(p, j)
    if (!e) return null
    const m = e.ring.length
    const at0 = e.index.get(p.id)!
    return {
      at: (side, s) => (s >= m ? null : e.ring[(at0 + (side === 'right' ? s : m - s)) % m]),
    }
  })
  if (!res.done) throw new Error('unreachable: full view')
  return res.replicas
}

// ---- distributed version: from P's routing table plus fetched neighbour lists ----

/** State of a placement walk: starts from the predecessor's table (levels 0..r), and when the
 * rule needs a node beyond what is known, asks for the neighbour list of the last known node
 * on that side (message get-neighbours) and feeds the answer back. */
export interface PlacementWalk {
  key: Key
  r: number
  k: number
  anchor: NodeRef
  /** Per level: extended lists on each side (nearest first) and whether each is complete. */
  lists: Array<{ right: NodeRef[]; left: NodeRef[]; rightDone: boolean; leftDone: boolean } | null>
}

export function startPlacementWalk(key: Key, r: number, anchorTable: { self: NodeRef; k: number; levels: RoutingTable['levels'] }): PlacementWalk {
  const anchor = anchorTable.self
  const lists: PlacementWalk['lists'] = []
  for (let j = 0; j <= r; j++) {
    if (anchor.mv.length < j && j > 0) {
      lists.push(null)
      continue
    }
    const lv = anchorTable.levels[j] ?? { left: [], right: [] }
    lists.push(extendInit(anchor, lv.right, lv.left, anchorTable.k))
  }
  return { key, r, k: anchorTable.k, anchor, lists }
}

function extendInit(anchor: NodeRef, right: NodeRef[], left: NodeRef[], k: number) {
  const cut = (a: NodeRef[]) => {
    const i = a.findIndex((e) => e.id === anchor.id)
    return i >= 0 ? { l: a.slice(0, i), done: true } : { l: a.slice(), done: a.length < k }
  }
  const R = cut(right)
  const L = cut(left)
  return { right: R.l, left: L.l, rightDone: R.done, leftDone: L.done }
}

export type WalkStep =
  | { done: true; replicas: NodeRef[] }
  | { done: false; ask: NodeRef; level: number; side: Side }

export function placementStep(w: PlacementWalk): WalkStep {
  const res = selectReplicas(w.anchor, w.r, (j) => {
    const e = j < w.lists.length ? w.lists[j] : null
    if (!e) return null
    return {
      at: (side, s) => {
        const a = e[side]
        if (s <= a.length) return a[s - 1]
        return (side === 'right' ? e.rightDone : e.leftDone) ? null : undefined
      },
    }
  })
  if (res.done) return res
  const e = w.lists[res.level]!
  const a = e[res.side]
  return { done: false, ask: a.length ? a[a.length - 1] : w.anchor, level: res.level, side: res.side }
}

/** Feeds the neighbour list (on `side`, at `level`) of the node that was asked. */
export function placementFeed(w: PlacementWalk, level: number, side: Side, from: NodeRef, neighbours: NodeRef[]): void {
  const e = w.lists[level]
  if (!e) return
  const a = e[side]
  if ((a.length ? a[a.length - 1].id : w.anchor.id) !== from.id) return // stale answer
  for (const n of neighbours) {
    if (n.id === w.anchor.id || a.some((x) => x.id === n.id)) {
      if (side === 'right') e.rightDone = true
      else e.leftDone = true
      return
    }
    a.push(n)
  }
  if (neighbours.length < w.k) {
    if (side === 'right') e.rightDone = true
    else e.leftDone = true
  }
}

/** Convenience: runs a placement walk against a lookup of tables (a simulator's, or a test's).
 * Returns the replicas and how many neighbour lists had to be fetched. */
export function placementFromTables(key: Key, r: number, tables: Map<string, RoutingTable>, anchorId: string): { replicas: NodeRef[]; fetches: number } {
  const w = startPlacementWalk(key, r, tables.get(anchorId)!)
  let fetches = 0
  for (;;) {
    const s = placementStep(w)
    if (s.done) return { replicas: s.replicas, fetches }
    const t = tables.get(s.ask.id)!
    fetches++
    placementFeed(w, s.level, s.side, s.ask, t.levels[s.level]?.[s.side] ?? [])
  }
}

// ---- responsibility re-check after a membership change ----

export interface Responsibility {
  /** Send these blocks to these nodes (idempotent: a receiver ignores blocks it holds). */
  push: Array<{ key: Key; to: NodeRef }>
  /** Blocks this node must hold but does not: fetch from these nodes, in order. */
  pull: Array<{ key: Key; from: NodeRef[] }>
  /** Blocks this node no longer has to hold (drop after the pushes went through). */
  drop: Key[]
}

/**
 * Given, for each block this node holds or knows of (from the chain headers), its replica set
 * before and after a change of membership (join, leave, failure), decides what to push, pull
 * and drop. A holder that stays responsible pushes to the newcomers of the set only if it is the
 * first surviving holder in the old set's order, so each newcomer gets one push; a holder that is
 * no longer responsible drops the block, after pushing it to the newcomers itself when no other
 * holder of the old set stays responsible. Nodes that must hold a block they lack pull it.
 */
export function recheckResponsibility(args: {
  self: NodeRef
  held: Iterable<Key>
  known?: Iterable<Key>
  oldReplicas: (k: Key) => NodeRef[]
  newReplicas: (k: Key) => NodeRef[]
  /** Is this node alive after the change (default: it is in some new replica set we compute). */
  alive?: (id: string) => boolean
}): Responsibility {
  const { self } = args
  const out: Responsibility = { push: [], pull: [], drop: [] }
  const heldSet = new Set<Key>()
  for (const key of args.held) {
    heldSet.add(key)
    const o = args.oldReplicas(key)
    const n = args.newReplicas(key)
    const oIds = new Set(o.map((x) => x.id))
    const inNew = n.some((x) => x.id === self.id)
    const newcomers = n.filter((x) => !oIds.has(x.id) && x.id !== self.id)
    if (inNew) {
      const nIds = new Set(n.map((x) => x.id))
      const alive = args.alive ?? ((id: string) => nIds.has(id))
      const lead = o.find((x) => x.id === self.id || (nIds.has(x.id) && alive(x.id)))
      if (!lead || lead.id === self.id) for (const to of newcomers) out.push.push({ key, to })
    } else {
      // no longer responsible: hand over only if no other holder of the old set stays responsible
      const survivor = o.some((x) => x.id !== self.id && n.some((y) => y.id === x.id))
      if (!survivor) for (const to of newcomers) out.push.push({ key, to })
      out.drop.push(key)
    }
  }
  for (const key of args.known ?? []) {
    if (heldSet.has(key)) continue
    const n = args.newReplicas(key)
    if (!n.some((x) => x.id === self.id)) continue
    const o = args.oldReplicas(key)
    const from: NodeRef[] = []
    const seen = new Set<string>([self.id])
    for (const x of [...o, ...n]) if (!seen.has(x.id)) (seen.add(x.id), from.push(x))
    out.pull.push({ key, from })
  }
  return out
}

/** Clockwise distance helper re-exported for callers sorting by proximity to a key. */
export function distanceToKey(n: NodeRef, t: Key): Key {
  return cw(n.key, t)
}
