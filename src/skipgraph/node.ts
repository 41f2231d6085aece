// One skip-graph node as a sans-IO state machine. Every entry point (a received message, a
// timer tick, an operator command) mutates the node's table and returns the messages to send
// and the events to report; the simulator and the libp2p shell drive the same code.
//
// Concurrency: splices are compare-and-set on the gap. "link" asks a node to take the sender
// as its neighbour on one side; it is accepted only when the sender lies strictly between the
// receiver and its current (live) neighbour on that side, otherwise the receiver answers with
// the closer node and the sender retries there. Pointers therefore only move closer while
// nodes join, the displaced neighbour is handed to the joiner, which links with it too, and
// concurrent joins converge to the correct lists without any lock.
import { inOpenArc, type Key } from './keys.js'
import { nextHop } from './search.js'
import { placementFeed, placementStep, startPlacementWalk, type PlacementWalk } from './placement.js'
import {
  DEFAULT_K, distinctNeighbours, ensureLevel, first, insertOrdered, list, newTable, opposite, removePeer,
  sharesPrefix, sideDistance, type NodeRef, type RoutingTable, type Side,
} from './table.js'
import { PING_MISS_LIMIT, SEARCH_TTL, type Envelope, type Msg, type Output, type SgEvent } from './messages.js'

export interface NodeOptions {
  /** Neighbours per side per level (default 3). */
  k?: number
  /** Redundancy parameter: neighbourhood changes at levels <= r are reported for re-placement. */
  r?: number
}

export type NodeState = 'idle' | 'joining' | 'joined' | 'leaving' | 'left'

const SIDES: readonly Side[] = ['right', 'left']
/** Former neighbours kept for a node that gets isolated (see relinkIfIsolated). */
const FORMER_KEPT = 8
const lk = (level: number, side: Side) => `${level}:${side}`

export class SkipGraphNode {
  readonly table: RoutingTable
  readonly r: number
  state: NodeState = 'idle'
  /** Peers this node believes dead (routed around; removed from the table by the detector). */
  readonly suspects = new Set<string>()
  /** Number of table changes so far (the simulator watches it for quiescence). */
  changes = 0

  private joinLevel = -1
  /** level:side -> id of the neighbour that confirmed us as its neighbour. */
  private readonly acked = new Map<string, string>()
  /** level:side -> id we sent a link to and are waiting on. */
  private readonly linkSent = new Map<string, string>()
  /** level:side with a walk answered "no such node". */
  private readonly noneAt = new Set<string>()
  private leaveLevel = -1
  private leavePending = 0
  /** Failure detection per distinct neighbour; `heard`: its ping arrived since our last tick. */
  private readonly fd = new Map<string, { missed: number; outstanding: boolean; heard: boolean }>()
  /** Neighbours declared dead, most recent last (at most FORMER_KEPT): the way back into the
   * graph for a node that lost all of them (a partition longer than failure detection). */
  private readonly former: NodeRef[] = []
  private nonce = 0
  private qseq = 0
  private readonly placements = new Map<string, { walk: PlacementWalk; hops: number; fetches: number; ask?: { level: number; side: Side } }>()
  private deferred: Array<Extract<Msg, { t: 'walk' }>> = []
  private flushing = false
  private out: Output = { send: [], events: [] }
  private local: Msg[] = []

  constructor(self: NodeRef, opts: NodeOptions = {}) {
    this.table = newTable(self, opts.k ?? DEFAULT_K)
    this.r = opts.r ?? 0
  }

  get self(): NodeRef {
    return this.table.self
  }

  /** Install a table computed elsewhere (simulator bootstrap). */
  adopt(levels: RoutingTable['levels']): void {
    this.table.levels = levels.map((l) => ({ left: l.left.slice(), right: l.right.slice() }))
    this.state = 'joined'
    for (let i = 0; i < this.table.levels.length; i++) {
      for (const s of SIDES) {
        const f = first(this.table, i, s)
        if (f) this.acked.set(lk(i, s), f.id)
      }
    }
  }

