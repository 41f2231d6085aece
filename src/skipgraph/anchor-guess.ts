// Guessing a key's anchor (pure): the node a search for the key would end at, from the nodes this
// node has met, so that a read can go to it directly instead of searching hop by hop.
//
// A search ends at the predecessor of the key (search.ts), and every replica set starts with that
// node (placement.ts). A node that knows every member can therefore name it without a search; one
// that knows only some may name the wrong node (a member it never met lies between). Readers
// that use a guess must check what they get and fall back to the search: a guess costs one
// round trip when wrong, and saves the O(log n) hops of the search when right.
//
// The known set is bounded (least recently learned goes first); the service feeds it every node
// met in a message and makes it forget nodes the core declared dead or a guess could not reach. A node's routing table is passed at each guess, so its current neighbours
// always count.
import { cw, type Key } from './keys.js'
import { distinctNeighbours, type NodeRef, type RoutingTable } from './table.js'

/** Default bound on remembered nodes (a NodeRef is ~100 bytes: 4,096 of them ~0.4 MB). */
export const KNOWN_NODES_MAX = 4096

export class KnownNodes {
  private readonly nodes = new Map<string, NodeRef>()

  constructor (private readonly max = KNOWN_NODES_MAX) {}

  get size (): number { return this.nodes.size }

  /** Remembers `n` (refreshing its place in the eviction order). */
  learn (n: NodeRef): void {
    this.nodes.delete(n.id)
    this.nodes.set(n.id, n)
    if (this.nodes.size > this.max) this.nodes.delete(this.nodes.keys().next().value!)
  }

  forget (id: string): void {
    this.nodes.delete(id)
  }

  /**
   * The known node whose key is the closest at or before `key` on the ring (wrapping), among
   * the remembered nodes, the table's neighbours and the table's own node; `exclude` (suspected
   * nodes) is skipped.
   */
  guess (key: Key, table: RoutingTable, exclude: (id: string) => boolean = () => false): NodeRef {
    let best = table.self
    let bestDist = cw(table.self.key, key)
    const consider = (n: NodeRef): void => {
      if (exclude(n.id)) return
      const d = cw(n.key, key)
      if (d < bestDist) { best = n; bestDist = d }
    }
    for (const n of distinctNeighbours(table)) consider(n)
    for (const n of this.nodes.values()) consider(n)
    return best
  }
}
