// The libp2p shell of the skip graph: drives the sans-IO core (../node.ts) over
// /gridauth/skipgraph/1.0.0 and stores / serves blocks over /gridauth/blocks/1.0.0, both on the
// shared long-lived-stream RPC layer (src/net/rpc.ts). See protocols/skipgraph.md, blocks.md.
//
// - start: join through the first reachable bootstrap peer (introducer); no bootstrap: first node.
// - timers (unref'd): ping/tick (failure detection), stabilize, and a periodic responsibility audit.
// - blocks: publish (push to the replica set), fetch (local, else placement search + fetch from
//   replicas in order, verifying each answer), responsibility re-check on neighbour changes
//   (anti-entropy: the first holder in replica order pushes to members that lack a block;
//   a holder outside the set drops its copy once every member has it), hand-over on leave.
import type { Libp2p, PeerId } from '@libp2p/interface'
import { peerIdFromString } from '@libp2p/peer-id'
import { multiaddr } from '@multiformats/multiaddr'
import { Key as DsKey, type Datastore } from 'interface-datastore'
import { RpcEndpoint, RpcError, type RpcLimits } from '../../net/rpc.js'
import { SkipGraphNode } from '../node.js'
import type { Msg, Output, SgEvent } from '../messages.js'
import { SEARCH_TTL } from '../messages.js'
import { blockKey, keyFromHex, keyToHex, mvFromBits, type Key } from '../keys.js'
import { copyCount } from '../placement.js'
import { distinctNeighbours, DEFAULT_K, type NodeRef, type RoutingTable } from '../table.js'
import { KnownNodes } from '../anchor-guess.js'
import { deriveMembershipVector, deriveSkipKey } from '../identity.js'
import { decodeMsg, encodeMsg, MalformedError, MAX_SG_MESSAGE_BYTES, MAX_ADDRS, MAX_ADDR_BYTES, type AddrBook } from './codec.js'
import { decodeBlockReq, decodeBlockResp, encodeBlockReq, encodeBlockResp, MAX_BLOCKS_FRAME_BYTES } from './blocks-codec.js'
import { DatastoreBlockStore, MemoryBlockStore, type BlockStore } from './store.js'
import { decodeBlock, headerHash, decodeAnnex } from '../../ledger/index.js'
import type { NodeComponent, NodeContext } from '../../node/component.js'
import { ControlMethodError } from '../../node/control-server.js'
import type { Logger } from '../../util/log.js'

export const SKIPGRAPH_PROTOCOL = '/gridauth/skipgraph/1.0.0'
export const BLOCKS_PROTOCOL = '/gridauth/blocks/1.0.0'

/** Limits of /gridauth/skipgraph/1.0.0 (skipgraph.md). */
export const SKIPGRAPH_RPC_LIMITS: Partial<RpcLimits> = { maxFrameBytes: MAX_SG_MESSAGE_BYTES + 64, ratePerPeer: 2000, maxInflightPerPeer: 16, requestTimeoutMs: 5_000 }
/** Limits of /gridauth/blocks/1.0.0 (blocks.md). */
export const BLOCKS_RPC_LIMITS: Partial<RpcLimits> = { maxFrameBytes: MAX_BLOCKS_FRAME_BYTES + 64, ratePerPeer: 500, maxInflightPerPeer: 16, requestTimeoutMs: 10_000, maxQueuedBytes: 32 << 20 }

export type VerifyBlock = (hash: Uint8Array, bytes: Uint8Array) => boolean | Promise<boolean>
/** Checks a block's record annex before it is stored (bytes: ledger RecordAnnex). */
export type VerifyAnnex = (hash: Uint8Array, bytes: Uint8Array) => boolean | Promise<boolean>

/** Default annex check: a record annex that names the block. The integrated node checks it
 * against the block's certified header instead (chain component). */
export const verifyAnnexNames: VerifyAnnex = (hash, bytes) => {
  try {
    return Buffer.from(decodeAnnex(bytes).blockHash).equals(Buffer.from(hash))
  } catch {
    return false
  }
}

/** Default check: a ledger block whose header hashes to `hash`. */
export const verifyLedgerBlock: VerifyBlock = (hash, bytes) => {
  try {
    return Buffer.from(headerHash(decodeBlock(bytes).header)).equals(Buffer.from(hash))
  } catch {
    return false
  }
}

export interface SkipGraphOptions {
  /** Introducer multiaddrs ending in /p2p/<id>; empty: this node starts a new graph (unless it
   * was in one before: see rejoin). */
  bootstrap?: string[]
  /**
   * Members to rejoin through when `bootstrap` is empty but this node has been in a graph before
   * (its datastore says so): an introducer that restarts. The graph it started lives on in the
   * other nodes; starting a new one would split the graph in two (its blocks placed among the
   * few nodes that later join through it). It starts a new graph only when none of these lets
   * it join (the whole network restarting: they wait for it).
   */
  rejoin?: string[]
  /** Skip key (default: derived from the public key as `enroll` does). */
  key?: Key
  /** Membership vector bits (default: derived from the public key as `enroll` does). */
  membershipVector?: string
  k?: number
  r?: number
  tickMs?: number
  stabilizeMs?: number
  auditMs?: number
  /** Give up waiting for the join in start() after this long (it keeps retrying after). */
  joinTimeoutMs?: number
  /** Time one search / placement may take before it is retried. */
  searchTimeoutMs?: number
  verifyBlock?: VerifyBlock
  /** Block storage (default: the node's datastore, or memory without one). */
  store?: BlockStore
}

/** Datastore key that says this node has been in a skip graph (see SkipGraphOptions.rejoin). */
export const MEMBER_KEY = new DsKey('/skipgraph/member')
/** Rounds over the rejoin peers, none of them in a graph, before an introducer starts a new one. */
export const REJOIN_ROUNDS = 3

/** A graceful leave hands its blocks over for at most this long. */
export const HANDOVER_DEADLINE_MS = 10_000