  // ---------------------------------------------------------------- entry points

  /** First node of a new graph. */
  bootstrap(): Output {
    return this.run(() => {
      this.table.levels = [{ left: [], right: [] }]
      this.state = 'joined'
      this.event({ e: 'joined' })
    })
  }

  /** Join through an introducer: search own key, link level 0, then upwards level by level. */
  join(introducer: NodeRef): Output {
    return this.run(() => {
      if (this.state !== 'idle' && this.state !== 'left') throw new Error(`cannot join in state ${this.state}`)
      this.state = 'joining'
      this.table.levels = []
      this.joinLevel = -1
      this.send(introducer, { t: 'search', qid: this.qid('join'), origin: this.self, target: this.self.key, purpose: 'join', hops: 0, ttl: SEARCH_TTL })
    })
  }

  /** Search for the predecessor of `target`. Reports search-done / search-failed. */
  search(target: Key, qid = this.qid('q')): Output {
    return this.run(() => this.onSearch({ t: 'search', qid, origin: this.self, target, purpose: 'lookup', hops: 0, ttl: SEARCH_TTL }))
  }

  /** Distributed placement: search the predecessor, then walk its lists. Reports 'placement'. */
  place(key: Key, r: number, qid = this.qid('p')): Output {
    return this.run(() => this.onSearch({ t: 'search', qid, origin: this.self, target: key, purpose: 'place', r, hops: 0, ttl: SEARCH_TTL }))
  }

  /** Leave gracefully: unlink top-down, level 0 last. Hand stored blocks over before calling. */
  leave(): Output {
    return this.run(() => {
      if (this.state !== 'joined') throw new Error(`cannot leave in state ${this.state}`)
      this.state = 'leaving'
      this.leaveLevel = this.table.levels.length
      this.leaveNext()
    })
  }

  /** A join that has linked level 0 but stalls above it (a lost message, a peer that died
   * mid-join) is declared complete: level 0 keeps searches correct and stabilize() repairs the
   * upper levels by walking the level below. Returns whether the node is now joined. */
  completeJoin(): Output {
    return this.run(() => {
      if (this.state !== 'joining' || this.joinLevel < 0) return
      const l0 = this.table.levels[0]
      // both sides known at level 0 (in a ring of >= 2 nodes both lists are non-empty)
      if (!l0 || !l0.left.length || !l0.right.length) return
      this.state = 'joined'
      this.linkSent.clear()
      this.event({ e: 'joined' })
    })
  }

  /** Has this joining node linked at level 0 (so restarting the join would be wrong)? */
  get linkedLevel0(): boolean {
    return this.joinLevel >= 0 && (this.table.levels[0]?.left.length ?? 0) + (this.table.levels[0]?.right.length ?? 0) > 0
  }

  /** Failure detection: call periodically. Pings every neighbour; a neighbour that missed
   * PING_MISS_LIMIT consecutive pings is declared dead, removed and its links repaired. */
  tick(): Output {
    return this.run(() => {
      if (this.state !== 'joined') return
      this.relinkIfIsolated()
      const present = new Set<string>()
      for (const n of distinctNeighbours(this.table)) {
        present.add(n.id)
        let st = this.fd.get(n.id)
        if (!st) this.fd.set(n.id, (st = { missed: 0, outstanding: false, heard: false }))
        if (st.outstanding && ++st.missed >= PING_MISS_LIMIT) {
          this.declareDead(n)
          continue
        }
        // Both ends of a link ping each other: the one whose tick comes first does it for the
        // pair (its ping proved it alive, our pong answers), halving the idle traffic. Costs at
        // most one tick of detection time when the neighbour dies just after its ping.
        if (st.heard && !st.outstanding) {
          st.heard = false
          continue
        }
        st.heard = false
        st.outstanding = true
        this.send(n, { t: 'ping', nonce: ++this.nonce, from: this.self })
      }
      for (const id of this.fd.keys()) if (!present.has(id)) this.fd.delete(id)
    })
  }

