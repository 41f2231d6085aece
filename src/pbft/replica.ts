// Sans-IO PBFT replica: `step(event) -> actions`. No clock, randomness, disk or network inside.
//
// Summary of the protocol as implemented (see types.ts for messages, events and actions):
// - Heights are PBFT sequence numbers; one block per height. All replicas (the proposer too) send a
//   signed PREPARE; prepared = block + 2f+1 matching PREPAREs of one view; then signed COMMIT;
//   2f+1 COMMITs of one view over (height, digest) are the block's commit certificate.
// - Chain rule: a replica accepts a pre-prepare for h in view v only if block h-1 is executed,
//   committed, the stable checkpoint, or prepared in the same view v, with hash = prevHash. So any
//   prepared certificate at h implies f+1 honest replicas prepared h-1 in the same view, which
//   keeps the NEW-VIEW re-proposals a single chain and allows pipelining (h+1 is proposed as soon
//   as h is prepared).
// - Primary of (h, v) = permutation(seed(h))[v mod n], seed(h) = VRF output in block h-1.
// - View change: VIEW-CHANGE(v, stable checkpoint + proof, highest prepared cert per height);
//   leader (v mod n) sends NEW-VIEW with 2f+1 of them and the digests of O; every backup recomputes
//   O. A replica joins on f+1 VIEW-CHANGEs for higher views; in view-change mode its timer runs
//   only once it holds 2f+1 VIEW-CHANGEs for its target view; timeouts double per failed view.
// - Checkpoints every K heights; stable at 2f+1 matching; water marks (low, low+L]; truncation.
// - Catch-up: STATUS hints -> FETCH -> BLOCKS (each checked against its commit certificate and the
//   chain) or SNAPSHOT (checked against the 2f+1 checkpoint proof). One peer is never trusted.
// - Persistence: every vote is preceded, in the action list, by the persist batch it depends on.
import {
  blockHash, bytesEqual, checkpointBytes, commitBytes, compareId, encode, hash, hex, newViewBytes, nullSeed,
  prePrepareBytes, prepareBytes, requestKey, stateDigest, viewChangeBytes, vrfAlpha,
} from './codec.js'
import { newViewLeader, primaryFor } from './primary.js'
import type {
  Action, Block, BlocksMsg, CheckpointMsg, ClientRecord, ClientRequest, CommitCertificate, CommitMsg, Event,
  ExecState, FetchMsg, Message, NewViewMsg, PbftApp, PbftConfig, PbftCrypto, PersistedState, PrePrepareMsg,
  PrepareMsg, PreparedCertificate, SnapshotMsg, StableCheckpoint, StatusMsg, Vote, ViewChangeMsg,
} from './types.js'
import { FETCH_MAX_BYTES, HISTORY_MAX_BYTES } from './types.js'
import { BoundedSet } from '../util/bounded-set.js'

interface Slot {
  /** Pre-prepare accepted by this replica (in view pp.view, the latest such view). */
  pp?: { view: number; block: Block; digest: Uint8Array; dkey: string }
  prepared: boolean
  /** Highest-view prepared certificate. */
  cert?: PreparedCertificate
  /** Known block contents by digest key. */
  blocks: Map<string, Block>
  /** Votes by `${view}|${dkey}` -> replica -> signature. */
  prepares: Map<string, Map<number, Uint8Array>>
  commits: Map<string, Map<number, Uint8Array>>
  /** Application commit signatures (CommitMsg.ext) by replica, any view/digest (checked when counted). */
  commitExt: Map<number, Uint8Array[]>
  committed?: { block: Block; cert: CommitCertificate }
}

interface PersistedSlot { pp: { view: number; block: Block } | null; cert: PreparedCertificate | null }
interface PersistedMeta { view: number; normal: boolean; streak: number }
interface PersistedExec { height: number; headHash: Uint8Array; nextSeed: Uint8Array }

const EMPTY = new Uint8Array(0)
/** VIEW-CHANGEs for views further ahead are ignored (bounds what a Byzantine sender can make us store). */
const MAX_VIEW_JUMP = 1000
/**
 * Retransmissions (our VIEW-CHANGE, our unstable CHECKPOINT, a NEW-VIEW or VIEW-CHANGE for a peer whose
 * STATUS shows it behind) happen at most once per this many status ticks, per message / per peer.
 * Every tick, with 16 replicas on 2 busy cores, they were a storm: each NEW-VIEW carries 2f+1
 * VIEW-CHANGEs that every receiver verifies, and the storm kept the view change from ever finishing.
 */
const RETRANSMIT_TICKS = 4
/** Commits that bring the doubled view-change timeout down one step (halve it). */
const STREAK_DECAY_COMMITS = 8
/**
 * A FETCH without an answer is given up (and the next peer asked) after this many status ticks.
 * Not after one: a reply of many blocks takes the serving peer and us longer than a tick on a busy
 * machine, and a duplicate FETCH costs the peer a whole batch to encode and us one to decode.
 */
const FETCH_TIMEOUT_TICKS = 3
/** Per-block allowance (header, certificate, framing) in the byte estimate of a BLOCKS reply. */
const BLOCK_OVERHEAD_BYTES = 1024
/** Checked prepared/commit certificates and checkpoints remembered (see verified). */
const VERIFIED_CERTS = 4096

export class Replica {
  readonly id: number
  readonly n: number
  readonly f: number
  /** Quorum size (2f+1 when n = 3f+1). */
  readonly q: number
  private readonly cfg: PbftConfig
  private readonly app: PbftApp
  private readonly crypto: PbftCrypto
  private readonly emptyRoot: Uint8Array

  // --- durable ---
  private _view = 0
  private _normal = true
  private streak = 0
  /** Commits since the streak last changed (see STREAK_DECAY_COMMITS). */
  private commitsSinceStreak = 0
  private stable: StableCheckpoint
  private execHeight = 0
  private headHash: Uint8Array
  private nextSeed: Uint8Array
  private clients = new Map<string, ClientRecord>()
  private slots = new Map<number, Slot>()
  private history = new Map<number, { block: Block; cert: CommitCertificate }>()
  /** blockBytes of the blocks in `history` (bounded by historyMaxBytes below the stable window). */
  private historyBytes = 0
  private newViewMsg: NewViewMsg | undefined
  /** Active set of the current view (senders of its NEW-VIEW's VIEW-CHANGEs; see primary.ts). */
  private activeOf: { nv: NewViewMsg; set: ReadonlySet<number> } | undefined

  // --- volatile ---
  private out: Action[] = []
  private pending = new Map<string, ClientRequest[]>()
  private candidates = new Map<number, PrePrepareMsg[]>()
  private buffered: Message[] = []
  private vcs = new Map<number, Map<number, ViewChangeMsg>>()
  private myVC: ViewChangeMsg | undefined
  private ckptVotes = new Map<number, Map<number, CheckpointMsg>>()
  private ckptStates = new Map<number, { exec: ExecState; app: Uint8Array }>()
  private myLastCkpt: CheckpointMsg | undefined
  private viewTimerArmed = false
  private batchTimerArmed = false
  private batchDue = false
  private fetchInFlight = false
  /** Status tick at which the outstanding FETCH was sent, and to whom. */
  private fetchSentAt = 0
  private fetchPeer = -1
  private fetchRotor = 0
  private peerHeights = new Map<number, number>()
  /** Certificates already checked (keys ~600 B: VERIFIED_CERTS of them ~2.5 MB; was 20,000 then cleared). */
  private verified = new BoundedSet(VERIFIED_CERTS)
  /** Status ticks so far (the core's only notion of time) and when we last retransmitted what. */
  private ticks = 0
  private vcSentAt = 0
  private helpedAt = new Map<number, number>()