/** How long an operator command on a joining node waits for the join. */
const CONTROL_JOIN_WAIT_MS = 20_000

/** Held blocks the periodic audit re-checks per round (each costs a placement search). */
export const AUDIT_SLICE = 32
/** How long a read waits for the node it guessed holds a block before it searches instead. */
export const GUESS_TIMEOUT_MS = 1_000

/** Longest stabilization interval of a settled graph, in multiples of stabilizeMs. */
export const STABILIZE_BACKOFF_MAX = 8

/** Which neighbours the table holds, level by level (compared between stabilization rounds). */
function tableShape(t: RoutingTable): string {
  return t.levels.map(l => l.left.map(n => n.id).join(',') + '|' + l.right.map(n => n.id).join(',')).join(';')
}

export const DEFAULTS = { tickMs: 2_000, stabilizeMs: 5_000, auditMs: 30_000, joinTimeoutMs: 5_000, searchTimeoutMs: 4_000, r: 2 }

/** What start() needs: a full NodeContext, or just libp2p (benchmarks, tests). */
export type ServiceContext = Pick<NodeContext, 'libp2p'> & Partial<Pick<NodeContext, 'control' | 'logger'>> & { datastore?: Datastore }

interface Waiter<T> { resolve: (v: T) => void, reject: (e: Error) => void, timer: NodeJS.Timeout }

export interface SearchResult { node: { id: string, key: string }, hops: number, ms: number }
export interface CopyInfo { hash: string, responsible: boolean, held: boolean, expected: number, copies: number, replicas: Array<{ id: string, key: string, has: boolean | null }> }

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex')
const unhex = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'hex'))
const sleep = async (ms: number): Promise<void> => await new Promise((r) => setTimeout(r, ms).unref())
const nolog: Logger = { debug() {}, info() {}, warn() {}, error() {} }

export class SkipGraphService implements NodeComponent, AddrBook {
  readonly name = 'skipgraph'
  core!: SkipGraphNode
  self!: NodeRef
  readonly k: number
  readonly r: number
  private libp2p!: Libp2p
  private sg!: RpcEndpoint
  private blocksEp!: RpcEndpoint
  private store!: BlockStore
  private log: Logger = nolog
  private ds: Datastore | undefined
  private verify: VerifyBlock
  private verifyAnnex: VerifyAnnex = verifyAnnexNames
  private authorize: ((peer: PeerId) => boolean | Promise<boolean>) | undefined
  private readonly opts: SkipGraphOptions & typeof DEFAULTS
  /** Hex hashes held locally. */
  readonly held = new Set<string>()
  /** Hex hashes of held blocks whose record annex is held too. */
  readonly annexes = new Set<string>()
  private readonly addrs = new Map<string, Uint8Array[]>()
  private readonly merged = new Map<string, Promise<void>>()
  private readonly peerIds = new Map<string, PeerId>()
  private readonly searches = new Map<string, Waiter<{ node: NodeRef, hops: number }>>()
  private readonly placements = new Map<string, Waiter<NodeRef[]>>()
  private joinWaiter: Waiter<void> | undefined
  private leftWaiter: (() => void) | undefined
  private timers: NodeJS.Timeout[] = []
  private qseq = 0
  private stopping = false
  private recheckTimer: NodeJS.Timeout | undefined
  private recheckRunning: Promise<void> | undefined
  private recheckAgain = false
  /** Counters for metrics / tests. */
  /** Messages sent, by type (what the graph's traffic is made of). */
  private readonly sentByType = new Map<string, number>()
  readonly stats = { sent: 0, sendFailed: 0, received: 0, pushes: 0, drops: 0, rechecks: 0, fetchFailures: 0, anchorGuesses: 0, anchorHits: 0 }
  /** Nodes met (in messages, placement and search answers): who to ask first for a block (anchor-guess.ts). */
  private readonly known = new KnownNodes()

  constructor(opts: SkipGraphOptions = {}) {
    this.opts = { ...DEFAULTS, ...opts }
    this.k = opts.k ?? DEFAULT_K
    this.r = opts.r ?? DEFAULTS.r
    this.verify = opts.verifyBlock ?? verifyLedgerBlock
    copyCount(this.r, 1)
  }

  // ------------------------------------------------------------------ lifecycle