  /** Periodic maintenance: refresh each level's k-lists from the nearest neighbours (and tell
   * a neighbour that does not point back), and re-check each level against the one below
   * (repair a missing level-i link by walking level i-1). */
  stabilize(): Output {
    return this.run(() => {
      if (this.state !== 'joined') return
      const t = this.table
      for (let i = 0; i < t.levels.length; i++) {
        const asked = new Set<string>()
        for (const s of SIDES) {
          const f = this.live(i, s)
          if (f && !asked.has(f.id)) {
            asked.add(f.id)
            this.send(f, { t: 'get-neighbours', level: i, from: this.self })
          }
        }
      }
      const top = t.levels.length - 1
      const upto = top >= 0 && (t.levels[top].left.length || t.levels[top].right.length) && top < this.self.mv.length ? top + 1 : top
      for (let i = 1; i <= upto; i++) this.checkLevel(i, false)
    })
  }

  /** A message arrived. */
  handle(msg: Msg): Output {
    return this.run(() => this.dispatch(msg))
  }

  /** The shell could not deliver `msg` to `to` (connection refused, timeout). */
  sendFailed(to: NodeRef, msg: Msg): Output {
    return this.run(() => {
      this.suspects.add(to.id)
      switch (msg.t) {
        case 'search':
          this.onSearch(msg) // re-route around the dead hop
          break
        case 'unlink':
          this.onUnlinkOk()
          break
        case 'link':
        case 'walk':
          this.linkSent.delete(lk(msg.level, msg.t === 'walk' ? msg.dir : opposite(msg.side)))
          break
        default:
          break
      }
    })
  }

  // ---------------------------------------------------------------- plumbing

  private run(f: () => void): Output {
    this.out = { send: [], events: [] }
    f()
    let guard = 0
    while (this.local.length) {
      if (++guard > 10_000) throw new Error('local message loop')
      this.dispatch(this.local.shift()!)
    }
    return this.out
  }

  private send(to: NodeRef, msg: Msg): void {
    if (to.id === this.self.id) this.local.push(msg)
    else this.out.send.push({ to, msg } satisfies Envelope)
  }

  private event(e: SgEvent): void {
    this.out.events.push(e)
  }

  private qid(prefix: string): string {
    return `${this.self.id}/${prefix}${++this.qseq}`
  }

  private live(i: number, s: Side): NodeRef | undefined {
    return list(this.table, i, s).find((e) => !this.suspects.has(e.id))
  }

  private changed(level: number): void {
    this.changes++
    if (level <= this.r && this.state === 'joined') this.event({ e: 'neighbourhood-changed', level })
  }

  private insert(i: number, s: Side, x: NodeRef): boolean {
    if (x.id === this.self.id || !sharesPrefix(x, this.self, i)) return false
    const c = insertOrdered(this.table, i, s, x)
    if (c) this.changed(i)
    return c
  }

  private dispatch(m: Msg): void {
    this.dispatchInner(m)
    if (this.state === 'joining') this.progressJoin()
    if (this.deferred.length && !this.flushing) {
      this.flushing = true
      const waiting = this.deferred
      this.deferred = []
      for (const w of waiting) {
        if (this.levelReady(w.level - 1)) this.onWalk(w)
        else this.deferred.push(w)
      }
      this.flushing = false
    }
  }