  constructor(cfg: PbftConfig, app: PbftApp, crypto: PbftCrypto) {
    if (cfg.n < 1 || cfg.id < 0 || cfg.id >= cfg.n) throw new Error('pbft: bad replica id / n')
    if (cfg.watermarkWindow < 2 * cfg.checkpointInterval) throw new Error('pbft: watermarkWindow must be >= 2 * checkpointInterval')
    this.cfg = cfg
    this.app = app
    this.crypto = crypto
    this.id = cfg.id
    this.n = cfg.n
    this.f = Math.floor((cfg.n - 1) / 3)
    this.q = Math.floor((cfg.n + this.f) / 2) + 1
    this.emptyRoot = app.digest([])
    this.headHash = cfg.genesisHash
    this.nextSeed = cfg.genesisSeed
    this.stable = { height: 0, blockHash: cfg.genesisHash, nextSeed: cfg.genesisSeed, stateDigest: EMPTY, proof: [] }
  }

  /**
   * Rebuilds a replica after a crash from what its `persist` actions wrote. The shell restores the
   * app to the state stored atomically with key 'exec' before calling this.
   */
  static restore(cfg: PbftConfig, app: PbftApp, crypto: PbftCrypto, state: PersistedState): Replica {
    const r = new Replica(cfg, app, crypto)
    const meta = state.get('meta') as PersistedMeta | undefined
    if (meta !== undefined) { r._view = meta.view; r._normal = meta.normal; r.streak = meta.streak }
    const ck = state.get('ckpt') as StableCheckpoint | undefined
    if (ck !== undefined) r.stable = ck
    const ex = state.get('exec') as PersistedExec | undefined
    if (ex !== undefined) { r.execHeight = ex.height; r.headHash = ex.headHash; r.nextSeed = ex.nextSeed }
    const nv = state.get('nv') as NewViewMsg | undefined
    if (nv !== undefined && nv.view === r._view) r.newViewMsg = nv
    for (const [k, v] of state) {
      if (k.startsWith('client/')) r.clients.set(k.slice(7), v as ClientRecord)
      else if (k.startsWith('slot/')) {
        const h = Number(k.slice(5))
        if (h <= r.stable.height) continue
        const ps = v as PersistedSlot
        const s = r.slot(h)
        if (ps.pp !== null) {
          const digest = blockHash(ps.pp.block)
          const dkey = hex(digest)
          s.pp = { view: ps.pp.view, block: ps.pp.block, digest, dkey }
          s.blocks.set(dkey, ps.pp.block)
        }
        if (ps.cert !== null) {
          s.cert = ps.cert
          s.blocks.set(hex(blockHash(ps.cert.block)), ps.cert.block)
          s.prepared = s.pp !== undefined && ps.cert.view === s.pp.view && bytesEqual(blockHash(ps.cert.block), s.pp.digest)
        }
      } else if (k.startsWith('blk/')) {
        const b = v as { block: Block; cert: CommitCertificate }
        r.keepCommitted(b)
      }
    }
    return r
  }

  // ---------------------------------------------------------------- inspection

  get view(): number { return this._view }
  get isNormal(): boolean { return this._normal }
  get executedHeight(): number { return this.execHeight }
  get lastBlockHash(): Uint8Array { return this.headHash }
  get stableCheckpoint(): StableCheckpoint { return this.stable }
  /** For operators: who is known to be in which view change, and what this replica waits for. */
  viewChangeState(): { viewChanges: Record<string, number[]>, viewTimerArmed: boolean, buffered: number, peerHeights: Record<string, number> } {
    const viewChanges: Record<string, number[]> = {}
    for (const [v, set] of this.vcs) viewChanges[v] = [...set.keys()].sort((a, b) => a - b)
    return { viewChanges, viewTimerArmed: this.viewTimerArmed, buffered: this.buffered.length, peerHeights: Object.fromEntries(this.peerHeights) }
  }
  committed(height: number): { block: Block; cert: CommitCertificate } | undefined { return this.history.get(height) }
  /** Primary of `height` in the current view, if the seed of `height` is known here. */
  primaryOf(height: number, view = this._view): number | undefined {
    const prev = this.prevInfo(height - 1, true)
    return prev === undefined ? undefined : this.primary(prev.nextSeed, view)
  }
  /**
   * Inspection for the shell's speculative work (no state change): the VRF input of the next height
   * this replica would propose in the current view, judged from the blocks it has accepted so far
   * (the previous block only needs an accepted pre-prepare here, so the proof can be computed while
   * that block is still being prepared). Undefined if this replica is not that height's primary.
   */
  nextProposalAlpha(): Uint8Array | undefined {
    if (!this._normal) return undefined
    let h = this.execHeight + 1
    for (;;) {
      const s = this.slots.get(h)
      if (s !== undefined && (s.committed !== undefined || s.pp?.view === this._view)) h++
      else break
    }
    if (!this.inWindow(h)) return undefined
    let seed: Uint8Array | undefined
    if (h - 1 === this.execHeight) seed = this.nextSeed
    else {
      const s = this.slots.get(h - 1)
      seed = s?.committed?.block.nextSeed ?? s?.pp?.block.nextSeed
    }
    if (seed === undefined || this.primary(seed) !== this.id) return undefined
    return vrfAlpha(h, seed)
  }
  pendingCount(): number { let c = 0; for (const l of this.pending.values()) c += l.length; return c }

  /** Primary of a height whose seed is `seed`, in the current view (or `view`). */
  private primary(seed: Uint8Array, view = this._view): number {
    return primaryFor(seed, view, this.n, view === this._view ? this.activeSet() : undefined)
  }

  private activeSet(): ReadonlySet<number> | undefined {
    const nv = this.newViewMsg
    if (nv === undefined || nv.view !== this._view) return undefined
    if (this.activeOf?.nv !== nv) this.activeOf = { nv, set: new Set(nv.viewChanges.map(vc => vc.sender)) }
    return this.activeOf.set
  }

  // ---------------------------------------------------------------- step

  step(ev: Event): Action[] {
    this.out = []
    switch (ev.type) {
      case 'start': this.onStart(); break
      case 'request': this.onRequest(ev.req); break
      case 'timer': this.onTimer(ev.timer); break
      case 'message': this.onMessage(ev.from, ev.msg); break
    }
    const out = this.out
    this.out = []
    return out
  }

  private onStart(): void {
    this.out.push({ type: 'setTimer', timer: 'status', ms: this.cfg.statusInterval })
    if (!this._normal) {
      this.myVC = this.buildViewChange(this._view)
      this.storeVC(this.myVC)
      this.out.push({ type: 'broadcast', msg: this.myVC })
    }
    this.executeReady()
    this.updateViewTimer(false)
    this.tryPropose()
  }

  private onMessage(from: number, msg: Message): void {
    if (!Number.isInteger(msg.sender) || msg.sender < 0 || msg.sender >= this.n || msg.sender === this.id) return
    switch (msg.type) {
      case 'preprepare': this.onPrePrepare(msg); break
      case 'prepare': this.onPrepare(msg); break
      case 'commit': this.onCommit(msg); break
      case 'checkpoint': this.onCheckpoint(msg); break
      case 'viewchange': this.onViewChange(msg); break
      case 'newview': this.onNewView(msg); break
      case 'status': if (from === msg.sender) this.onStatus(msg); break
      case 'fetch': if (from === msg.sender) this.onFetch(msg); break
      case 'blocks': if (from === msg.sender) this.onBlocks(msg); break
      case 'snapshot': if (from === msg.sender) this.onSnapshot(msg); break
    }
  }