  async start(ctx: ServiceContext): Promise<void> {
    this.libp2p = ctx.libp2p
    this.log = ctx.logger?.('skipgraph') ?? nolog
    this.ds = ctx.datastore
    const pub = ctx.libp2p.peerId.publicKey?.raw
    if (pub === undefined) throw new Error('skip graph needs a PeerId with a public key')
    this.self = { id: ctx.libp2p.peerId.toString(), key: this.opts.key ?? deriveSkipKey(pub), mv: this.opts.membershipVector !== undefined ? mvFromBits(this.opts.membershipVector) : deriveMembershipVector(pub) }
    this.core = new SkipGraphNode(this.self, { k: this.k, r: this.r })
    this.addrs.set(this.self.id, this.ownAddrs())
    this.store = this.opts.store ?? (ctx.datastore !== undefined ? new DatastoreBlockStore(ctx.datastore) : new MemoryBlockStore())
    for (const h of await this.store.list()) this.held.add(h)
    for (const h of await this.store.listAnnexes()) if (this.held.has(h)) this.annexes.add(h)

    this.sg = new RpcEndpoint(ctx.libp2p, SKIPGRAPH_PROTOCOL, {
      authorize: this.authorize,
      onMessage: (peer, body) => this.onSgMessage(peer, body),
      onReject: (peer, reason, detail) => this.log.debug('skipgraph message rejected', { peer: peer.toString(), reason, detail })
    }, SKIPGRAPH_RPC_LIMITS)
    this.blocksEp = new RpcEndpoint(ctx.libp2p, BLOCKS_PROTOCOL, {
      authorize: this.authorize,
      onRequest: async (peer, body) => await this.onBlockRequest(peer, body),
      onReject: (peer, reason, detail) => this.log.debug('blocks request rejected', { peer: peer.toString(), reason, detail })
    }, BLOCKS_RPC_LIMITS)
    await this.sg.start()
    await this.blocksEp.start()
    if (ctx.control !== undefined) this.registerControl(ctx.control)

    const every = (ms: number, f: () => void): void => { const t = setInterval(f, ms); t.unref(); this.timers.push(t) }
    every(this.opts.tickMs, () => { if (this.core.state === 'joined') this.apply(this.core.tick()) })
    // Stabilization backs off while the routing table stays the same: a settled graph does not need
    // its k-lists refreshed every stabilizeMs (it was a third of an idle terminal's messages). The
    // interval doubles after each round up to STABILIZE_BACKOFF_MAX x and is back to stabilizeMs as
    // soon as the table changes (a join, a neighbour declared dead by the pings, a repair).
    let stabilizeEvery = 1
    let sinceStabilize = 0
    let shape = ''
    every(this.opts.stabilizeMs, () => {
      if (this.core.state !== 'joined') return
      const now = tableShape(this.core.table)
      if (now !== shape) { shape = now; stabilizeEvery = 1; sinceStabilize = 0 }
      if (++sinceStabilize < stabilizeEvery) return
      sinceStabilize = 0
      stabilizeEvery = Math.min(2 * stabilizeEvery, STABILIZE_BACKOFF_MAX)
      this.apply(this.core.stabilize())
    })
    every(this.opts.auditMs, () => this.scheduleRecheck(0, AUDIT_SLICE))

    const notSelf = (a: string): boolean => multiaddr(a).getComponents().findLast((c) => c.name === 'p2p')?.value !== this.self.id
    let intro = (this.opts.bootstrap ?? []).filter(notSelf)
    let rejoining = false
    if (intro.length === 0) {
      const others = (this.opts.rejoin ?? []).filter(notSelf)
      if (others.length === 0 || !(await this.wasMember())) {
        this.bootstrapGraph()
        return
      }
      this.log.info('no introducer, but this node was in a skip graph: rejoining it through its other members', { peers: others.length })
      intro = others
      rejoining = true
    }
    const joined = this.joinLoop(intro, rejoining)
    const ok = await Promise.race([joined.then(() => true), sleep(this.opts.joinTimeoutMs).then(() => false)])
    if (!ok && this.opts.joinTimeoutMs > 0) this.log.warn('skip-graph join still in progress; continuing in the background')
  }

  async stop(): Promise<void> {
    this.stopping = true
    // A join in progress ends now (its waits would otherwise outlive the node).
    if (this.joinWaiter !== undefined) { clearTimeout(this.joinWaiter.timer); this.joinWaiter.reject(new Error('stopping')) }
    this.joinNudge?.()
    for (const t of this.timers) clearInterval(t)
    this.timers = []
    if (this.recheckTimer !== undefined) clearTimeout(this.recheckTimer)
    if (this.core?.state === 'joined') {
      try {
        await this.leaveAndHandOver()
      } catch (err) {
        this.log.warn('leave incomplete', { error: (err as Error).message })
      }
    }
    for (const w of [...this.searches.values(), ...this.placements.values()]) { clearTimeout(w.timer); w.reject(new Error('stopping')) }
    this.searches.clear()
    this.placements.clear()
    await this.sg?.stop()
    await this.blocksEp?.stop()
  }

  get state(): string { return this.core?.state ?? 'idle' }

  /** One stabilization round now (tests, benchmarks). */
  stabilizeNow(): void {
    if (this.core.state === 'joined') this.apply(this.core.stabilize())
  }

  /** Starts a new graph with this node alone in it. */
  private bootstrapGraph(): void {
    if (!this.core.linkedLevel0 && this.core.state !== 'idle') this.core = new SkipGraphNode(this.self, { k: this.k, r: this.r })
    this.apply(this.core.bootstrap())
    this.log.info('started a new skip graph', { key: keyToHex(this.self.key) })
  }

  /** Has this node been in a skip graph before (joined one or started one)? */
  private async wasMember(): Promise<boolean> {
    try {
      return this.ds !== undefined && await this.ds.has(MEMBER_KEY)
    } catch {
      return false
    }
  }