  private dispatchInner(m: Msg): void {
    const from = m.t === 'search' ? undefined : m.t === 'search-result' ? m.node : m.t === 'search-failed' ? m.at : m.t === 'walk' ? undefined : m.from
    if (from && from.id !== this.self.id) {
      this.suspects.delete(from.id)
      const st = this.fd.get(from.id)
      // Failure detection listens to pings and pongs only. A process restarted faster than
      // detection is not linked in yet: it sends other messages (its rejoin) but neither pings
      // nor pongs (see 'ping' below), and its stale entry must still be found dead; counting its
      // rejoin traffic kept that entry alive (the record-lookup test's restarted liars, 1 run in 2).
      // Only its ping lets us skip ours: a pong answers ours, so skipping on it would leave both
      // ends silent for a tick.
      if (st && (m.t === 'ping' || m.t === 'pong')) (st.missed = 0), (st.outstanding = false), (st.heard ||= m.t === 'ping')
    }
    switch (m.t) {
      case 'search': return this.onSearch(m)
      case 'search-result': return this.onSearchResult(m)
      case 'search-failed':
        if (m.purpose === 'join') {
          this.state = 'idle'
          this.event({ e: 'join-failed', reason: `search ${m.reason}`, graph: m.hops > 0 || m.at.id === this.self.id })
        } else {
          this.placements.delete(m.qid)
          this.event({ e: 'search-failed', qid: m.qid, target: m.target, hops: m.hops, reason: m.reason })
        }
        return
      case 'link': return this.onLink(m.level, m.side, m.from)
      case 'link-ok': return this.onLinkOk(m)
      case 'link-redirect': return this.onRedirect(m)
      case 'walk': return this.onWalk(m)
      case 'walk-none':
        this.noneAt.add(lk(m.level, m.dir))
        this.linkSent.delete(lk(m.level, m.dir))
        return this.progressJoin()
      case 'get-neighbours': {
        const lv = this.table.levels[m.level] ?? { left: [], right: [] }
        this.send(m.from, { t: 'neighbours', level: m.level, from: this.self, left: lv.left.slice(), right: lv.right.slice(), qid: m.qid })
        return
      }
      case 'neighbours': return m.qid ? this.onPlacementNeighbours(m) : this.onStabilizeReply(m)
      case 'unlink': return this.onUnlink(m)
      case 'unlink-ok': return this.onUnlinkOk()
      case 'ping':
        // A node not (yet) linked into the graph stays silent: a ping then comes from a former
        // neighbour of this node's previous run (a restart faster than failure detection), and
        // answering it would keep the stale entry alive, so the search for our own key would end
        // at that entry (us, not joined: 'stuck') for ever. Unanswered, it is declared dead.
        if (this.state === 'idle' || this.state === 'left' || (this.state === 'joining' && this.joinLevel < 0)) return
        this.send(m.from, { t: 'pong', nonce: m.nonce, from: this.self })
        return
      case 'pong': return
    }
  }

  // ---------------------------------------------------------------- search

  private onSearch(m: Extract<Msg, { t: 'search' }>): void {
    if (this.state === 'joining' && this.joinLevel >= 0) {
      // Linked at level 0 but still joining: route with what we have; until our right
      // neighbour is known, the node before us answers.
      const l0 = this.table.levels[0]
      if (l0 && !l0.right.some((e) => !this.suspects.has(e.id))) {
        const back = this.live(0, 'left')
        if (back) {
          this.send(back, { ...m, hops: m.hops + 1 })
          return
        }
      }
    } else if (this.state !== 'joined' && this.state !== 'leaving') {
      this.send(m.origin, { t: 'search-failed', qid: m.qid, purpose: m.purpose, target: m.target, at: this.self, hops: m.hops, reason: 'stuck' })
      return
    }
    if (m.hops > m.ttl) {
      this.send(m.origin, { t: 'search-failed', qid: m.qid, purpose: m.purpose, target: m.target, at: this.self, hops: m.hops, reason: 'ttl' })
      return
    }
    const d = nextHop(this.table, m.target, (id) => this.suspects.has(id))
    if (d.kind === 'forward') {
      this.send(d.to, { ...m, hops: m.hops + 1 })
    } else if (d.kind === 'stuck') {
      this.send(m.origin, { t: 'search-failed', qid: m.qid, purpose: m.purpose, target: m.target, at: this.self, hops: m.hops, reason: 'stuck' })
    } else {
      const res: Extract<Msg, { t: 'search-result' }> = { t: 'search-result', qid: m.qid, purpose: m.purpose, target: m.target, node: this.self, hops: m.hops }
      if (m.purpose === 'place') {
        res.k = this.table.k
        res.levels = this.table.levels.slice(0, (m.r ?? 0) + 1).map((l) => ({ left: l.left.slice(), right: l.right.slice() }))
      }
      this.send(m.origin, res)
    }
  }