  // ---------------------------------------------------------------- helpers

  private slot(h: number): Slot {
    let s = this.slots.get(h)
    if (s === undefined) {
      s = { prepared: false, blocks: new Map(), prepares: new Map(), commits: new Map(), commitExt: new Map() }
      this.slots.set(h, s)
    }
    return s
  }

  private get low(): number { return this.stable.height }
  private get high(): number { return this.stable.height + this.cfg.watermarkWindow }
  private inWindow(h: number): boolean { return Number.isInteger(h) && h > this.low && h <= this.high }

  private persist(...writes: (readonly [string, unknown])[]): void {
    if (writes.length > 0) this.out.push({ type: 'persist', writes })
  }
  private metaWrite(): readonly [string, unknown] {
    return ['meta', { view: this._view, normal: this._normal, streak: this.streak } satisfies PersistedMeta]
  }
  private slotWrite(h: number): readonly [string, unknown] {
    const s = this.slots.get(h)
    if (s === undefined || (s.pp === undefined && s.cert === undefined)) return [`slot/${h}`, null]
    const pp = s.pp === undefined ? null : { view: s.pp.view, block: s.pp.block }
    return [`slot/${h}`, { pp, cert: s.cert ?? null } satisfies PersistedSlot]
  }

  private timeout(): number {
    return Math.min(this.cfg.viewTimeout * 2 ** Math.min(this.streak, 30), this.cfg.maxViewTimeout)
  }

  private hasWork(): boolean {
    if (this.pending.size > 0) return true
    for (const [h, s] of this.slots) {
      if (h > this.execHeight && (s.committed !== undefined || (s.pp !== undefined && s.pp.view === this._view))) return true
    }
    return false
  }

  /** Normal mode: (re)arm the progress timer when there is outstanding work. */
  private updateViewTimer(restart: boolean): void {
    if (!this._normal) return
    if (this.hasWork()) {
      if (!this.viewTimerArmed || restart) {
        this.viewTimerArmed = true
        this.out.push({ type: 'setTimer', timer: 'view', ms: this.timeout() })
      }
    } else if (this.viewTimerArmed) {
      this.viewTimerArmed = false
      this.out.push({ type: 'cancelTimer', timer: 'view' })
    }
  }

  /** Hash and next seed of the block at `h`, if known and final/prepared in the current view. */
  private prevInfo(h: number, anyPrepared = false): { hash: Uint8Array; nextSeed: Uint8Array } | undefined {
    if (h === this.execHeight) return { hash: this.headHash, nextSeed: this.nextSeed }
    if (h === this.stable.height) return { hash: this.stable.blockHash, nextSeed: this.stable.nextSeed }
    if (h < this.execHeight) {
      const b = this.history.get(h)
      return b === undefined ? undefined : { hash: blockHash(b.block), nextSeed: b.block.nextSeed }
    }
    const s = this.slots.get(h)
    if (s === undefined) return undefined
    if (s.committed !== undefined) return { hash: s.committed.cert.digest, nextSeed: s.committed.block.nextSeed }
    if (s.pp !== undefined && s.prepared && (s.pp.view === this._view || anyPrepared)) return { hash: s.pp.digest, nextSeed: s.pp.block.nextSeed }
    return undefined
  }

  private remember(key: string): void {
    this.verified.add(key)
  }

  private verifyVotes(votes: readonly Vote[], bytes: Uint8Array): boolean {
    if (!Array.isArray(votes) || votes.length < this.q) return false
    const seen = new Set<number>()
    for (const v of votes) {
      if (!Number.isInteger(v.replica) || v.replica < 0 || v.replica >= this.n || seen.has(v.replica)) return false
      seen.add(v.replica)
      if (!this.crypto.verify(v.replica, bytes, v.sig)) return false
    }
    return true
  }

  private verifyCommitCert(c: CommitCertificate): boolean {
    const key = `cc|${c.view}|${c.height}|${hex(c.digest)}|${c.votes.map(v => v.replica + ':' + hex(v.sig)).join(',')}`
    if (this.verified.has(key)) return true
    if (!this.verifyVotes(c.votes, commitBytes(c.view, c.height, c.digest))) return false
    this.remember(key)
    return true
  }

  private verifyBlockBody(b: Block): boolean {
    return Array.isArray(b.requests) && bytesEqual(b.root, b.requests.length === 0 ? this.emptyRoot : this.app.digest(b.requests))
  }

  private verifyPreparedCert(c: PreparedCertificate): boolean {
    if (c.block.height !== c.height) return false
    const d = blockHash(c.block)
    const key = `pc|${c.view}|${c.height}|${hex(d)}|${c.votes.map(v => v.replica + ':' + hex(v.sig)).join(',')}`
    if (this.verified.has(key)) return true
    if (!this.verifyBlockBody(c.block)) return false
    if (!this.verifyVotes(c.votes, prepareBytes(c.view, c.height, d))) return false
    this.remember(key)
    return true
  }

  private verifyCheckpoint(c: StableCheckpoint): boolean {
    if (c.height === 0) return bytesEqual(c.blockHash, this.cfg.genesisHash) && bytesEqual(c.nextSeed, this.cfg.genesisSeed)
    if (!Number.isInteger(c.height) || c.height < 0 || c.height % this.cfg.checkpointInterval !== 0) return false
    const key = `ck|${c.height}|${hex(c.blockHash)}|${hex(c.nextSeed)}|${hex(c.stateDigest)}`
    if (this.verified.has(key)) return true
    if (!Array.isArray(c.proof) || c.proof.length < this.q) return false
    const seen = new Set<number>()
    const bytes = checkpointBytes(c.height, c.blockHash, c.nextSeed, c.stateDigest)
    for (const m of c.proof) {
      if (m.height !== c.height || !bytesEqual(m.blockHash, c.blockHash) || !bytesEqual(m.nextSeed, c.nextSeed) ||
        !bytesEqual(m.stateDigest, c.stateDigest)) return false
      if (!Number.isInteger(m.sender) || m.sender < 0 || m.sender >= this.n || seen.has(m.sender)) return false
      seen.add(m.sender)
      if (!this.crypto.verify(m.sender, bytes, m.sig)) return false
    }
    this.remember(key)
    return true
  }