  /**
   * With `rejoining` (an introducer restarting), a new graph is started after REJOIN_ROUNDS
   * rounds in which no attempt met a graph (every peer unreachable, silent, or not in a graph
   * itself: the whole network is restarting and waits for this node). An attempt that met the
   * graph (e.g. the search ended at this node's own stale entry, until its former neighbours
   * declare it dead) means the graph exists: it is retried, never abandoned for a new one.
   */
  private async joinLoop(intro: string[], rejoining = false): Promise<void> {
    let blindRounds = 0
    for (let attempt = 0; !this.stopping; attempt++) {
      if (rejoining && blindRounds >= REJOIN_ROUNDS && !this.core.linkedLevel0) {
        this.log.warn('no member of the former skip graph is in a graph: starting a new one', { rounds: attempt })
        this.bootstrapGraph()
        return
      }
      blindRounds++
      for (const a of intro) {
        if (this.stopping) return
        const ma = multiaddr(a)
        const id = ma.getComponents().findLast((c) => c.name === 'p2p')!.value!
        try {
          const pid = this.peerId(id)
          await this.libp2p.peerStore.merge(pid, { multiaddrs: [ma.decapsulateCode(421)] })
          await this.joinVia({ id, key: 0n, mv: '' })
          this.log.info('joined the skip graph', { introducer: id, key: keyToHex(this.self.key) })
          this.scheduleRecheck(200)
          return
        } catch (err) {
          if ((err as { graph?: boolean }).graph === true) blindRounds = 0
          this.log.debug('join attempt failed', { introducer: id, error: (err as Error).message })
        }
      }
      if (this.nudged) { this.nudged = false; continue }
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, Math.min(5_000, 500 * (attempt + 1)))
        this.joinNudge = () => { clearTimeout(t); resolve() }
      })
      this.joinNudge = undefined
    }
  }

  private joinNudge: (() => void) | undefined
  private nudged = false

  /**
   * Try joining again now, not after the back-off (e.g. this node was just admitted: attempts
   * before that were turned away at the gate and are lost, not answered).
   */
  retryJoinNow(): void {
    if (this.core?.state === 'joined' || this.core?.linkedLevel0 === true) return
    this.nudged = this.joinWaiter !== undefined
    this.joinWaiter?.reject(new Error('retrying now'))
    this.joinNudge?.()
  }

  /** One join attempt through `introducer`. Waits while the join makes progress: a join that
   * has linked level 0 is never restarted (others already point at us); if it stalls above
   * level 0 it is declared complete after 8 s and stabilize repairs the upper levels. An
   * attempt whose search got no answer in 10 s (or failed) is abandoned for the next one. */
  private async joinVia(introducer: NodeRef): Promise<void> {
    if (!this.core.linkedLevel0) this.core = new SkipGraphNode(this.self, { k: this.k, r: this.r })
    const p = new Promise<void>((resolve, reject) => {
      let waited = 0
      const check = (): void => {
        waited += 1_000
        if (this.core.state === 'joined') return resolve()
        if (this.core.linkedLevel0) {
          if (waited >= 8_000) this.apply(this.core.completeJoin())
        } else if (waited >= 10_000) return reject(new Error('join timed out'))
        this.joinWaiter!.timer = setTimeout(check, 1_000)
      }
      this.joinWaiter = { resolve, reject, timer: setTimeout(check, 1_000) }
    })
    if (this.core.state === 'idle') this.apply(this.core.join(introducer))
    try {
      await p
    } finally {
      if (this.joinWaiter !== undefined) clearTimeout(this.joinWaiter.timer)
      this.joinWaiter = undefined
    }
  }

  private async leaveAndHandOver(): Promise<void> {
    const former = distinctNeighbours(this.core.table)
    const left = new Promise<void>((resolve) => { this.leftWaiter = resolve })
    this.apply(this.core.leave())
    await Promise.race([left, sleep(3_000)])
    if (this.held.size === 0 || former.length === 0) return
    // Hand over: the graph no longer contains this node, so a placement through a former
    // neighbour gives the new replica set; every member that lacks a block gets it.
    const via = former[0]
    // Eight at a time, and no longer than HANDOVER_DEADLINE_MS: a stop must not hang on a slow
    // graph (the other replicas still hold every block, and their audits restore the count).
    const queue = [...this.held]
    const deadline = Date.now() + HANDOVER_DEADLINE_MS
    const worker = async (): Promise<void> => {
      for (let h = queue.shift(); h !== undefined && Date.now() < deadline; h = queue.shift()) {
        try {
          const qid = `${this.self.id}/h${++this.qseq}`
          const p = this.waitPlacement(qid)
          this.transmit(via, { t: 'search', qid, origin: this.self, target: blockKey(unhex(h)), purpose: 'place', r: this.r, hops: 0, ttl: SEARCH_TTL })
          const set = (await p).filter((n) => n.id !== this.self.id)
          const have = await this.hasMany(set, [h])
          const bytes = await this.store.get(h)
          if (bytes === undefined) continue
          await Promise.all(set.filter((n) => have.get(n.id)?.[0] !== true).map(async (n) => await this.pushBlock(n, h, bytes)))
        } catch (err) {
          this.log.warn('hand-over failed', { block: h, error: (err as Error).message })
        }
      }
    }
    await Promise.race([Promise.all(Array.from({ length: 8 }, worker)), sleep(HANDOVER_DEADLINE_MS)])
    if (queue.length > 0) this.log.warn('hand-over cut short at the deadline', { blocksLeft: queue.length })
  }

  // ------------------------------------------------------------------ transport

  /** AddrBook: binary multiaddrs of a peer (encode side). */
  get(id: string): Uint8Array[] | undefined {
    return this.addrs.get(id)
  }

  /** AddrBook: a node met in a message, for the anchor guesses of annex reads. */
  met(ref: NodeRef): void {
    if (ref.id !== this.self?.id) this.known.learn(ref)
  }

  /** AddrBook: a ref carried addresses: remember them and put them in the peer store. */
  learn(id: string, addrs: Uint8Array[]): void {
    if (id === this.self?.id) return
    const prev = this.addrs.get(id)
    if (prev !== undefined && prev.length === addrs.length && prev.every((a, i) => Buffer.from(a).equals(Buffer.from(addrs[i])))) return
    this.addrs.set(id, addrs.map((a) => new Uint8Array(a)))
    let pid: PeerId
    try {
      pid = this.peerId(id)
    } catch {
      throw new MalformedError('bad peer id')
    }
    const mas = addrs.flatMap((a) => { try { return [multiaddr(a)] } catch { return [] } })
    this.merged.set(id, this.libp2p.peerStore.merge(pid, { multiaddrs: mas }).then(() => {}, () => {}))
  }

  private ownAddrs(): Uint8Array[] {
    return this.libp2p.getMultiaddrs().map((ma) => ma.decapsulateCode(421).bytes).filter((b) => b.byteLength <= MAX_ADDR_BYTES).slice(0, MAX_ADDRS)
  }

  private peerId(id: string): PeerId {
    let p = this.peerIds.get(id)
    if (p === undefined) {
      p = peerIdFromString(id)
      this.peerIds.set(id, p)
    }
    return p
  }

  private apply(out: Output): void {
    for (const e of out.events) this.onEvent(e)
    for (const s of out.send) this.transmit(s.to, s.msg)
  }

  private transmit(to: NodeRef, msg: Msg): void {
    this.stats.sent++
    this.sentByType.set(msg.t, (this.sentByType.get(msg.t) ?? 0) + 1)
    let body: Uint8Array
    try {
      body = encodeMsg(msg, this)
    } catch (err) {
      this.log.error('cannot encode skip-graph message', { error: (err as Error).message })
      return
    }
    const fail = (): void => {
      this.stats.sendFailed++
      if (!this.stopping || this.core.state === 'leaving') this.apply(this.core.sendFailed(to, msg))
    }
    let pid: PeerId
    try {
      pid = this.peerId(to.id)
    } catch {
      fail()
      return
    }
    const pending = this.merged.get(to.id)
    // A busy peer (dial or handshake timeout) is retried with backoff before the core hears of
    // a failure; a refused connection (the peer is gone) fails at once. Pings never retry.
    const delays = msg.t === 'ping' || msg.t === 'pong' ? [] : [250, 1_000, 3_000]
    const go = (attempt = 0): void => {
      this.sg.send(pid, body).catch((err: Error) => {
        if (this.stopping || attempt >= delays.length || /ECONNREFUSED|refused|NoValidAddresses/i.test(`${err.name} ${err.message}`)) return fail()
        setTimeout(() => go(attempt + 1), delays[attempt]).unref()
      })
    }
    if (pending !== undefined) void pending.then(() => go())
    else go()
  }

  private onSgMessage(peer: PeerId, body: Uint8Array): void {
    let msg: Msg
    try {
      msg = decodeMsg(body, peer.toString(), this)
    } catch (err) {
      throw new RpcError('malformed', (err as Error).message)
    }
    this.stats.received++
    this.apply(this.core.handle(msg))
  }

  private onEvent(e: SgEvent): void {
    switch (e.e) {
      case 'joined':
        this.joinWaiter?.resolve()
        // Remembered, so that a restart without an introducer rejoins instead of starting anew.
        if (this.ds !== undefined) void (async () => await this.ds!.put(MEMBER_KEY, new Uint8Array([1])))().catch(() => {})
        break
      case 'join-failed':
        this.joinWaiter?.reject(Object.assign(new Error(e.reason), { graph: e.graph === true }))
        break
      case 'left':
        this.leftWaiter?.()
        break
      case 'search-done': {
        if (e.node.id !== this.self.id) this.known.learn(e.node)
        const w = this.searches.get(e.qid)
        if (w !== undefined) { this.searches.delete(e.qid); clearTimeout(w.timer); w.resolve({ node: e.node, hops: e.hops }) }
        break
      }
      case 'search-failed': {
        const w = this.searches.get(e.qid) ?? this.placements.get(e.qid)
        if (w !== undefined) {
          this.searches.delete(e.qid)
          this.placements.delete(e.qid)
          clearTimeout(w.timer)
          w.reject(new Error(`search failed: ${e.reason}`))
        }
        break
      }
      case 'placement': {
        for (const n of e.replicas) if (n.id !== this.self.id) this.known.learn(n)
        const w = this.placements.get(e.qid)
        if (w !== undefined) { this.placements.delete(e.qid); clearTimeout(w.timer); w.resolve(e.replicas) }
        break
      }
      case 'peer-dead':
        this.known.forget(e.peer.id)
        if (this.core.state === 'joined') this.scheduleRecheck(500)
        break
      case 'neighbourhood-changed':
        if (this.core.state === 'joined') this.scheduleRecheck(500)
        break
      default:
        break
    }
  }

  // ------------------------------------------------------------------ search and placement

  private waitPlacement(qid: string): Promise<NodeRef[]> {
    return new Promise<NodeRef[]>((resolve, reject) => {
      this.placements.set(qid, { resolve, reject, timer: setTimeout(() => { this.placements.delete(qid); reject(new Error('placement timed out')) }, this.opts.searchTimeoutMs) })
    })
  }

  /**
   * Operator commands on a node still joining (a terminal joins in the background once admitted)
   * wait for the join a while instead of failing at once.
   */
  private async joinedSoon(ms = CONTROL_JOIN_WAIT_MS): Promise<void> {
    for (const until = Date.now() + ms; this.core?.state !== 'joined' && !this.stopping && Date.now() < until;) {
      if (this.core?.state === 'leaving' || this.core?.state === 'left') return
      await sleep(200)
    }
  }

  private requireJoined(): void {
    if (this.core?.state !== 'joined') throw new ControlMethodError('not-joined', `this node is not in the skip graph (state ${this.state}; a terminal joins once it has been granted access)`)
  }

  /** The node responsible for `key` (its predecessor) and the hops the search took. */
  async search(key: Key, attempts = 3): Promise<SearchResult> {
    this.requireJoined()
    let last: Error | undefined
    for (let i = 0; i < attempts; i++) {
      const t0 = performance.now()
      const qid = `${this.self.id}/s${++this.qseq}`
      const p = new Promise<{ node: NodeRef, hops: number }>((resolve, reject) => {
        this.searches.set(qid, { resolve, reject, timer: setTimeout(() => { this.searches.delete(qid); reject(new Error('search timed out')) }, this.opts.searchTimeoutMs) })
      })
      this.apply(this.core.search(key, qid))
      try {
        const r = await p
        return { node: { id: r.node.id, key: keyToHex(r.node.key) }, hops: r.hops, ms: performance.now() - t0 }
      } catch (err) {
        last = err as Error
        if (this.stopping) break
        await sleep(200)
      }
    }
    throw last ?? new Error('search failed')
  }

  /** The replica set of block key `key`, in placement order (redundancy `r`, default this node's). */
  async replicas(key: Key, attempts = 3, r = this.r): Promise<NodeRef[]> {
    this.requireJoined()
    let last: Error | undefined
    for (let i = 0; i < attempts; i++) {
      const qid = `${this.self.id}/p${++this.qseq}`
      const p = this.waitPlacement(qid)
      this.apply(this.core.place(key, r, qid))
      try {
        return await p
      } catch (err) {
        last = err as Error
        if (this.stopping) break
        await sleep(200)
      }
    }
    throw last ?? new Error('placement failed')
  }

  // ------------------------------------------------------------------ blocks

  private async onBlockRequest(_peer: PeerId, body: Uint8Array): Promise<Uint8Array> {
    let req
    try {
      req = decodeBlockReq(body)
    } catch (err) {
      throw new RpcError('malformed', (err as Error).message)
    }
    switch (req.op) {
      case 'store': {
        const h = hex(req.hash)
        if (!this.held.has(h)) {
          if (!(await this.verify(req.hash, req.block))) throw new RpcError('invalid-block', 'block does not match its hash')
          // No responsibility re-check here: the publisher placed it on its replica set, and a
          // re-check searches for every block held (one per stored block made it quadratic).
          await this.storeLocal(h, req.block)
        }
        // The annex is checked on its own: a block held without one takes it from a later STORE.
        if (req.annex !== undefined && !this.annexes.has(h)) {
          if (!(await this.verifyAnnex(req.hash, req.annex))) throw new RpcError('invalid-annex', 'record annex does not check against the block')
          await this.storeAnnex(h, req.annex)
        }
        return encodeBlockResp({ ok: true })
      }
      case 'fetch': {
        const h = hex(req.hash)
        const bytes = req.annex === true
          ? (this.annexes.has(h) ? await this.store.getAnnex(h) : undefined)
          : (this.held.has(h) ? await this.store.get(h) : undefined)
        return encodeBlockResp(bytes === undefined ? { ok: false } : { ok: true, block: bytes })
      }
      case 'has':
        return encodeBlockResp({ have: req.hashes.map((h) => this.held.has(hex(h))) })
    }
  }

  private async storeLocal(h: string, bytes: Uint8Array): Promise<void> {
    await this.store.put(h, bytes)
    this.held.add(h)
  }

  private async storeAnnex(h: string, bytes: Uint8Array): Promise<void> {
    await this.store.putAnnex(h, bytes)
    this.annexes.add(h)
  }

  private async blockRequest(to: NodeRef, body: Uint8Array, timeoutMs: number) {
    await this.merged.get(to.id)
    return decodeBlockResp(await this.blocksEp.request(this.peerId(to.id), body, { timeoutMs }))
  }

  private async pushBlock(to: NodeRef, h: string, bytes: Uint8Array, annex?: Uint8Array): Promise<boolean> {
    try {
      // The annex travels with the block whenever this node holds it.
      const a = annex ?? (this.annexes.has(h) ? await this.store.getAnnex(h) : undefined)
      const r = await this.blockRequest(to, encodeBlockReq({ op: 'store', hash: unhex(h), block: bytes, annex: a }), 10_000)
      this.stats.pushes++
      return r.ok
    } catch (err) {
      this.log.debug('push failed', { to: to.id, block: h, error: (err as Error).message })
      return false
    }
  }

  /** For each node, which of `hashes` it holds (null entry: no answer). Self answers locally. */
  private async hasMany(nodes: NodeRef[], hashes: string[]): Promise<Map<string, Array<boolean | null>>> {
    const out = new Map<string, Array<boolean | null>>()
    await Promise.all(nodes.map(async (n) => {
      if (n.id === this.self.id) { out.set(n.id, hashes.map((h) => this.held.has(h))); return }
      try {
        const r = await this.blockRequest(n, encodeBlockReq({ op: 'has', hashes: hashes.map(unhex) }), 3_000)
        out.set(n.id, hashes.map((_, i) => r.have[i] ?? null))
      } catch {
        out.set(n.id, hashes.map(() => null))
      }
    }))
    return out
  }

  /** Who may use the skip-graph and blocks protocols (default: everyone). */
  setAuthorize(authorize: (peer: PeerId) => boolean | Promise<boolean>): void {
    this.authorize = authorize
  }

  /** Replaces the check a block must pass before it is stored or used (e.g. "is committed"). */
  setBlockCheck(check: VerifyBlock): void {
    this.verify = check
  }

  /** Replaces the check a record annex must pass before it is stored. */
  setAnnexCheck(check: VerifyAnnex): void {
    this.verifyAnnex = check
  }

  /**
   * Publishes a block (and its record annex): stored here if this node is a replica, pushed to
   * every other replica. The annex is the caller's own (a validator builds it when it appends
   * the block), so it is not checked here; every other replica checks it before keeping it.
   */
  async publishBlock(bytes: Uint8Array, annex?: Uint8Array): Promise<{ hash: string, replicas: Array<{ id: string, stored: boolean }> }> {
    let hash: Uint8Array
    try {
      hash = headerHash(decodeBlock(bytes).header)
    } catch (err) {
      throw new ControlMethodError('bad-block', `not a ledger block: ${(err as Error).message}`)
    }
    if (!(await this.verify(hash, bytes))) throw new ControlMethodError('bad-block', 'block rejected by verification')
    const h = hex(hash)
    const set = await this.replicas(blockKey(hash))
    const replicas = await Promise.all(set.map(async (n) => {
      if (n.id === this.self.id) {
        await this.storeLocal(h, bytes)
        if (annex !== undefined) await this.storeAnnex(h, annex)
        return { id: n.id, stored: true }
      }
      return { id: n.id, stored: await this.pushBlock(n, h, bytes, annex) }
    }))
    return { hash: h, replicas }
  }

  /** A block by hash: local, else from its replicas (each answer verified; next replica on failure). */
  async fetchBlock(hash: Uint8Array): Promise<{ bytes: Uint8Array, source: 'local' | 'fetched', from: string, hops?: number }> {
    const h = hex(hash)
    if (this.held.has(h)) {
      const b = await this.store.get(h)
      if (b !== undefined) return { bytes: b, source: 'local', from: this.self.id }
    }
    for (let round = 0; round < 2; round++) {
      const set = (await this.replicas(blockKey(hash))).filter((n) => n.id !== this.self.id)
      for (const n of set) {
        try {
          const r = await this.blockRequest(n, encodeBlockReq({ op: 'fetch', hash }), 5_000)
          if (r.ok && await this.verify(hash, r.block)) return { bytes: r.block, source: 'fetched', from: n.id }
          if (r.ok) this.log.warn('replica served a bad block', { from: n.id, block: h })
        } catch (err) {
          this.log.debug('fetch failed', { from: n.id, block: h, error: (err as Error).message })
        }
        this.stats.fetchFailures++
      }
      await sleep(500)
    }
    throw new ControlMethodError('not-found', `block ${h} not found in the skip graph`)
  }

  /**
   * Answers for a block's record annex, unverified (the reader checks each against its own
   * certified header): the local copy, then each replica in placement order. The caller stops
   * iterating once an answer satisfies it; no answer at all ends the iteration.
   */
  async * annexAnswers(hash: Uint8Array): AsyncGenerator<{ bytes: Uint8Array, from: string }> {
    const h = hex(hash)
    if (this.annexes.has(h)) {
      const b = await this.store.getAnnex(h)
      if (b !== undefined) yield { bytes: b, from: this.self.id }
    }
    if (this.core?.state !== 'joined') return
    // First the node this one guesses is the block's anchor (the first of its replicas), asked
    // directly: when the guess is right (this node has met the anchor), one round trip instead of
    // a placement search through the graph (anchor-guess.ts). Wrong or silent: the search.
    const guess = this.known.guess(blockKey(hash), this.core.table, (id) => this.core.suspects.has(id))
    let guessed: string | undefined
    if (guess.id !== this.self.id) {
      guessed = guess.id
      this.stats.anchorGuesses++
      try {
        const r = await this.blockRequest(guess, encodeBlockReq({ op: 'fetch', hash, annex: true }), GUESS_TIMEOUT_MS)
        if (r.ok) {
          this.stats.anchorHits++
          yield { bytes: r.block, from: guess.id }
        }
      } catch (err) {
        // unreachable or too slow: not guessed again until met again (a bogus ref costs one try)
        this.known.forget(guess.id)
        this.log.debug('annex fetch from the guessed anchor failed', { from: guess.id, block: h, error: (err as Error).message })
      }
    }
    const set = (await this.replicas(blockKey(hash), 1)).filter((n) => n.id !== this.self.id && n.id !== guessed)
    for (const n of set) {
      let r
      try {
        r = await this.blockRequest(n, encodeBlockReq({ op: 'fetch', hash, annex: true }), 5_000)
      } catch (err) {
        this.log.debug('annex fetch failed', { from: n.id, block: h, error: (err as Error).message })
        continue
      }
      if (r.ok) yield { bytes: r.block, from: n.id }
    }
  }

  /** Replica set of a block and how many of its members hold it. */
  async copies(h: string): Promise<CopyInfo> {
    const set = await this.replicas(blockKey(unhex(h)))
    const have = await this.hasMany(set, [h])
    const replicas = set.map((n) => ({ id: n.id, key: keyToHex(n.key), has: have.get(n.id)?.[0] ?? null }))
    return { hash: h, responsible: set.some((n) => n.id === this.self.id), held: this.held.has(h), expected: set.length, copies: replicas.filter((x) => x.has === true).length, replicas }
  }

  // ------------------------------------------------------------------ responsibility

  /**
   * Re-check responsibility soon (debounced): for every held block after the neighbourhood
   * changed, or for the next `slice` of them in turn (the periodic audit: each block costs a
   * placement search, so an audit of everything would grow with the chain).
   */
  scheduleRecheck(delayMs: number, slice = Infinity): void {
    if (this.stopping || this.held.size === 0) return
    if (this.recheckRunning !== undefined) { this.recheckAgain ||= slice === Infinity; return }
    if (this.recheckTimer !== undefined) { this.recheckSlice = Math.max(this.recheckSlice, slice); return }
    this.recheckSlice = slice
    this.recheckTimer = setTimeout(() => {
      this.recheckTimer = undefined
      this.recheckRunning = this.recheck(this.recheckSlice).then(() => {}, (err: Error) => this.log.warn('responsibility re-check failed', { error: err.message })).finally(() => {
        this.recheckRunning = undefined
        if (this.recheckAgain) { this.recheckAgain = false; this.scheduleRecheck(500) }
      })
    }, delayMs)
    this.recheckTimer.unref()
  }

  private recheckSlice = Infinity
  /** Where the next audit slice starts, in the order blocks are held. */
  private auditCursor = 0

  /** Runs one responsibility re-check now (of every held block, or of the next `slice`) and waits for it. */
  async recheck(slice = Infinity): Promise<{ pushed: number, dropped: number }> {
    if (this.core.state !== 'joined' || this.stopping) return { pushed: 0, dropped: 0 }
    this.stats.rechecks++
    let pushed = 0
    let dropped = 0
    let hashes = [...this.held]
    if (slice < hashes.length) {
      const from = this.auditCursor % hashes.length
      hashes = [...hashes, ...hashes].slice(from, from + slice)
      this.auditCursor = from + slice
    }
    const sets = new Map<string, NodeRef[]>()
    for (let i = 0; i < hashes.length; i += 8) {
      await Promise.all(hashes.slice(i, i + 8).map(async (h) => {
        try { sets.set(h, await this.replicas(blockKey(unhex(h)), 1)) } catch { /* next time */ }
      }))
    }
    // one HAS per peer for all the blocks it should hold
    const byPeer = new Map<string, { node: NodeRef, hashes: string[] }>()
    for (const [h, set] of sets) for (const n of set) {
      if (n.id === this.self.id) continue
      let e = byPeer.get(n.id)
      if (e === undefined) byPeer.set(n.id, (e = { node: n, hashes: [] }))
      e.hashes.push(h)
    }
    const have = new Map<string, boolean | null>() // `${peer} ${hash}`
    await Promise.all([...byPeer.values()].map(async ({ node, hashes: hs }) => {
      const r = await this.hasMany([node], hs)
      hs.forEach((h, i) => have.set(`${node.id} ${h}`, r.get(node.id)![i]))
    }))
    for (const [h, set] of sets) {
      if (this.stopping) break
      const holds = (n: NodeRef): boolean | null => (n.id === this.self.id ? this.held.has(h) : have.get(`${n.id} ${h}`) ?? null)
      const inSet = set.some((n) => n.id === this.self.id)
      const lead = set.find((n) => holds(n) === true)
      const missing = set.filter((n) => holds(n) === false)
      let bytes: Uint8Array | undefined
      if ((lead === undefined || lead.id === this.self.id) && missing.length > 0) {
        bytes = await this.store.get(h)
        if (bytes === undefined) continue
        const ok = await Promise.all(missing.map(async (n) => await this.pushBlock(n, h, bytes!)))
        pushed += ok.filter(Boolean).length
        for (let i = 0; i < missing.length; i++) if (ok[i]) have.set(`${missing[i].id} ${h}`, true)
      }
      if (!inSet && set.length > 0 && set.every((n) => holds(n) === true)) {
        await this.store.delete(h)
        this.held.delete(h)
        this.annexes.delete(h)
        this.stats.drops++
        dropped++
      }
    }
    return { pushed, dropped }
  }

  // ------------------------------------------------------------------ control API

  info(): Record<string, unknown> {
    const t = this.core.table
    const ref = (n: NodeRef) => ({ id: n.id, key: keyToHex(n.key) })
    return {
      peerId: this.self.id,
      key: keyToHex(this.self.key),
      membershipVector: this.self.mv,
      state: this.core.state,
      k: this.k,
      r: this.r,
      levels: t.levels.map((l, i) => ({ level: i, left: l.left.map(ref), right: l.right.map(ref) })),
      blocks: [...this.held].sort(),
      annexes: [...this.annexes].sort(),
      stats: { ...this.stats, sentByType: Object.fromEntries(this.sentByType), rejectedSkipgraph: Object.fromEntries(this.sg.rejected), rejectedBlocks: Object.fromEntries(this.blocksEp.rejected) }
    }
  }

  private registerControl(control: NonNullable<ServiceContext['control']>): void {
    const hashParam = (p: Record<string, unknown>): Uint8Array => {
      const h = p.hash
      if (typeof h !== 'string' || !/^[0-9a-fA-F]{64}$/.test(h)) throw new ControlMethodError('bad-request', 'hash must be 64 hex digits')
      return unhex(h.toLowerCase())
    }
    control.register('skipgraph.info', async (p) => {
      const base = this.info()
      if (p.copies !== true) return base
      const blocks = await Promise.all([...this.held].sort().map(async (h) => await this.copies(h).catch((err: Error) => ({ hash: h, error: err.message }))))
      return { ...base, blocks }
    })
    control.register('skipgraph.search', async (p) => {
      const k = p.key
      if (typeof k !== 'string' || !/^[0-9a-fA-F]{1,64}$/.test(k)) throw new ControlMethodError('bad-request', 'key must be 1-64 hex digits')
      await this.joinedSoon()
      return await this.search(keyFromHex(k))
    })
    control.register('skipgraph.block', async (p) => {
      const hash = hashParam(p)
      await this.joinedSoon()
      const r = await this.fetchBlock(hash)
      return { hash: hex(hash), source: r.source, from: r.from, size: r.bytes.byteLength, block: hex(r.bytes) }
    })
    control.register('skipgraph.copies', async (p) => { const h = hex(hashParam(p)); await this.joinedSoon(); return await this.copies(h) })
    control.register('skipgraph.publish', async (p) => {
      if (typeof p.block !== 'string' || !/^([0-9a-fA-F]{2})+$/.test(p.block)) throw new ControlMethodError('bad-request', 'block must be hex bytes')
      await this.joinedSoon()
      return await this.publishBlock(unhex(p.block))
    })
    control.register('skipgraph.recheck', async () => await this.recheck())
  }
}