  private onSearchResult(m: Extract<Msg, { t: 'search-result' }>): void {
    if (m.purpose === 'lookup') {
      this.event({ e: 'search-done', qid: m.qid, target: m.target, node: m.node, hops: m.hops })
    } else if (m.purpose === 'join') {
      if (this.state !== 'joining' || this.joinLevel >= 0) return
      if (m.node.key === this.self.key) {
        this.state = 'idle'
        this.event({ e: 'join-failed', reason: 'key already taken', graph: true })
        return
      }
      this.joinLevel = 0
      ensureLevel(this.table, 0)
      this.consider(0, 'left', m.node)
    } else {
      const walk = startPlacementWalk(m.target, (m.levels?.length ?? 1) - 1, { self: m.node, k: m.k ?? this.table.k, levels: m.levels ?? [] })
      const st = { walk, hops: m.hops, fetches: 0 } as { walk: PlacementWalk; hops: number; fetches: number; ask?: { level: number; side: Side } }
      this.placements.set(m.qid, st)
      this.stepPlacement(m.qid)
    }
  }

  private stepPlacement(qid: string): void {
    const st = this.placements.get(qid)
    if (!st) return
    const s = placementStep(st.walk)
    if (s.done) {
      this.placements.delete(qid)
      this.event({ e: 'placement', qid, key: st.walk.key, replicas: s.replicas, hops: st.hops, fetches: st.fetches })
      return
    }
    st.fetches++
    st.ask = { level: s.level, side: s.side }
    this.send(s.ask, { t: 'get-neighbours', level: s.level, from: this.self, qid })
  }

  private onPlacementNeighbours(m: Extract<Msg, { t: 'neighbours' }>): void {
    const st = this.placements.get(m.qid!)
    if (!st || !st.ask || st.ask.level !== m.level) return
    placementFeed(st.walk, m.level, st.ask.side, m.from, m[st.ask.side])
    this.stepPlacement(m.qid!)
  }

  // ---------------------------------------------------------------- linking (join, repair)

  /** x is a candidate neighbour on `side` at level i: keep it if it fits the k-list, and if it
   * became our nearest neighbour there, ask it to link back. */
  private consider(i: number, side: Side, x: NodeRef): void {
    if (x.id === this.self.id || this.suspects.has(x.id) || !sharesPrefix(x, this.self, i)) return
    this.insert(i, side, x)
    const f = this.live(i, side)
    if (f && f.id === x.id && this.acked.get(lk(i, side)) !== x.id && this.linkSent.get(lk(i, side)) !== x.id) {
      this.linkSent.set(lk(i, side), x.id)
      this.send(x, { t: 'link', level: i, side: opposite(side), from: this.self })
    }
  }

  private onLink(i: number, s: Side, x: NodeRef): void {
    if (this.state === 'idle' || this.state === 'left') return
    if (x.id === this.self.id || !sharesPrefix(x, this.self, i)) return
    ensureLevel(this.table, i)
    const lst = list(this.table, i, s)
    const cur = this.live(i, s) ?? this.self
    const between = cur.id === x.id || (s === 'right' ? inOpenArc(this.self.key, x.key, cur.key) : inOpenArc(cur.key, x.key, this.self.key))
    if (between) {
      this.insert(i, s, x)
      // x is now the nearest live one; drop suspects in front of it
      while (lst.length && lst[0].id !== x.id && this.suspects.has(lst[0].id)) lst.shift()
      this.acked.set(lk(i, s), x.id)
      const displaced = cur.id === x.id ? (lst.find((e) => e.id !== x.id && !this.suspects.has(e.id)) ?? this.self) : cur
      this.send(x, { t: 'link-ok', level: i, side: s, from: this.self, displaced, list: list(this.table, i, opposite(s)).slice() })
      this.event({ e: 'linked', level: i, side: s, peer: x })
    } else {
      let closer = cur
      for (const e of lst) {
        if (this.suspects.has(e.id)) continue
        const inside = s === 'right' ? inOpenArc(this.self.key, e.key, x.key) : inOpenArc(x.key, e.key, this.self.key)
        if (inside) closer = e
        else break
      }
      this.insert(i, s, x)
      this.send(x, { t: 'link-redirect', level: i, side: s, from: this.self, closer })
    }
  }