  private exportExec(): ExecState {
    const clients = [...this.clients.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    return { height: this.execHeight, headHash: this.headHash, nextSeed: this.nextSeed, clients }
  }

  // ---------------------------------------------------------------- requests

  private onRequest(req: ClientRequest): void {
    if (typeof req.client !== 'string' || !Number.isSafeInteger(req.epoch) || !Number.isSafeInteger(req.counter)) return
    const last = this.clients.get(req.client)
    if (last !== undefined) {
      const c = compareId(req, last)
      if (c === 0) {
        this.out.push({ type: 'reply', reply: { client: req.client, epoch: last.epoch, counter: last.counter, height: last.height, result: last.result, replica: this.id } })
        return
      }
      if (c < 0) return
    }
    let list = this.pending.get(req.client)
    const k = requestKey(req)
    if (list !== undefined && list.some(r => requestKey(r) === k)) return
    if (!this.app.verifyRequest(req)) return
    if (list === undefined) { list = []; this.pending.set(req.client, list) }
    list.push(req)
    list.sort(compareId)
    if (list.length > 16) list.shift()
    this.updateViewTimer(false)
    this.tryPropose()
  }

  private dropExecutedPending(client: string): void {
    const last = this.clients.get(client)
    const list = this.pending.get(client)
    if (last === undefined || list === undefined) return
    const keep = list.filter(r => compareId(r, last) > 0)
    if (keep.length === 0) this.pending.delete(client)
    else this.pending.set(client, keep)
  }

  // ---------------------------------------------------------------- timers

  private onTimer(t: 'view' | 'batch' | 'status'): void {
    if (t === 'status') {
      this.out.push({ type: 'setTimer', timer: 'status', ms: this.cfg.statusInterval })
      this.ticks++
      if (this.fetchInFlight && this.ticks - this.fetchSentAt >= FETCH_TIMEOUT_TICKS) this.fetchInFlight = false
      const st: StatusMsg = { type: 'status', view: this._view, normal: this._normal, height: this.execHeight, sender: this.id }
      this.out.push({ type: 'broadcast', msg: st })
      if (!this._normal && this.myVC !== undefined && this.ticks - this.vcSentAt >= RETRANSMIT_TICKS) {
        this.vcSentAt = this.ticks
        this.out.push({ type: 'broadcast', msg: this.myVC })
      }
      if (this.myLastCkpt !== undefined && this.myLastCkpt.height > this.stable.height && this.ticks % RETRANSMIT_TICKS === 0) this.out.push({ type: 'broadcast', msg: this.myLastCkpt })
      this.requestCatchUp()
    } else if (t === 'batch') {
      this.batchTimerArmed = false
      this.batchDue = true
      this.tryPropose()
      this.batchDue = false
    } else {
      this.viewTimerArmed = false
      if (this._normal) {
        if (this.hasWork()) this.startViewChange(this._view + 1)
      } else {
        this.startViewChange(this._view + 1)
      }
    }
  }

  // ---------------------------------------------------------------- normal case

  private tryPropose(): void {
    if (!this._normal) return
    let h = this.execHeight + 1
    for (;;) {
      const s = this.slots.get(h)
      if (s !== undefined && (s.committed !== undefined || s.pp?.view === this._view)) h++
      else break
    }
    if (!this.inWindow(h)) return
    const prev = this.prevInfo(h - 1)
    if (prev === undefined) return
    if (this.primary(prev.nextSeed) !== this.id) return
    const inFlight = new Set<string>()
    for (const [sh, s] of this.slots) {
      if (sh <= this.execHeight) continue
      const b = s.committed?.block ?? (s.pp?.view === this._view ? s.pp.block : undefined)
      if (b !== undefined) for (const r of b.requests) inFlight.add(requestKey(r))
    }
    const batch: ClientRequest[] = []
    outer: for (const list of this.pending.values()) {
      for (const r of list) {
        if (inFlight.has(requestKey(r))) continue
        batch.push(r)
        if (batch.length >= this.cfg.maxBatch) break outer
      }
    }
    if (batch.length === 0) return
    if (this.cfg.batchDelay > 0 && batch.length < this.cfg.maxBatch && !this.batchDue) {
      if (!this.batchTimerArmed) {
        this.batchTimerArmed = true
        this.out.push({ type: 'setTimer', timer: 'batch', ms: this.cfg.batchDelay })
      }
      return
    }
    const { proof, output } = this.crypto.vrfProve(vrfAlpha(h, prev.nextSeed))
    const root = this.app.digest(batch)
    let app: Uint8Array | undefined
    if (this.app.propose !== undefined) {
      const a = this.app.propose({ height: h, view: this._view, prevHash: prev.hash, prevSeed: prev.nextSeed, proposer: this.id, vrfProof: proof, nextSeed: output, root, requests: batch })
      if (a === null) return
      app = a
    }
    const block: Block = app === undefined
      ? { height: h, prevHash: prev.hash, proposer: this.id, vrfProof: proof, nextSeed: output, root, requests: batch }
      : { height: h, prevHash: prev.hash, proposer: this.id, vrfProof: proof, nextSeed: output, root, requests: batch, app }
    const digest = blockHash(block)
    const dkey = hex(digest)
    const s = this.slot(h)
    s.pp = { view: this._view, block, digest, dkey }
    s.prepared = false
    s.blocks.set(dkey, block)
    this.persist(this.slotWrite(h))
    const msg: PrePrepareMsg = { type: 'preprepare', view: this._view, height: h, digest, block, sender: this.id, sig: this.crypto.sign(prePrepareBytes(this._view, h, digest)) }
    this.out.push({ type: 'broadcast', msg })
    this.sendPrepare(h)
    this.updateViewTimer(false)
  }

  private buffer(m: Message): void {
    if (!('view' in m) || m.view > this._view + this.n) return
    if (this.buffered.length < this.cfg.maxBuffered) this.buffered.push(m)
  }

  private onPrePrepare(m: PrePrepareMsg): void {
    if (m.view > this._view || (m.view === this._view && !this._normal)) { this.buffer(m); return }
    if (m.view < this._view || m.height <= this.execHeight || !this.inWindow(m.height)) return
    if (this.slots.get(m.height)?.pp?.view === this._view) return
    let list = this.candidates.get(m.height)
    if (list?.some(x => x.sender === m.sender) === true) return
    if (m.block === null || typeof m.block !== 'object' || m.block.height !== m.height) return
    if (!bytesEqual(blockHash(m.block), m.digest)) return
    if (!this.crypto.verify(m.sender, prePrepareBytes(m.view, m.height, m.digest), m.sig)) return
    if (!this.verifyBlockBody(m.block)) return
    if (list === undefined) { list = []; this.candidates.set(m.height, list) }
    list.push(m)
    // the body is known now: a commit certificate for it can complete even before we accept it
    const s = this.slot(m.height)
    s.blocks.set(hex(m.digest), m.block)
    this.checkCommitted(m.height)
    this.tryAcceptCandidate(m.height)
  }

  private tryAcceptCandidate(h: number): void {
    const list = this.candidates.get(h)
    if (list === undefined) return
    if (!this._normal || h <= this.execHeight || !this.inWindow(h) || this.slots.get(h)?.pp?.view === this._view) { this.candidates.delete(h); return }
    const prev = this.prevInfo(h - 1)
    if (prev === undefined) return
    this.candidates.delete(h)
    const primary = this.primary(prev.nextSeed)
    const m = list.find(x => x.sender === primary && x.view === this._view)
    if (m === undefined) return
    const b = m.block
    if (b.proposer !== m.sender || !bytesEqual(b.prevHash, prev.hash)) return
    if (!Array.isArray(b.requests) || b.requests.length === 0 || b.requests.length > this.cfg.maxBatch) return
    const keys = new Set<string>()
    for (const r of b.requests) {
      const k = requestKey(r)
      if (keys.has(k)) return
      keys.add(k)
    }
    for (const r of b.requests) if (!this.app.verifyRequest(r)) return
    const out = this.crypto.vrfVerify(m.sender, vrfAlpha(h, prev.nextSeed), b.vrfProof)
    if (out === null || !bytesEqual(out, b.nextSeed)) return
    const verdict = this.app.validateProposal(h, b.prevHash, b.requests, b)
    if (verdict === 'defer') { this.candidates.set(h, list); return }
    if (verdict !== true) return
    const s = this.slot(h)
    s.pp = { view: this._view, block: b, digest: m.digest, dkey: hex(m.digest) }
    s.prepared = false
    s.blocks.set(s.pp.dkey, b)
    this.persist(this.slotWrite(h))
    this.sendPrepare(h)
    this.updateViewTimer(false)
  }

  private sendPrepare(h: number): void {
    const s = this.slot(h)
    const pp = s.pp!
    const sig = this.crypto.sign(prepareBytes(pp.view, h, pp.digest))
    this.addVote(s.prepares, `${pp.view}|${pp.dkey}`, this.id, sig)
    this.out.push({ type: 'broadcast', msg: { type: 'prepare', view: pp.view, height: h, digest: pp.digest, sender: this.id, sig } })
    this.checkPrepared(h)
  }

  private addVote(map: Map<string, Map<number, Uint8Array>>, key: string, replica: number, sig: Uint8Array): boolean {
    let m = map.get(key)
    if (m === undefined) { m = new Map(); map.set(key, m) }
    if (m.has(replica)) return false
    m.set(replica, sig)
    return true
  }

  private onPrepare(m: PrepareMsg): void {
    if (m.view > this._view || (m.view === this._view && !this._normal)) { this.buffer(m); return }
    if (m.view < this._view || !this.inWindow(m.height) || !(m.digest instanceof Uint8Array)) return
    const key = `${m.view}|${hex(m.digest)}`
    const s = this.slot(m.height)
    if (s.prepares.get(key)?.has(m.sender) === true) return
    // prepared in this view already: votes beyond the quorum change nothing (and cost a verification)
    if (s.prepared && s.pp?.view === m.view && s.pp.dkey === key.slice(key.indexOf('|') + 1)) return
    if (!this.crypto.verify(m.sender, prepareBytes(m.view, m.height, m.digest), m.sig)) return
    this.addVote(s.prepares, key, m.sender, m.sig)
    this.checkPrepared(m.height)
  }

  private checkPrepared(h: number): void {
    const s = this.slots.get(h)
    if (s?.pp === undefined || s.prepared || s.pp.view !== this._view || !this._normal) return
    const votes = s.prepares.get(`${s.pp.view}|${s.pp.dkey}`)
    if (votes === undefined || votes.size < this.q) return
    s.prepared = true
    const vs: Vote[] = [...votes.entries()].sort((a, b) => a[0] - b[0]).slice(0, this.q).map(([replica, sig]) => ({ replica, sig }))
    s.cert = { view: s.pp.view, height: h, block: s.pp.block, votes: vs }
    this.persist(this.slotWrite(h))
    // the next height to execute is prepared: progress (on a slow machine a block can take longer
    // than one timeout; a view change then only makes things slower). Once per height, so a faulty
    // primary gains at most one timeout per height it proposes.
    if (h === this.execHeight + 1) this.updateViewTimer(true)
    const sig = this.crypto.sign(commitBytes(s.pp.view, h, s.pp.digest))
    this.addVote(s.commits, `${s.pp.view}|${s.pp.dkey}`, this.id, sig)
    const ext = this.crypto.commitExt?.(s.pp.block)
    if (ext !== undefined) this.addExt(s, this.id, ext)
    const cm: CommitMsg = ext === undefined
      ? { type: 'commit', view: s.pp.view, height: h, digest: s.pp.digest, sender: this.id, sig }
      : { type: 'commit', view: s.pp.view, height: h, digest: s.pp.digest, sender: this.id, sig, ext }
    this.out.push({ type: 'broadcast', msg: cm })
    this.checkCommitted(h)
    this.tryAcceptCandidate(h + 1)
    this.tryPropose()
  }

  private onCommit(m: CommitMsg): void {
    if (m.view > this._view) { this.buffer(m); return }
    if (m.height <= this.execHeight || !this.inWindow(m.height) || !(m.digest instanceof Uint8Array)) return
    const key = `${m.view}|${hex(m.digest)}`
    const s = this.slot(m.height)
    if (s.committed !== undefined || s.commits.get(key)?.has(m.sender) === true) return
    if (!this.crypto.verify(m.sender, commitBytes(m.view, m.height, m.digest), m.sig)) return
    this.addVote(s.commits, key, m.sender, m.sig)
    if (m.ext instanceof Uint8Array) this.addExt(s, m.sender, m.ext)
    this.checkCommitted(m.height)
  }

  private addExt(s: Slot, replica: number, ext: Uint8Array): void {
    const l = s.commitExt.get(replica)
    if (l === undefined) s.commitExt.set(replica, [ext])
    else if (l.length < 4 && !l.some(x => bytesEqual(x, ext))) l.push(ext)
  }

  /** The sender's valid application commit signature for `block`, if the app uses them (undefined: none valid). */
  private validExt(s: Slot, replica: number, block: Block): Uint8Array | undefined {
    for (const e of s.commitExt.get(replica) ?? []) if (this.crypto.verifyCommitExt!(replica, block, e)) return e
    return undefined
  }

  private checkCommitted(h: number): void {
    const s = this.slots.get(h)
    if (s === undefined || s.committed !== undefined) return
    for (const [key, votes] of s.commits) {
      if (votes.size < this.q) continue
      const bar = key.indexOf('|')
      const block = s.blocks.get(key.slice(bar + 1))
      if (block === undefined) continue
      const view = Number(key.slice(0, bar))
      let vs: Vote[]
      if (this.crypto.verifyCommitExt !== undefined) {
        vs = []
        for (const [replica, sig] of [...votes.entries()].sort((a, b) => a[0] - b[0])) {
          const ext = this.validExt(s, replica, block)
          if (ext !== undefined) vs.push({ replica, sig, ext })
          if (vs.length === this.q) break
        }
        if (vs.length < this.q) continue
      } else {
        vs = [...votes.entries()].sort((a, b) => a[0] - b[0]).slice(0, this.q).map(([replica, sig]) => ({ replica, sig }))
      }
      s.committed = { block, cert: { height: h, view, digest: blockHash(block), votes: vs } }
      this.executeReady()
      return
    }
  }

  // ---------------------------------------------------------------- execution

  private executeReady(): void {
    const before = this.execHeight
    for (;;) {
      const s = this.slots.get(this.execHeight + 1)
      if (s?.committed === undefined) break
      if (!bytesEqual(s.committed.block.prevHash, this.headHash)) {
        throw new Error(`pbft invariant: committed block ${this.execHeight + 1} does not extend the executed chain at replica ${this.id}`)
      }
      this.applyBlock(s.committed.block, s.committed.cert)
    }
    if (this.execHeight > before) this.afterProgress()
  }

  private afterProgress(): void {
    for (const h of this.candidates.keys()) if (h <= this.execHeight) this.candidates.delete(h)
    this.updateViewTimer(true)
    this.tryAcceptCandidate(this.execHeight + 1)
    this.tryPropose()
  }

  private applyBlock(block: Block, cert: CommitCertificate): void {
    const h = block.height
    const applied: ClientRequest[] = []
    const lastOf = new Map<string, { epoch: number; counter: number }>()
    for (const r of block.requests) {
      const last = lastOf.get(r.client) ?? this.clients.get(r.client)
      if (last === undefined || compareId(r, last) > 0) {
        applied.push(r)
        lastOf.set(r.client, r)
      }
    }
    const digest = cert.digest
    const results = this.app.execute(h, digest, applied, block)
    const writes: (readonly [string, unknown])[] = []
    for (let i = 0; i < applied.length; i++) {
      const r = applied[i]
      const rec: ClientRecord = { epoch: r.epoch, counter: r.counter, height: h, result: results[i] ?? EMPTY }
      this.clients.set(r.client, rec)
    }
    for (const c of lastOf.keys()) writes.push([`client/${c}`, this.clients.get(c)])
    this.execHeight = h
    this.headHash = digest
    this.nextSeed = block.nextSeed
    this.keepCommitted({ block, cert })
    // The doubled view timeout comes down one step per STREAK_DECAY_COMMITS commits, not at the
    // first commit: an overloaded primary that needs 2 s per block would otherwise get 1 s again
    // after each one, and the validators changed view after every block (seen with 50 terminals
    // joining at once on 2 cores: views 1-8 in 90 s, one block each).
    if (this.streak > 0 && ++this.commitsSinceStreak >= STREAK_DECAY_COMMITS) {
      this.streak--
      this.commitsSinceStreak = 0
    }
    this.out.push({ type: 'commit', block, cert, applied, results })
    writes.push(['exec', { height: h, headHash: digest, nextSeed: block.nextSeed } satisfies PersistedExec])
    writes.push([`blk/${h}`, { block, cert }])
    this.persist(...writes)
    for (let i = 0; i < applied.length; i++) {
      const r = applied[i]
      this.out.push({ type: 'reply', reply: { client: r.client, epoch: r.epoch, counter: r.counter, height: h, result: results[i] ?? EMPTY, replica: this.id } })
    }
    for (const c of new Set(block.requests.map(r => r.client))) this.dropExecutedPending(c)
    if (h % this.cfg.checkpointInterval === 0) this.makeCheckpoint()
  }

  // ---------------------------------------------------------------- committed history

  private keepCommitted(b: { block: Block; cert: CommitCertificate }): void {
    const old = this.history.get(b.block.height)
    if (old !== undefined) this.historyBytes -= blockBytes(old.block)
    this.history.set(b.block.height, b)
    this.historyBytes += blockBytes(b.block)
  }

  /**
   * Drops the committed blocks no lagging peer is served from any more, returns their heights:
   * those more than historyRetention below the stable checkpoint `stableHeight`, then the oldest
   * while the history is over its byte budget. The window of one checkpoint interval below the
   * stable checkpoint, and everything above it, is always kept.
   */
  private pruneHistory(stableHeight: number): number[] {
    const floor = stableHeight - this.cfg.checkpointInterval
    const keepFrom = stableHeight - Math.max(this.cfg.checkpointInterval, this.cfg.historyRetention ?? 0)
    const budget = this.cfg.historyMaxBytes ?? HISTORY_MAX_BYTES
    const dropped: number[] = []
    for (const h of [...this.history.keys()].sort((a, b) => a - b)) {
      if (h > floor || (h > keepFrom && this.historyBytes <= budget)) break
      this.historyBytes -= blockBytes(this.history.get(h)!.block)
      this.history.delete(h)
      dropped.push(h)
    }
    return dropped
  }

  // ---------------------------------------------------------------- checkpoints

  private makeCheckpoint(): void {
    const exec = this.exportExec()
    const sd = stateDigest(exec, this.app.stateDigest())
    const h = exec.height
    this.ckptStates.set(h, { exec, app: this.app.snapshot() })
    const msg: CheckpointMsg = {
      type: 'checkpoint', height: h, blockHash: this.headHash, nextSeed: this.nextSeed, stateDigest: sd, sender: this.id,
      sig: this.crypto.sign(checkpointBytes(h, this.headHash, this.nextSeed, sd)),
    }
    this.myLastCkpt = msg
    if (h <= this.stable.height) return
    let votes = this.ckptVotes.get(h)
    if (votes === undefined) { votes = new Map(); this.ckptVotes.set(h, votes) }
    votes.set(this.id, msg)
    this.out.push({ type: 'broadcast', msg })
    this.checkStable(h)
  }

  private onCheckpoint(m: CheckpointMsg): void {
    const h = m.height
    if (!Number.isInteger(h) || h <= this.stable.height || h % this.cfg.checkpointInterval !== 0) return
    if (h > this.execHeight + 4 * this.cfg.watermarkWindow) return
    let votes = this.ckptVotes.get(h)
    if (votes?.has(m.sender) === true) return
    if (!this.crypto.verify(m.sender, checkpointBytes(h, m.blockHash, m.nextSeed, m.stateDigest), m.sig)) return
    if (votes === undefined) { votes = new Map(); this.ckptVotes.set(h, votes) }
    votes.set(m.sender, m)
    if ((this.peerHeights.get(m.sender) ?? 0) < h) this.peerHeights.set(m.sender, h)
    this.checkStable(h)
  }

  private checkStable(h: number): void {
    const votes = this.ckptVotes.get(h)
    if (votes === undefined || votes.size < this.q) return
    const groups = new Map<string, CheckpointMsg[]>()
    for (const m of votes.values()) {
      const k = `${hex(m.blockHash)}|${hex(m.nextSeed)}|${hex(m.stateDigest)}`
      const g = groups.get(k)
      if (g === undefined) groups.set(k, [m]); else g.push(m)
    }
    for (const g of groups.values()) {
      if (g.length < this.q) continue
      const proof = [...g].sort((a, b) => a.sender - b.sender).slice(0, this.q)
      this.adoptStable({ height: h, blockHash: g[0].blockHash, nextSeed: g[0].nextSeed, stateDigest: g[0].stateDigest, proof })
      return
    }
  }

  private adoptStable(c: StableCheckpoint): void {
    if (c.height <= this.stable.height) return
    this.stable = c
    const writes: (readonly [string, unknown])[] = [['ckpt', c]]
    for (const h of [...this.slots.keys()]) {
      if (h <= c.height) {
        if (this.slots.get(h)!.pp !== undefined) writes.push([`slot/${h}`, null])
        this.slots.delete(h)
      }
    }
    for (const h of this.pruneHistory(c.height)) writes.push([`blk/${h}`, null])
    for (const h of [...this.ckptStates.keys()]) if (h < c.height) this.ckptStates.delete(h)
    for (const h of [...this.ckptVotes.keys()]) if (h <= c.height) this.ckptVotes.delete(h)
    for (const h of [...this.candidates.keys()]) if (h <= c.height) this.candidates.delete(h)
    this.persist(...writes)
    if (this.execHeight < c.height) this.requestCatchUp()
    this.tryAcceptCandidate(this.execHeight + 1)
    this.tryPropose()
  }

  // ---------------------------------------------------------------- view change

  private buildViewChange(v: number): ViewChangeMsg {
    const prepared: PreparedCertificate[] = []
    for (const h of [...this.slots.keys()].sort((a, b) => a - b)) {
      const c = this.slots.get(h)!.cert
      if (h > this.stable.height && c !== undefined) prepared.push(c)
    }
    const sig = this.crypto.sign(viewChangeBytes(v, this.stable.height, this.stable.stateDigest, prepared))
    return { type: 'viewchange', view: v, checkpoint: this.stable, prepared, sender: this.id, sig }
  }

  private storeVC(m: ViewChangeMsg): void {
    let m2 = this.vcs.get(m.view)
    if (m2 === undefined) { m2 = new Map(); this.vcs.set(m.view, m2) }
    m2.set(m.sender, m)
  }

  private startViewChange(v: number): void {
    if (v <= this._view && !this._normal) return
    if (v < this._view) return
    this._view = v
    this._normal = false
    this.streak++
    this.commitsSinceStreak = 0
    this.candidates.clear()
    this.newViewMsg = undefined
    if (this.batchTimerArmed) { this.batchTimerArmed = false; this.out.push({ type: 'cancelTimer', timer: 'batch' }) }
    if (this.viewTimerArmed) { this.viewTimerArmed = false; this.out.push({ type: 'cancelTimer', timer: 'view' }) }
    for (const k of [...this.vcs.keys()]) if (k < v) this.vcs.delete(k)
    this.persist(this.metaWrite(), ['nv', null])
    this.myVC = this.buildViewChange(v)
    this.storeVC(this.myVC)
    this.vcSentAt = this.ticks
    this.out.push({ type: 'broadcast', msg: this.myVC })
    this.afterVCStored()
  }

  /**
   * In view-change mode the timer runs only once 2f+1 replicas are known to be in this view change
   * or a later one (a VIEW-CHANGE for a higher view counts: its sender has left this view too; this
   * matters after a restart, when the VIEW-CHANGEs collected before the crash are gone).
   */
  private afterVCStored(): void {
    if (this._normal) return
    const senders = new Set<number>()
    for (const [v, set] of this.vcs) if (v >= this._view) for (const s of set.keys()) senders.add(s)
    if (senders.size < this.q) return
    if (!this.viewTimerArmed) {
      this.viewTimerArmed = true
      this.out.push({ type: 'setTimer', timer: 'view', ms: this.timeout() })
    }
    this.maybeSendNewView()
  }

  private verifyViewChange(m: ViewChangeMsg): boolean {
    if (!Number.isInteger(m.view) || m.view < 1 || m.checkpoint === null || typeof m.checkpoint !== 'object' || !Array.isArray(m.prepared)) return false
    if (!this.crypto.verify(m.sender, viewChangeBytes(m.view, m.checkpoint.height, m.checkpoint.stateDigest, m.prepared), m.sig)) return false
    if (!this.verifyCheckpoint(m.checkpoint)) return false
    const seen = new Set<number>()
    for (const c of m.prepared) {
      if (!Number.isInteger(c.height) || c.height <= m.checkpoint.height || c.height > m.checkpoint.height + this.cfg.watermarkWindow) return false
      if (seen.has(c.height) || !Number.isInteger(c.view) || c.view >= m.view || c.view < 0) return false
      seen.add(c.height)
      if (!this.verifyPreparedCert(c)) return false
    }
    return true
  }

  private onViewChange(m: ViewChangeMsg): void {
    if (!Number.isInteger(m.view) || m.view < this._view || m.view > this._view + MAX_VIEW_JUMP) return
    if (m.view === this._view && this._normal) {
      // a lagging replica asks for the view we are already in: help it with our NEW-VIEW
      if (this.newViewMsg !== undefined) this.help(m.sender, this.newViewMsg)
      return
    }
    if (this.vcs.get(m.view)?.has(m.sender) === true) return
    if (!this.verifyViewChange(m)) return
    this.storeVC(m)
    // join rule: f+1 replicas want a view above ours
    const maxBySender = new Map<number, number>()
    for (const [v, set] of this.vcs) {
      if (v <= this._view) continue
      for (const s of set.keys()) if (s !== this.id) maxBySender.set(s, Math.max(maxBySender.get(s) ?? 0, v))
    }
    if (maxBySender.size >= this.f + 1) {
      const target = Math.min(...maxBySender.values())
      this.startViewChange(target)
      return
    }
    this.afterVCStored()
  }

  private computeO(vcs: readonly ViewChangeMsg[]): { ckpt: StableCheckpoint; blocks: Block[] } {
    let ck = vcs[0].checkpoint
    for (const vc of vcs) if (vc.checkpoint.height > ck.height) ck = vc.checkpoint
    const best = new Map<number, PreparedCertificate>()
    let maxS = ck.height
    for (const vc of vcs) {
      for (const c of vc.prepared) {
        if (c.height <= ck.height) continue
        const b = best.get(c.height)
        if (b === undefined || c.view > b.view) best.set(c.height, c)
        if (c.height > maxS) maxS = c.height
      }
    }
    const blocks: Block[] = []
    let prevHash = ck.blockHash
    let seed = ck.nextSeed
    for (let h = ck.height + 1; h <= maxS; h++) {
      const c = best.get(h)
      const b: Block = c !== undefined && bytesEqual(c.block.prevHash, prevHash)
        ? c.block
        : { height: h, prevHash, proposer: -1, vrfProof: EMPTY, nextSeed: nullSeed(seed), root: this.emptyRoot, requests: [] }
      blocks.push(b)
      prevHash = blockHash(b)
      seed = b.nextSeed
    }
    return { ckpt: ck, blocks }
  }

  private vcRef(vc: ViewChangeMsg): Uint8Array { return hash(encode('vcref', vc.sender, vc.sig)) }

  private maybeSendNewView(): void {
    const v = this._view
    if (this._normal || newViewLeader(v, this.n) !== this.id) return
    const set = this.vcs.get(v)
    if (set === undefined || set.size < this.q || !set.has(this.id)) return
    const chosen = [set.get(this.id)!, ...[...set.values()].filter(x => x.sender !== this.id).sort((a, b) => a.sender - b.sender)].slice(0, this.q)
    const o = this.computeO(chosen)
    const digests = o.blocks.map(blockHash)
    const msg: NewViewMsg = {
      type: 'newview', view: v, viewChanges: chosen, digests, sender: this.id,
      sig: this.crypto.sign(newViewBytes(v, chosen.map(x => this.vcRef(x)), digests)),
    }
    this.enterNewView(msg, o)
  }

  private onNewView(m: NewViewMsg): void {
    if (!Number.isInteger(m.view) || m.view < this._view || (m.view === this._view && this._normal)) return
    if (m.sender !== newViewLeader(m.view, this.n)) return
    if (!Array.isArray(m.viewChanges) || m.viewChanges.length !== this.q || !Array.isArray(m.digests)) return
    if (!this.crypto.verify(m.sender, newViewBytes(m.view, m.viewChanges.map(x => this.vcRef(x)), m.digests), m.sig)) return
    const senders = new Set<number>()
    for (const vc of m.viewChanges) {
      if (vc.view !== m.view || !Number.isInteger(vc.sender) || vc.sender < 0 || vc.sender >= this.n || senders.has(vc.sender)) return
      senders.add(vc.sender)
      if (!this.verifyViewChange(vc)) return
    }
    const o = this.computeO(m.viewChanges)
    if (o.blocks.length !== m.digests.length) return
    for (let i = 0; i < o.blocks.length; i++) if (!bytesEqual(blockHash(o.blocks[i]), m.digests[i])) return
    this.enterNewView(m, o)
  }

  private enterNewView(m: NewViewMsg, o: { ckpt: StableCheckpoint; blocks: Block[] }): void {
    const v = m.view
    if (this.viewTimerArmed) { this.viewTimerArmed = false; this.out.push({ type: 'cancelTimer', timer: 'view' }) }
    this._view = v
    this._normal = true
    this.newViewMsg = m
    this.myVC = undefined
    this.candidates.clear()
    for (const k of [...this.vcs.keys()]) if (k <= v) this.vcs.delete(k)
    this.persist(this.metaWrite(), ['nv', m])
    if (o.ckpt.height > this.stable.height) this.adoptStable(o.ckpt)
    const writes: (readonly [string, unknown])[] = []
    const toPrepare: number[] = []
    const maxS = o.blocks.length > 0 ? o.blocks[o.blocks.length - 1].height : o.ckpt.height
    for (const b of o.blocks) {
      const h = b.height
      if (h <= this.stable.height) continue
      const digest = blockHash(b)
      const dkey = hex(digest)
      if (h <= this.execHeight) {
        const mine = this.history.get(h)
        if (mine !== undefined && !bytesEqual(blockHash(mine.block), digest)) continue // cannot happen with <= f faulty
      }
      const s = this.slot(h)
      s.pp = { view: v, block: b, digest, dkey }
      s.prepared = false
      s.blocks.set(dkey, b)
      writes.push(this.slotWrite(h))
      toPrepare.push(h)
    }
    // pre-prepares of older views above maxS are void in the new view (certificates are kept)
    for (const [h, s] of this.slots) {
      if (h > maxS && s.pp !== undefined && s.pp.view < v) {
        s.pp = undefined
        s.prepared = false
        writes.push(this.slotWrite(h))
      }
    }
    this.persist(...writes)
    if (m.sender === this.id) this.out.push({ type: 'broadcast', msg: m })
    for (const h of toPrepare) this.sendPrepare(h)
    const buf = this.buffered
    this.buffered = []
    for (const x of buf) {
      if ('view' in x && typeof x.view === 'number' && x.view > v) this.buffered.push(x)
      else if ('view' in x && x.view === v) this.onMessage(x.sender, x)
    }
    if (this.execHeight < o.ckpt.height) this.requestCatchUp()
    this.executeReady()
    this.updateViewTimer(true)
    this.tryPropose()
  }

  // ---------------------------------------------------------------- catch-up

  private onStatus(m: StatusMsg): void {
    if (!Number.isInteger(m.height) || !Number.isInteger(m.view)) return
    this.peerHeights.set(m.sender, m.height)
    if (m.view < this._view) {
      if (this._normal && this.newViewMsg !== undefined) this.help(m.sender, this.newViewMsg)
      else if (!this._normal && this.myVC !== undefined) this.help(m.sender, this.myVC)
    } else if (m.view === this._view && !m.normal && this._normal && this.newViewMsg !== undefined) {
      this.help(m.sender, this.newViewMsg)
    }
    if (m.height > this.execHeight) this.requestCatchUp()
  }

  /** Sends a peer that is behind our view what moves it on, at most once per RETRANSMIT_TICKS. */
  private help(peer: number, msg: NewViewMsg | ViewChangeMsg): void {
    const last = this.helpedAt.get(peer)
    if (last !== undefined && this.ticks - last < RETRANSMIT_TICKS) return
    this.helpedAt.set(peer, this.ticks)
    this.out.push({ type: 'send', to: peer, msg })
  }

  private requestCatchUp(): void {
    if (this.fetchInFlight) return
    const ahead = [...this.peerHeights.entries()].filter(([, h]) => h > this.execHeight).map(([p]) => p).sort((a, b) => a - b)
    if (ahead.length === 0) return
    const to = ahead[this.fetchRotor++ % ahead.length]
    this.fetchInFlight = true
    this.fetchSentAt = this.ticks
    this.fetchPeer = to
    const msg: FetchMsg = { type: 'fetch', from: this.execHeight + 1, sender: this.id }
    this.out.push({ type: 'send', to, msg })
  }

  private onFetch(m: FetchMsg): void {
    if (!Number.isInteger(m.from) || m.from < 1 || m.from > this.execHeight) return
    if (this.history.has(m.from)) {
      const blocks: { block: Block; cert: CommitCertificate }[] = []
      const budget = this.cfg.fetchMaxBytes ?? FETCH_MAX_BYTES
      let bytes = 0
      for (let h = m.from; h <= this.execHeight && blocks.length < this.cfg.fetchBatch; h++) {
        const b = this.history.get(h)
        if (b === undefined) break
        bytes += blockBytes(b.block)
        if (blocks.length > 0 && bytes > budget) break
        blocks.push(b)
      }
      const msg: BlocksMsg = { type: 'blocks', blocks, sender: this.id }
      this.out.push({ type: 'send', to: m.sender, msg })
      return
    }
    const st = this.ckptStates.get(this.stable.height)
    if (st !== undefined && m.from <= this.stable.height) {
      const msg: SnapshotMsg = { type: 'snapshot', checkpoint: this.stable, exec: st.exec, app: st.app, sender: this.id }
      this.out.push({ type: 'send', to: m.sender, msg })
    }
  }

  private onBlocks(m: BlocksMsg): void {
    if (!Array.isArray(m.blocks)) return
    if (m.sender === this.fetchPeer) this.fetchInFlight = false
    const before = this.execHeight
    for (const { block, cert } of m.blocks) {
      const h = block?.height
      if (h <= this.execHeight) continue
      if (h !== this.execHeight + 1 || cert === null || typeof cert !== 'object' || cert.height !== h) break
      const d = blockHash(block)
      if (!bytesEqual(cert.digest, d) || !bytesEqual(block.prevHash, this.headHash) || !this.verifyBlockBody(block)) break
      if (!this.verifyCommitCert(cert)) break
      if (this.crypto.verifyCommitExt !== undefined && !cert.votes.every((v: Vote) => v.ext instanceof Uint8Array && this.crypto.verifyCommitExt!(v.replica, block, v.ext))) break
      const s = this.slots.get(h)
      if (s !== undefined) s.committed = { block, cert }
      this.applyBlock(block, cert)
    }
    this.executeReady()
    if (this.execHeight > before) this.afterProgress()
    // the next batch, from whichever peer is ahead (the sender's STATUS may be older than its reply)
    if (this.execHeight > before) this.requestCatchUp()
  }

  private onSnapshot(m: SnapshotMsg): void {
    if (m.sender === this.fetchPeer) this.fetchInFlight = false
    const c = m.checkpoint
    if (c === null || typeof c !== 'object' || !Number.isInteger(c.height) || c.height <= this.execHeight || c.height === 0) return
    if (!this.verifyCheckpoint(c)) return
    const ex = m.exec
    if (ex.height !== c.height || !bytesEqual(ex.headHash, c.blockHash) || !bytesEqual(ex.nextSeed, c.nextSeed) || !Array.isArray(ex.clients)) return
    for (let i = 1; i < ex.clients.length; i++) if (!(ex.clients[i - 1][0] < ex.clients[i][0])) return
    const appDigest = this.app.snapshotDigest(m.app)
    if (appDigest === null || !bytesEqual(stateDigest(ex, appDigest), c.stateDigest)) return
    this.app.restore(m.app)
    this.execHeight = ex.height
    this.headHash = ex.headHash
    this.nextSeed = ex.nextSeed
    this.clients = new Map(ex.clients.map(([k, v]) => [k, v]))
    this.ckptStates.set(c.height, { exec: ex, app: m.app })
    this.out.push({ type: 'installedSnapshot', height: c.height })
    const writes: (readonly [string, unknown])[] = ex.clients.map(([k, v]) => [`client/${k}`, v] as const)
    writes.push(['exec', { height: ex.height, headHash: ex.headHash, nextSeed: ex.nextSeed } satisfies PersistedExec])
    this.persist(...writes)
    for (const cl of [...this.pending.keys()]) this.dropExecutedPending(cl)
    if (c.height > this.stable.height) this.adoptStable(c)
    this.executeReady()
    this.afterProgress()
    this.requestCatchUp()
  }
}

/** Estimated wire size of a block in a BLOCKS reply (requests, app header, fixed overhead). */
function blockBytes(b: Block): number {
  let n = BLOCK_OVERHEAD_BYTES + (b.app?.length ?? 0)
  for (const r of b.requests) n += r.op.length + r.sig.length + r.client.length + 16
  return n
}
