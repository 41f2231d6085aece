// Correct tables computed directly from a full membership (pure). Used by the simulator to
// start large networks and as the reference that join/leave/repair results are checked against.
import type { Level, NodeRef, RoutingTable } from './table.js'
import { DEFAULT_K } from './table.js'

export function sortByKey(nodes: Iterable<NodeRef>): NodeRef[] {
  return [...nodes].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
}

/** The tables every node should have for this membership. Keys must be distinct. */
export function buildTables(nodes: Iterable<NodeRef>, k = DEFAULT_K): Map<string, RoutingTable> {
  const sorted = sortByKey(nodes)
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i].key === sorted[i - 1].key) throw new Error('duplicate skip-graph key')
  }
  const out = new Map<string, RoutingTable>()
  for (const n of sorted) out.set(n.id, { self: n, k, levels: [] })
  let groups: NodeRef[][] = sorted.length ? [sorted] : []
  for (let i = 0; groups.length; i++) {
    const next: NodeRef[][] = []
    for (const g of groups) {
      const m = g.length
      const c = Math.min(k, m - 1)
      for (let j = 0; j < m; j++) {
        const lv: Level = { left: [], right: [] }
        for (let s = 1; s <= c; s++) {
          lv.right.push(g[(j + s) % m])
          lv.left.push(g[(j - s + m * k) % m])
        }
        out.get(g[j].id)!.levels.push(lv)
      }
      if (m < 2) continue
      const zero: NodeRef[] = []
      const one: NodeRef[] = []
      for (const n of g) {
        if (n.mv.length <= i) continue
        ;(n.mv[i] === '0' ? zero : one).push(n)
      }
      if (zero.length) next.push(zero)
      if (one.length) next.push(one)
    }
    groups = next
  }
  return out
}