  private onLinkOk(m: Extract<Msg, { t: 'link-ok' }>): void {
    const i = m.level
    const mine = opposite(m.side) // m.from is on this side of ours
    if (this.state === 'idle' || this.state === 'left') return
    ensureLevel(this.table, i)
    this.insert(i, mine, m.from)
    for (const e of m.list) {
      if (e.id === this.self.id) break
      this.insert(i, mine, e)
    }
    if (this.live(i, mine)?.id === m.from.id) this.acked.set(lk(i, mine), m.from.id)
    if (this.linkSent.get(lk(i, mine)) === m.from.id || this.linkSent.get(lk(i, mine)) === '#walk') this.linkSent.delete(lk(i, mine))
    this.event({ e: 'linked', level: i, side: mine, peer: m.from })
    if (m.displaced.id !== this.self.id) this.consider(i, m.side, m.displaced)
    this.progressJoin()
  }

  private onRedirect(m: Extract<Msg, { t: 'link-redirect' }>): void {
    const i = m.level
    const mine = opposite(m.side)
    if (this.linkSent.get(lk(i, mine)) === m.from.id || this.linkSent.get(lk(i, mine)) === '#walk') this.linkSent.delete(lk(i, mine))
    this.insert(i, mine, m.from)
    this.consider(i, mine, m.closer)
    // if our nearest is still someone who has not confirmed, ask it (again)
    const f = this.live(i, mine)
    if (f && this.acked.get(lk(i, mine)) !== f.id && this.linkSent.get(lk(i, mine)) !== f.id && f.id !== m.from.id) {
      this.linkSent.set(lk(i, mine), f.id)
      this.send(f, { t: 'link', level: i, side: m.side, from: this.self })
    }
  }

  /** Where is our neighbour on `dir` at level i, judged from level i-1? With `strict`, only
   * the nearest level-(i-1) neighbour is trusted (it is kept exact by the link splices, while
   * entries further out are refreshed only by stabilisation and may miss concurrent joiners). */
  private findAtLevel(i: number, dir: Side, strict: boolean): { found: NodeRef } | { via: NodeRef } | null {
    const lst = list(this.table, i - 1, dir)
    let last: NodeRef | undefined
    for (const e of lst) {
      if (this.suspects.has(e.id)) continue
      if (sharesPrefix(e, this.self, i)) return { found: e }
      last = e
      if (strict) return { via: e }
    }
    if (lst.length >= this.table.k && last) return { via: last }
    return null
  }

  /** Join step / repair of level i >= 1 from level i-1. With `walk` false, only local knowledge
   * is used unless the side is empty. */
  private checkLevel(i: number, walk: boolean): void {
    if (i > this.self.mv.length) return
    ensureLevel(this.table, i)
    for (const dir of SIDES) {
      const f = this.findAtLevel(i, dir, walk)
      if (!f) {
        if (walk) this.noneAt.add(lk(i, dir))
        continue
      }
      if ('found' in f) {
        this.consider(i, dir, f.found)
      } else if (walk || this.mayBeCloser(i, dir, f.via)) {
        if (this.linkSent.get(lk(i, dir)) === '#walk') continue
        this.linkSent.set(lk(i, dir), '#walk')
        this.send(f.via, { t: 'walk', level: i, dir, origin: this.self, hops: 1 })
      }
    }
  }