/** Settings (settings.skipgraph) to options; environment fallbacks for the config keys. */
export function optionsFromSettings(bootstrap: string[], s: Record<string, unknown> = {}, env: NodeJS.ProcessEnv = process.env): SkipGraphOptions {
  const num = (v: unknown): number | undefined => (v === undefined || v === '' ? undefined : Number(v))
  const o: SkipGraphOptions = { bootstrap }
  const key = s.key ?? env.GRIDAUTH_SKIPGRAPH_KEY
  if (typeof key === 'string' && key !== '') o.key = keyFromHex(key)
  const mv = s.membershipVector ?? env.GRIDAUTH_SKIPGRAPH_MEMBERSHIP_VECTOR
  if (typeof mv === 'string' && mv !== '') o.membershipVector = mvFromBits(mv)
  o.k = num(s.neighboursPerSide ?? s.k ?? env.GRIDAUTH_SKIPGRAPH_NEIGHBOURS_PER_SIDE)
  o.r = num(s.redundancy ?? s.r ?? env.GRIDAUTH_SKIPGRAPH_REDUNDANCY)
  // Timer tuning for tests: SKIPGRAPH_TIMERS="tick=500,stabilize=1000,audit=3000"
  const timers = Object.fromEntries((env.SKIPGRAPH_TIMERS ?? '').split(',').filter(Boolean).map((kv) => kv.split('=')))
  o.tickMs = num(s.tickMs ?? timers.tick)
  o.stabilizeMs = num(s.stabilizeMs ?? timers.stabilize)
  o.auditMs = num(s.auditMs ?? timers.audit)
  o.joinTimeoutMs = num(s.joinTimeoutMs)
  for (const k of Object.keys(o) as Array<keyof SkipGraphOptions>) if (o[k] === undefined) delete o[k]
  return o
}
