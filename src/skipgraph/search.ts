// Search decision (pure): next hop for a target key from the local table.
//
// Normalised search: the answer for target t is the predecessor of t, the node with the
// largest key <= t, wrapping to the largest key when t is below every key (on the ring: the
// node whose clockwise distance to t is smallest). Every initiator ends at the same node.
// A search only moves clockwise: at the highest level with a live neighbour in (self, t],
// it forwards to the nearest such neighbour; with k neighbours per side it skips over nodes
// it suspects dead at the same level before dropping a level.
import { cw, type Key } from './keys.js'
import type { NodeRef, RoutingTable } from './table.js'

export type HopDecision =
  /** Forward the search to `to` (found at `level`). */
  | { kind: 'forward'; to: NodeRef; level: number }
  /** This node is the predecessor of the target among the nodes it knows alive. */
  | { kind: 'here' }
  /** Every known level-0 neighbour before the target is suspected dead: cannot continue. */
  | { kind: 'stuck' }

export function nextHop(t: RoutingTable, target: Key, suspect: (id: string) => boolean = () => false): HopDecision {
  const self = t.self
  if (self.key === target) return { kind: 'here' }
  const d = cw(self.key, target)
  for (let l = t.levels.length - 1; l >= 0; l--) {
    for (const e of t.levels[l].right) {
      if (e.id === self.id) continue
      if (cw(self.key, e.key) > d) break
      if (suspect(e.id)) continue
      return { kind: 'forward', to: e, level: l }
    }
  }
  // Nothing alive in (self, target] is known. We are the predecessor unless the level-0 list is
  // full, entirely inside (self, target] and entirely suspected: then live nodes may lie beyond.
  const r0 = t.levels[0]?.right ?? []
  if (r0.length >= t.k && r0.length > 0) {
    const last = r0[r0.length - 1]
    if (cw(self.key, last.key) <= d && r0.every((e) => suspect(e.id))) return { kind: 'stuck' }
  }
  return { kind: 'here' }
}