  /** Could a node closer than our level-i neighbour on `dir` hide beyond `via` (the last entry
   * of our level-(i-1) list, none of which shares i bits with us)? Then walk to find out. */
  private mayBeCloser(i: number, dir: Side, via: NodeRef): boolean {
    const f = this.live(i, dir)
    if (!f) return true
    return sideDistance(this.self.key, f.key, dir) > sideDistance(this.self.key, via.key, dir)
  }

  private onWalk(m: Extract<Msg, { t: 'walk' }>): void {
    const x = m.origin
    const i = m.level
    if (x.id === this.self.id) {
      this.noneAt.add(lk(i, m.dir))
      this.linkSent.delete(lk(i, m.dir))
      return this.progressJoin()
    }
    if (sharesPrefix(this.self, x, i)) return this.onLink(i, opposite(m.dir), x)
    if (m.hops > SEARCH_TTL) {
      this.send(x, { t: 'walk-none', level: i, dir: m.dir, from: this.self })
      return
    }
    // step along immediate neighbours only (exact under concurrent joins)
    if (!this.levelReady(i - 1)) {
      // we are still joining level i-1 ourselves: our pointers there may be placeholders
      // (a node mid-join accepts links as if alone); continue once that level is settled
      this.deferred.push(m)
      return
    }
    const next = this.live(i - 1, m.dir)
    if (next && next.id !== x.id) this.send(next, { ...m, hops: m.hops + 1 })
    else this.send(x, { t: 'walk-none', level: i, dir: m.dir, from: this.self })
  }

  /** Has this node finished linking level i (always, unless it is joining below or at i)? */
  private levelReady(i: number): boolean {
    if (this.state !== 'joining') return true
    if (this.joinLevel > i) return true
    return this.joinLevel === i && this.settled(i, 'left') && this.settled(i, 'right')
  }

  private settled(i: number, s: Side): boolean {
    if (this.linkSent.has(lk(i, s))) return false
    const f = this.live(i, s)
    if (!f) return this.noneAt.has(lk(i, s))
    return this.acked.get(lk(i, s)) === f.id
  }

  private progressJoin(): void {
    while (this.state === 'joining') {
      const i = this.joinLevel
      if (i < 0) return
      if (!this.settled(i, 'left') || !this.settled(i, 'right')) return
      const lv = this.table.levels[i]
      if (i >= this.self.mv.length || (!lv.left.length && !lv.right.length)) {
        this.state = 'joined'
        this.event({ e: 'joined' })
        return
      }
      this.joinLevel = i + 1
      this.checkLevel(i + 1, true)
    }
  }

  // ---------------------------------------------------------------- stabilisation

  private onStabilizeReply(m: Extract<Msg, { t: 'neighbours' }>): void {
    const i = m.level
    const v = m.from
    if (!this.table.levels[i] || this.state !== 'joined') return
    for (const s of SIDES) {
      const f = this.live(i, s)
      if (!f || f.id !== v.id) continue
      // refresh the k-list: v, then v's own list on the same side
      const fresh: NodeRef[] = [v]
      for (const e of m[s]) {
        if (e.id === this.self.id) break
        if (!this.suspects.has(e.id) && sharesPrefix(e, this.self, i)) fresh.push(e)
        if (fresh.length >= this.table.k) break
      }
      const cur = this.table.levels[i][s]
      if (cur.map((e) => e.id).join() !== fresh.map((e) => e.id).join()) {
        this.table.levels[i][s] = fresh
        this.changed(i)
      }
      // does v point back at us?
      const back = m[opposite(s)].find((e) => !this.suspects.has(e.id))
      if (back && back.id !== this.self.id) {
        const closer = s === 'right' ? inOpenArc(this.self.key, back.key, v.key) : inOpenArc(v.key, back.key, this.self.key)
        if (closer) this.consider(i, s, back)
        else this.send(v, { t: 'link', level: i, side: opposite(s), from: this.self })
      } else if (!back) {
        this.send(v, { t: 'link', level: i, side: opposite(s), from: this.self })
      }
    }
  }

  // ---------------------------------------------------------------- failures

