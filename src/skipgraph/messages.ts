// Messages of the skip-graph core. These become the wire protocol /gridauth/skipgraph/1.0.0
// (protocols/skipgraph.md). Every message names its sender as a NodeRef; the shell must check
// that `from.id` is the authenticated remote PeerId and that `from.mv` / `from.key` are the
// ones enrolled for it before handing the message to the core.
import type { Key } from './keys.js'
import type { NodeRef, Side } from './table.js'

export type SearchPurpose = 'lookup' | 'join' | 'place'

export type Msg =
  /** Routed clockwise towards the predecessor of `target`; the result goes to `origin`. */
  | { t: 'search'; qid: string; origin: NodeRef; target: Key; purpose: SearchPurpose; r?: number; hops: number; ttl: number }
  /** From the predecessor of the target. For purpose 'place', `levels` are its levels 0..r. */
  | { t: 'search-result'; qid: string; purpose: SearchPurpose; target: Key; node: NodeRef; hops: number; k?: number; levels?: Array<{ left: NodeRef[]; right: NodeRef[] }> }
  | { t: 'search-failed'; qid: string; purpose: SearchPurpose; target: Key; at: NodeRef; hops: number; reason: 'stuck' | 'ttl' }
  /** "Make me your `side` neighbour at `level`" (compare-and-set on the gap: accepted only when
   * `from` lies strictly between the receiver and its current neighbour on that side). */
  | { t: 'link'; level: number; side: Side; from: NodeRef }
  /** Accepted. `displaced` was the receiver's neighbour on that side before (itself if it was
   * alone); `list` is the receiver's list on the other side, to fill the sender's k-list. */
  | { t: 'link-ok'; level: number; side: Side; from: NodeRef; displaced: NodeRef; list: NodeRef[] }
  /** Refused: `closer` lies between; retry there. */
  | { t: 'link-redirect'; level: number; side: Side; from: NodeRef; closer: NodeRef }
  /** Join/repair walk along level `level - 1` in direction `dir` for the first node sharing
   * `level` bits with `origin`; that node treats it as a link from origin. */
  | { t: 'walk'; level: number; dir: Side; origin: NodeRef; hops: number }
  | { t: 'walk-none'; level: number; dir: Side; from: NodeRef }
  /** Neighbour exchange (stabilisation, placement walks). */
  | { t: 'get-neighbours'; level: number; from: NodeRef; qid?: string }
  | { t: 'neighbours'; level: number; from: NodeRef; left: NodeRef[]; right: NodeRef[]; qid?: string }
  /** Leaving node `from` unlinks from the receiver's `side` at `level`; `replacement` is its
   * list on the far side (the receiver's new neighbours). */
  | { t: 'unlink'; level: number; side: Side; from: NodeRef; replacement: NodeRef[] }
  | { t: 'unlink-ok'; level: number; from: NodeRef }
  | { t: 'ping'; nonce: number; from: NodeRef }
  | { t: 'pong'; nonce: number; from: NodeRef }

export type MsgType = Msg['t']

export interface Envelope {
  to: NodeRef
  msg: Msg
}

export type SgEvent =
  | { e: 'joined' }
  /** graph: the attempt met a graph (the search was forwarded, or ended at a stale entry of this
   * node's own): retrying makes sense; false: the introducer is not in one (or did not answer). */
  | { e: 'join-failed'; reason: string; graph?: boolean }
  | { e: 'linked'; level: number; side: Side; peer: NodeRef }
  | { e: 'left' }
  | { e: 'search-done'; qid: string; target: Key; node: NodeRef; hops: number }
  | { e: 'search-failed'; qid: string; target: Key; hops: number; reason: string }
  | { e: 'placement'; qid: string; key: Key; replicas: NodeRef[]; hops: number; fetches: number }
  | { e: 'peer-dead'; peer: NodeRef }
  /** Neighbours at some level <= the redundancy horizon changed: re-check responsibility. */
  | { e: 'neighbourhood-changed'; level: number }

export interface Output {
  send: Envelope[]
  events: SgEvent[]
}

/** Default hop limit of a search (a correct graph needs O(log n)). */
export const SEARCH_TTL = 256
/** Consecutive unanswered pings before a neighbour is declared dead. */
export const PING_MISS_LIMIT = 2