  private declareDead(n: NodeRef): void {
    this.suspects.add(n.id)
    this.fd.delete(n.id)
    const j = this.former.findIndex((e) => e.id === n.id)
    if (j >= 0) this.former.splice(j, 1)
    this.former.push(n)
    if (this.former.length > FORMER_KEPT) this.former.shift()
    const levels = removePeer(this.table, n.id)
    for (const k of [...this.acked.keys()]) if (this.acked.get(k) === n.id) this.acked.delete(k)
    for (const k of [...this.linkSent.keys()]) if (this.linkSent.get(k) === n.id) this.linkSent.delete(k)
    this.event({ e: 'peer-dead', peer: n })
    for (const i of levels) {
      this.changed(i)
      for (const s of SIDES) this.repairSide(i, s)
    }
  }

  /**
   * A node with no level-0 neighbour left (every one declared dead: it was cut off longer
   * than failure detection) is out of the graph for good unless it reaches back: the others
   * dropped it too, and nothing in its empty table leads anywhere. Once per tick it asks its
   * most recent former neighbours to link it at level 0 again (the join's compare-and-set
   * splice: a node that is no longer the right one redirects it to a closer one); stabilize()
   * then rebuilds the upper levels from level 0. A neighbour still dead is declared dead again.
   */
  private relinkIfIsolated(): void {
    // Empty, not merely suspected: entries that failed a send are the failure detector's to judge.
    const l0 = this.table.levels[0]
    if (this.former.length === 0 || l0 === undefined || l0.left.length > 0 || l0.right.length > 0) return
    // Its suspicions date from the cut: every node looked dead from here. Kept, they would keep
    // it from taking the nodes it is pointed to as neighbours; a really dead one is found again.
    this.suspects.clear()
    for (const f of this.former.slice(-2)) {
      for (const s of SIDES) {
        if (this.linkSent.get(lk(0, s)) === f.id) this.linkSent.delete(lk(0, s))
        this.consider(0, s, f)
      }
    }
  }

  private repairSide(i: number, s: Side): void {
    const f = this.live(i, s)
    if (f) {
      this.consider(i, s, f)
      return
    }
    for (let j = i + 1; j < this.table.levels.length; j++) {
      const g = this.live(j, s)
      if (g) {
        this.consider(i, s, g)
        return
      }
    }
    if (i >= 1) this.checkLevel(i, false)
  }

  // ---------------------------------------------------------------- leave

  private leaveNext(): void {
    while (this.leavePending === 0) {
      this.leaveLevel--
      if (this.leaveLevel < 0) {
        this.state = 'left'
        this.table.levels = []
        this.acked.clear()
        this.linkSent.clear()
        this.event({ e: 'left' })
        return
      }
      const i = this.leaveLevel
      const lv = this.table.levels[i]
      for (const s of SIDES) {
        // every node that has us in its k-list on the opposite side
        for (const e of lv[s]) {
          this.leavePending++
          this.send(e, { t: 'unlink', level: i, side: opposite(s), from: this.self, replacement: lv[opposite(s)].slice() })
        }
      }
    }
  }

  private onUnlink(m: Extract<Msg, { t: 'unlink' }>): void {
    const i = m.level
    const lst = list(this.table, i, m.side)
    const j = lst.findIndex((e) => e.id === m.from.id)
    if (j >= 0) {
      lst.splice(j, 1)
      this.changed(i)
    }
    for (const e of m.replacement) this.insert(i, m.side, e)
    const f = this.live(i, m.side)
    if (f && this.acked.get(lk(i, m.side)) === m.from.id) this.acked.set(lk(i, m.side), f.id)
    if (!f) this.acked.delete(lk(i, m.side))
    this.send(m.from, { t: 'unlink-ok', level: i, from: this.self })
  }

  private onUnlinkOk(): void {
    if (this.state !== 'leaving') return
    this.leavePending = Math.max(0, this.leavePending - 1)
    if (this.leavePending === 0) this.leaveNext()
  }
}
