// The 'chain' component, on every node of a network: /gridauth/chain/1.0.0.
// - Full nodes (validators, with the 'ledger' component) serve certified headers, blocks and
//   records with Merkle proofs against their head, and push every new certified header to the
//   nodes subscribed to them.
// - Every other node follows the chain: a HeaderChain (headers checked link by link against
//   commit certificates, persisted so a restart resumes), fed by pushes from two validators and
//   by a periodic catch-up poll. It answers header requests too.
// getRecord() is the verifiable read used by authentication (protocols/chain.md, "Record
// lookup"): on a follower, the view index (terminal prefix -> last certified header that touched
// it, from the headers' touched lists) names the block holding the terminal's latest record;
// a cached record verified at that height or later is provably current at this node's head;
// otherwise the record comes from that block's annex on its skip-graph replicas, checked
// against the certified header; a replica that lies or is stale is counted and the next asked;
// last, a validator serves it with a proof against a header at least as new as our head.
import { peerIdFromPublicKey } from '@libp2p/peer-id'
import { publicKeyFromRaw } from '@libp2p/crypto/keys'
import { multiaddr } from '@multiformats/multiaddr'
import type { PeerId } from '@libp2p/interface'
import { Key } from 'interface-datastore'
import type { NodeComponent, NodeContext } from '../node/component.js'
import { RpcEndpoint, RpcError } from '../net/rpc.js'
import { ControlMethodError } from '../node/control-server.js'
import { ChainRequest, ChainResponse, ChainPush, type CertifiedHeader } from '../wire/chain.js'
import {
  HeaderChain, decodeHeader, encodeHeader, decodeCommitCertificate, encodeCommitCertificate, decodeRecord, decodeRecordProof,
  encodeRecord, encodeRecordProof, proveRecord, verifyRecordProof, encodeBlock, decodeBlock, headerHash, toHex,
  type Genesis, type BlockHeader, type TerminalRecord, type Block, type CommitCertificate
} from '../ledger/index.js'
import type { LedgerComponent } from './ledger-component.js'
import type { PbftComponent } from '../consensus/component.js'
import { summarizeHeader, parseTerminalId } from './ledger-component.js'
import type { Logger } from '../util/log.js'
import { bytesEqual } from '../crypto/merkle.js'
import { ViewIndex, recordFromAnnex, annexErrorOf, decodeAnnex, type AnnexRejection, type RecordAnnex } from '../ledger/view.js'
import type { SkipGraphService } from '../skipgraph/service/index.js'
import { BLOCKS_PROTOCOL } from '../skipgraph/service/service.js'

export const CHAIN_PROTOCOL = '/gridauth/chain/1.0.0'
export const MAX_HEADERS_PER_RESPONSE = 256
export const CHAIN_MAX_FRAME_BYTES = 4 << 20
export const SUBSCRIBE_TO = 2
export const POLL_INTERVAL_MS = 2_000
export const MAX_SUBSCRIBERS = 1024
/** A record request for a height this validator has not applied yet waits this long for it... */
export const RECORD_WAIT_MS = 500
/** ...when it is at most this many blocks ahead (a bogus height is answered at once). */
export const RECORD_WAIT_MAX_BLOCKS = 64
/** Passes over the validators for a fresh record before a lookup fails. */
export const RECORD_ROUNDS = 6
/** Verified records kept for the warm path (least recently used dropped first). */
export const RECORD_CACHE_ENTRIES = 1024
/**
 * A follower's head is trusted as current for a lookup when a validator told it of the chain's
 * head this recently (a push or a header answer); otherwise one header request comes first, so
 * a revocation a push has not yet brought is not missed (a record is current only at our head).
 */
export const HEAD_FRESH_MS = 1_000
/** Time a skip-graph record lookup may take (placement search and fetches) before the validators are asked. */
export const SKIPGRAPH_LOOKUP_MS = 2_000
/** Byte budget of one header response (a header's touched list grows with its block). */
export const HEADERS_RESPONSE_BYTES = 3 << 20

const KIND = { headers: 1, record: 2, block: 3, subscribe: 4, recordByKey: 5 } as const
/** Where a follower stores each certified header it accepted (a ChainPush). */
const headerKey = (height: number): Key => new Key(`/chain/headers/${height.toString(16).padStart(16, '0')}`)

/** The record of this terminal id (for checkRecordResponse). */
export const recordOf = (terminalId: Uint8Array) => (r: TerminalRecord): boolean => bytesEqual(r.terminalId, terminalId)

/** A record answer that fails verification: the server lied or lags. */
export class RecordRejected extends Error {
  constructor (readonly reason: AnnexRejection, message: string) {
    super(message)
  }
}

export interface VerifiedRecord {
  record: TerminalRecord
  /** The header the proof was checked against. */
  header: BlockHeader
  /** The height at which the record is known to be the terminal's latest (>= header.height). */
  height: number
  /** Where it came from: this node's ledger, its cache (provably current), a skip-graph replica, a validator. */
  source?: 'ledger' | 'cache' | 'skipgraph' | 'validator'
}


export function validatorPeerId(publicKey: Uint8Array): PeerId {
  return peerIdFromPublicKey(publicKeyFromRaw(publicKey))
}

/** The genesis validators as `gridauth validators` lists them (`self`: this node's index, or -1). */
export function validatorList(genesis: Genesis, libp2p: NodeContext['libp2p'], self = -1): Array<{ index: number, peerId: string, publicKey: string, address: string, self: boolean, connected: boolean }> {
  const conns = new Set(libp2p.getConnections().map((c) => c.remotePeer.toString()))
  return genesis.validators.map((v, index) => {
    const peerId = validatorPeerId(v.publicKey).toString()
    return { index, peerId, publicKey: toHex(v.publicKey), address: v.address, self: index === self, connected: index === self || conns.has(peerId) }
  })
}

export class ChainComponent implements NodeComponent {
  readonly name = 'chain'
  readonly follower: HeaderChain
  private ledger: LedgerComponent | undefined
  private endpoint: RpcEndpoint | undefined
  private ctx: NodeContext | undefined
  private log: Logger | undefined
  private readonly subscribers = new Map<string, PeerId>()
  private readonly waiters: Array<{ height: number, resolve: () => void }> = []
  private poll: NodeJS.Timeout | undefined
  private syncing: Promise<void> | undefined

  /** Paper B's blockchain view, from the certified headers this node holds (ledger/view.ts). */
  readonly view = new ViewIndex()
  /** Verified records by terminal (hex): record, the header its proof checked against. */
  private readonly cache = new Map<string, { record: TerminalRecord, header: BlockHeader }>()
  /** Lookups by outcome, for `gridauth view` and the tests. */
  readonly lookups = { cache: 0, skipgraph: 0, validator: 0, absent: 0 }

  constructor(readonly genesis: Genesis) {
    this.follower = new HeaderChain(genesis)
  }

  /** Whether this node holds the whole ledger (a validator). */
  get full(): boolean {
    return this.ledger !== undefined
  }

  /** The committed height this node knows. */
  get height(): number {
    return this.ledger !== undefined ? this.ledger.store.head.height : this.follower.height
  }

  /** What consensus has committed: on a validator its ledger store follows a few blocks behind `height`. */
  get committedHeight(): number {
    return Math.max(this.height, this.ctx?.component<PbftComponent>('pbft')?.executedHeight ?? 0)
  }

  async start(ctx: NodeContext): Promise<void> {
    this.ctx = ctx
    this.log = ctx.logger('chain')
    this.ledger = ctx.component<LedgerComponent>('ledger')
    for (const v of this.genesis.validators) {
      const id = validatorPeerId(v.publicKey)
      if (id.equals(ctx.libp2p.peerId)) continue
      try {
        await ctx.libp2p.peerStore.merge(id, { multiaddrs: [multiaddr(v.address)] })
      } catch (err) {
        this.log.warn('bad validator address in genesis', { address: v.address, error: (err as Error).message })
      }
    }
    this.endpoint = new RpcEndpoint(ctx.libp2p, CHAIN_PROTOCOL, {
      onRequest: async (peer, body) => await this.serve(peer, body),
      onMessage: (peer, body) => this.onPush(peer, body)
    }, { maxFrameBytes: CHAIN_MAX_FRAME_BYTES })
    await this.endpoint.start()
    if (this.ledger !== undefined) {
      const store = this.ledger.store
      for (let h = 1; h <= store.head.height; h++) {
        const header = await store.getHeader(h)
        if (header !== undefined) this.view.apply(header)
      }
      this.ledger.onCommit((ev) => {
        if (ev.block.header!.height === this.view.height + 1) this.view.apply(ev.block.header!)
        this.pushToSubscribers(ev.block.header!, ev.cert)
      })
    } else {
      await this.loadPersisted()
      this.poll = setInterval(() => { void this.catchUp() }, POLL_INTERVAL_MS)
      this.poll.unref()
      void this.catchUp()
    }
    ctx.control.register('chain.head', () => ({ height: this.height, full: this.ledger !== undefined }))
    if (this.ledger === undefined) {
      ctx.control.register('chain', (p) => this.followerInfo(typeof p.count === 'number' ? p.count : 10))
      ctx.control.register('view', async (p) => await this.followerView(typeof p.terminal === 'string' ? p.terminal : undefined, p.fresh === true))
      if (ctx.component('pbft') === undefined) ctx.control.register('validators', () => this.validatorsInfo())
    }
  }

  /**
   * `gridauth validators` on a node that is not one: the validator set with connectivity, and
   * what the certified headers it follows say of the last commit (view, proposer, time).
   */
  private validatorsInfo(): Record<string, unknown> {
    const head = this.follower.head
    const proposer = this.genesis.validators.findIndex((v) => bytesEqual(v.publicKey, head.proposer))
    return {
      validator: false,
      height: this.follower.height,
      view: head.view,
      lastProposer: this.follower.height === 0 || proposer < 0 ? null : proposer,
      lastCommitTime: this.follower.height === 0 ? null : new Date(head.timestamp).toISOString(),
      validators: validatorList(this.genesis, this.ctx!.libp2p)
    }
  }

  async stop(): Promise<void> {
    clearInterval(this.poll)
    await this.endpoint?.stop()
    for (const w of this.waiters.splice(0)) w.resolve()
  }

  /** Resolves once the chain reaches `height` (or the timeout passes; then rejects). */
  async waitForHeight(height: number, timeoutMs = 10_000): Promise<void> {
    if (this.height >= height) return
    if (this.ledger === undefined) void this.catchUp()
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`chain did not reach height ${height} within ${timeoutMs} ms`)), timeoutMs)
      this.waiters.push({ height, resolve: () => { clearTimeout(timer); resolve() } })
    })
  }

  /**
   * Whether the block with header hash `hash` is the committed block at `height` as far as this
   * node knows; blocks offered to the skip-graph store are accepted only then (so nobody can fill
   * a node with junk blocks). Checked against the header held (memory or disk): no set of every
   * block hash ever committed is kept.
   */
  async isCommitted(hash: Uint8Array, height: number): Promise<boolean> {
    const header = await this.header(height)
    return header !== undefined && bytesEqual(headerHash(header), hash)
  }

  /** A committed header this node holds: a follower's recent ones are in memory, older ones on disk. */
  async header(height: number): Promise<BlockHeader | undefined> {
    if (this.ledger !== undefined) return await this.ledger.store.getHeader(height)
    const recent = this.follower.header(height)
    if (recent !== undefined || height > this.follower.height || height < 0) return recent
    const ch = await this.storedCertified(height)
    return ch === undefined ? undefined : decodeHeader(ch.header)
  }

  /**
   * The record of a terminal, verified: served with a Merkle proof against a certified header
   * that is at least as new as this node's head. Full nodes read their own state.
   */
  async getRecord(terminalId: Uint8Array, opts: { from?: PeerId[], fresh?: boolean } = {}): Promise<VerifiedRecord | undefined> {
    if (this.ledger !== undefined) return this.ownRecord(this.ledger.store.state.getRecord(terminalId))
    if (opts.from !== undefined) return await this.fetchRecord(KIND.record, terminalId, opts.from)
    const t0 = performance.now()
    const v = await this.lookupRecord(terminalId, opts.fresh === true)
    this.ctx?.metrics.recordLookup.observe({ source: v?.source ?? 'absent' }, (performance.now() - t0) / 1000)
    return v
  }

  /**
   * A follower's record lookup (see the file comment): the view index gives h, the last height
   * whose header touched the terminal; a cached record verified at >= h is current at our head
   * H (no header in (h, H] touched it); else block h's annex from its skip-graph replicas; else
   * a validator. A terminal no header touched (not registered as far as our head knows) is
   * asked of a validator too: our head may lag its registration.
   */
  private async lookupRecord(terminalId: Uint8Array, fresh = false): Promise<VerifiedRecord | undefined> {
    await this.freshenHead()
    const key = toHex(terminalId)
    const head = this.follower.height
    const h = this.view.height === head ? this.view.lastTouched(terminalId) : 0
    if (h > 0) {
      const cached = fresh ? undefined : this.cache.get(key)
      if (cached !== undefined && this.view.isCurrent(terminalId, cached.header.height)) {
        this.cache.delete(key)
        this.cache.set(key, cached)
        this.lookups.cache++
        return { record: cached.record, header: cached.header, height: head, source: 'cache' }
      }
      const header = await this.header(h)
      const fromAnnex = header === undefined ? undefined : await this.recordFromReplicas(header, terminalId)
      if (fromAnnex !== undefined) {
        this.remember(key, fromAnnex, header!)
        this.lookups.skipgraph++
        return { record: fromAnnex, header: header!, height: head, source: 'skipgraph' }
      }
    }
    const v = await this.fetchRecord(KIND.record, terminalId)
    if (v === undefined) {
      this.lookups.absent++
      return undefined
    }
    this.remember(key, v.record, v.header)
    this.lookups.validator++
    return { ...v, source: 'validator' }
  }

  /** When did a validator last tell us the chain's head (ms since the epoch). */
  private lastHeard = 0
  private lastTried = 0
  private freshening: Promise<void> | undefined

  /** Brings the head up to what a validator says, unless one said so within HEAD_FRESH_MS. */
  private async freshenHead(): Promise<void> {
    const now = Date.now()
    // At most one check per HEAD_FRESH_MS, answered or not: validators that do not answer must
    // not add a wait to every lookup (the lookup then goes on with the head it has).
    if (now - this.lastHeard < HEAD_FRESH_MS || now - this.lastTried < HEAD_FRESH_MS) return
    if (this.freshening !== undefined) return await this.freshening
    this.lastTried = now
    this.freshening = (async () => {
      const peer = this.validatorPeers()[0]
      if (peer === undefined) return
      try {
        const resp = ChainResponse.decode(await this.endpoint!.request(peer, ChainRequest.encode({ kind: KIND.headers, from: this.follower.height + 1, max: MAX_HEADERS_PER_RESPONSE, terminalId: new Uint8Array(0), height: 0 }), { timeoutMs: HEAD_FRESH_MS }))
        for (const ch of resp.headers) if (decodeHeader(ch.header).height === this.follower.height + 1) await this.acceptCertified(ch)
        if (resp.head <= this.follower.height) this.lastHeard = Date.now()
      } catch (err) {
        this.log?.debug('head check failed', { peer: peer.toString(), error: (err as Error).message })
      }
    })().finally(() => { this.freshening = undefined })
    await this.freshening
  }

  private remember(key: string, record: TerminalRecord, header: BlockHeader): void {
    const old = this.cache.get(key)
    if (old !== undefined && old.header.height > header.height) return
    this.cache.delete(key)
    this.cache.set(key, { record, header })
    if (this.cache.size > RECORD_CACHE_ENTRIES) this.cache.delete(this.cache.keys().next().value!)
  }

  /** The terminal's record out of block `header`'s annex, from the skip graph; undefined if no replica gave a good one. */
  private async recordFromReplicas(header: BlockHeader, terminalId: Uint8Array): Promise<TerminalRecord | undefined> {
    const sg = this.ctx?.component<SkipGraphService>('skipgraph')
    if (sg === undefined) return undefined
    // A slow or broken graph must not hold an authentication up: past the budget, the validators.
    const answers = sg.annexAnswers(headerHash(header))
    let timer: NodeJS.Timeout | undefined
    const expired = new Promise<'expired'>((resolve) => { timer = setTimeout(() => resolve('expired'), SKIPGRAPH_LOOKUP_MS) })
    try {
      for (;;) {
        const next = await Promise.race([answers.next(), expired])
        if (next === 'expired') {
          this.log?.debug('annex lookup too slow; asking the validators', { height: header.height })
          void answers.return(undefined).catch(() => {})
          return undefined
        }
        if (next.done === true) return undefined
        const answer = next.value
        const r = recordFromAnnex(header, answer.bytes, terminalId)
        if (r.ok) return r.record
        // A replica that lies or is stale: counted per reason, and the next one is asked.
        this.ctx?.metrics.rejectedMessages.inc({ protocol: BLOCKS_PROTOCOL, reason: r.reason })
        this.log?.warn('record annex rejected', { from: answer.from, height: header.height, reason: r.reason, error: r.detail })
      }
    } catch (err) {
      this.log?.debug('annex lookup failed', { height: header.height, error: (err as Error).message })
      return undefined
    } finally {
      clearTimeout(timer)
    }
  }

  /**
   * Whether a record annex may be stored for block `hash`: the block is committed here and the
   * annex checks against its certified header (every proof, exactly its touched list).
   */
  async checkAnnex(hash: Uint8Array, bytes: Uint8Array): Promise<boolean> {
    let annex: RecordAnnex
    try {
      annex = decodeAnnex(bytes)
    } catch {
      return false
    }
    const height = annex.height
    // An annex pushed right after its commit may arrive before its header: catch up briefly.
    if (height > this.height) await this.waitForHeight(height, 3_000).catch(() => {})
    const header = await this.header(height)
    if (header === undefined || !bytesEqual(headerHash(header), hash)) return false
    const err = annexErrorOf(header, annex)
    if (err !== null) this.log?.warn('record annex refused', { height, error: err })
    return err === null
  }

  /** The record registered for an Ed25519 public key (a PeerId), verified the same way. */
  async getRecordByKey(publicKey: Uint8Array): Promise<VerifiedRecord | undefined> {
    if (this.ledger !== undefined) return this.ownRecord(this.ledger.store.state.getRecordByKey(publicKey))
    return await this.fetchRecord(KIND.recordByKey, publicKey)
  }

  /** A record of this node's own state, at its head (no I/O: the head header is in memory). */
  private ownRecord(record: TerminalRecord | undefined): VerifiedRecord | undefined {
    const head = this.ledger!.store.head
    return record === undefined ? undefined : { record, header: head.header, height: head.height, source: 'ledger' }
  }

  /** A record read from validators: `key` is a terminal id (KIND.record) or a public key (KIND.recordByKey). */
  private async fetchRecord(kind: typeof KIND.record | typeof KIND.recordByKey, key: Uint8Array, from?: PeerId[]): Promise<VerifiedRecord | undefined> {
    const matches = kind === KIND.record ? recordOf(key) : (r: TerminalRecord) => bytesEqual(r.identity!.publicKey, key)
    const servers = from ?? this.validatorPeers()
    let lastErr: Error | undefined
    // Validators commit within milliseconds of each other: one a block behind our head gives a
    // stale proof, so ask the next, and give the laggards a moment before giving up.
    for (let round = 0; round < RECORD_ROUNDS; round++) {
      for (const peer of servers) {
        try {
          // `height`: our head. A validator whose ledger is a block or two behind waits for it
          // (briefly) instead of answering with a proof we would refuse as stale.
          const resp = ChainResponse.decode(await this.endpoint!.request(peer, ChainRequest.encode({ kind, from: 0, max: 0, terminalId: key as Uint8Array<ArrayBuffer>, height: this.follower.height })))
          const v = await this.checkRecordResponse(matches, resp)
          if (v === 'absent') return undefined
          return v
        } catch (err) {
          lastErr = err as Error
          if (err instanceof RecordRejected) {
            // A server that lies (or lags): counted per reason, and the next one is asked.
            this.ctx?.metrics.rejectedMessages.inc({ protocol: CHAIN_PROTOCOL, reason: err.reason })
            // Honest validators lag a block now and then: staleness alone is not worth a warning.
            const fields = { peer: peer.toString(), reason: err.reason, error: err.message }
            if (err.reason === 'stale-record') this.log?.debug('record rejected', fields)
            else this.log?.warn('record rejected', fields)
          } else {
            this.log?.debug('record lookup failed', { peer: peer.toString(), error: lastErr.message })
          }
        }
      }
      await new Promise((resolve) => setTimeout(resolve, 25 * (round + 1)))
    }
    throw new Error(`no server gave a valid record for ${toHex(key)}: ${lastErr?.message ?? 'no servers'}`)
  }

  /** `gridauth view <terminal>` on a follower: the verified, current record as authentication finds it (`fresh`: not from the cache). */
  private async followerView(terminal: string | undefined, fresh: boolean): Promise<Array<{ terminal: string, headerHash: string, height: number, chainHeight: number, latestIdentityHash: string, revoked: boolean, provenAt: number, source: string }>> {
    if (terminal === undefined) throw new ControlMethodError('bad-argument', 'this node follows headers only: name a terminal (the whole view lives on validators)')
    const id = parseTerminalId(terminal)
    let v: VerifiedRecord | undefined
    try {
      v = await this.getRecord(id, { fresh })
    } catch (err) {
      throw new ControlMethodError('unavailable', (err as Error).message)
    }
    if (v === undefined) throw new ControlMethodError('not-found', `no terminal ${terminal} on the chain`)
    const r = v.record
    const at = await this.header(r.lastUpdateHeight)
    return [{ terminal, headerHash: at === undefined ? '' : toHex(headerHash(at)), height: r.lastUpdateHeight, chainHeight: r.chainHeight, latestIdentityHash: toHex(r.latestIdentityHash), revoked: r.revoked, provenAt: v.height, source: v.source ?? 'validator' }]
  }

  /** Checks a record response from an untrusted server. */
  async checkRecordResponse(matches: (r: TerminalRecord) => boolean, resp: ChainResponse): Promise<VerifiedRecord | 'absent'> {
    if (resp.headers.length !== 1) throw new RecordRejected('malformed-record', 'record response without its header')
    const header = decodeHeader(resp.headers[0].header)
    if (header.height > this.follower.height) {
      await this.syncTo(header.height, resp.headers[0])
    }
    const ours = await this.header(header.height)
    if (ours === undefined || !bytesEqual(headerHash(ours), headerHash(header))) throw new RecordRejected('uncommitted-header', `header ${header.height} is not on the committed chain`)
    const head = this.follower.height
    const stale = (): RecordRejected => new RecordRejected('stale-record', `stale record: proof at height ${header.height}, chain at ${head}`)
    // No proof of absence exists in the state tree: a server that hides a record can only make
    // authentication fail (denial), never succeed, and it is asked again next time.
    if (resp.record.length === 0) {
      if (header.height < head) throw stale()
      return 'absent'
    }
    const record = decodeRecord(resp.record)
    if (!matches(record)) throw new RecordRejected('wrong-record', 'record for another terminal')
    if (!verifyRecordProof(header, record, decodeRecordProof(resp.proof))) throw new RecordRejected('bad-record-proof', 'record proof does not verify')
    // Proven at an older header: still the record at our head if no header since touched it
    // (blocks commit every few hundred ms under load; refusing these made lookups go round).
    if (header.height < head && !(this.view.height === head && this.view.isCurrent(record.terminalId, header.height))) throw stale()
    return { record, header, height: head }
  }

  private nextServer = 0

  /**
   * The validators to ask, rotated on every call: reads are spread over all of them, and one
   * that lies or lags is met first only every n-th time (and then skipped after its answer fails).
   */
  validatorPeers(opts: { connectedFirst?: boolean } = {}): PeerId[] {
    const me = this.ctx!.libp2p.peerId
    const ids = this.genesis.validators.map((v) => validatorPeerId(v.publicKey)).filter((p) => !p.equals(me))
    const k = this.nextServer++ % Math.max(ids.length, 1)
    const rotated = [...ids.slice(k), ...ids.slice(0, k)]
    if (opts.connectedFirst !== true) return rotated
    const connected = new Set(this.ctx!.libp2p.getConnections().map((c) => c.remotePeer.toString()))
    return [...rotated.filter((p) => connected.has(p.toString())), ...rotated.filter((p) => !connected.has(p.toString()))]
  }

  // --------------------------------------------------------------- serving

  private async serve(peer: PeerId, body: Uint8Array): Promise<Uint8Array> {
    let req: ChainRequest
    try {
      req = ChainRequest.decode(body)
    } catch (err) {
      throw new RpcError('malformed', (err as Error).message)
    }
    const head = this.height
    switch (req.kind) {
      case KIND.headers: {
        const max = Math.min(Math.max(req.max, 1), MAX_HEADERS_PER_RESPONSE)
        const headers: CertifiedHeader[] = []
        let bytes = 0
        for (let h = Math.max(req.from, 1); h <= head && headers.length < max && bytes < HEADERS_RESPONSE_BYTES; h++) {
          const ch = await this.certifiedHeader(h)
          if (ch === undefined) break
          headers.push(ch)
          bytes += ch.header.length + ch.cert.length
        }
        return ChainResponse.encode({ head, headers, record: new Uint8Array(0), proof: new Uint8Array(0), block: new Uint8Array(0), cert: new Uint8Array(0) })
      }
      case KIND.record:
      case KIND.recordByKey: {
        if (this.ledger === undefined) throw new RpcError('unsupported', 'not a full node')
        const store = this.ledger.store
        if (req.height > store.head.height && req.height <= store.head.height + RECORD_WAIT_MAX_BLOCKS) {
          await this.waitForHeight(req.height, RECORD_WAIT_MS).catch(() => {})
        }
        const height = store.head.height
        const record = req.kind === KIND.record ? store.state.getRecord(req.terminalId) : store.state.getRecordByKey(req.terminalId)
        const proof = record === undefined ? undefined : proveRecord(store.state, record.terminalId)
        const ch = await this.certifiedHeader(height)
        return ChainResponse.encode({
          head: height, headers: ch === undefined ? [] : [ch],
          record: record === undefined ? new Uint8Array(0) : encodeRecord(record) as Uint8Array<ArrayBuffer>,
          proof: proof === undefined ? new Uint8Array(0) : encodeRecordProof(proof) as Uint8Array<ArrayBuffer>,
          block: new Uint8Array(0), cert: new Uint8Array(0)
        })
      }
      case KIND.block: {
        if (this.ledger === undefined) throw new RpcError('unsupported', 'not a full node')
        const block = await this.ledger.store.getBlock(req.height)
        const cert = await this.ledger.store.getCommitCertificate(req.height)
        if (block === undefined || cert === undefined) throw new RpcError('not-found', `no block ${req.height}`)
        return ChainResponse.encode({ head, headers: [], record: new Uint8Array(0), proof: new Uint8Array(0), block: encodeBlock(block) as Uint8Array<ArrayBuffer>, cert: encodeCommitCertificate(cert) as Uint8Array<ArrayBuffer> })
      }
      case KIND.subscribe: {
        if (this.ledger === undefined) throw new RpcError('unsupported', 'not a full node')
        if (this.subscribers.size >= MAX_SUBSCRIBERS && !this.subscribers.has(peer.toString())) throw new RpcError('busy', 'too many subscribers')
        this.subscribers.set(peer.toString(), peer)
        return ChainResponse.encode({ head, headers: [], record: new Uint8Array(0), proof: new Uint8Array(0), block: new Uint8Array(0), cert: new Uint8Array(0) })
      }
      default:
        throw new RpcError('malformed', `unknown request kind ${req.kind}`)
    }
  }

  private async certifiedHeader(height: number): Promise<CertifiedHeader | undefined> {
    if (this.ledger !== undefined) {
      const header = await this.ledger.store.getHeader(height)
      const cert = await this.ledger.store.getCommitCertificate(height)
      if (header === undefined || cert === undefined) return undefined
      return { header: encodeHeader(header) as Uint8Array<ArrayBuffer>, cert: encodeCommitCertificate(cert) as Uint8Array<ArrayBuffer> }
    }
    return this.followerCerts.get(height) ?? (height >= 0 && height <= this.follower.height ? await this.storedCertified(height) : undefined)
  }

  private pushToSubscribers(header: BlockHeader, cert: CommitCertificate): void {
    const msg = ChainPush.encode({ head: { header: encodeHeader(header) as Uint8Array<ArrayBuffer>, cert: encodeCommitCertificate(cert) as Uint8Array<ArrayBuffer> } })
    for (const [key, peer] of this.subscribers) {
      this.endpoint!.send(peer, msg).catch(() => { this.subscribers.delete(key) })
    }
    this.wake()
  }

  // --------------------------------------------------------------- following

  /** Certified headers of the follower's in-memory window (older ones: storedCertified). */
  private readonly followerCerts = new Map<number, CertifiedHeader>()
  private subscribed = new Set<string>()

  private onPush(peer: PeerId, body: Uint8Array): void {
    if (this.ledger !== undefined) return
    const push = ChainPush.decode(body)
    if (push.head === undefined) throw new Error('push without header')
    const pushedAt = Date.now()
    void this.syncTo(decodeHeader(push.head.header).height, push.head).then(() => { this.lastHeard = Math.max(this.lastHeard, pushedAt) }, (err: Error) => {
      this.log?.debug('push rejected', { peer: peer.toString(), error: err.message })
    })
  }

  /** Follows the chain up to `target`, fetching missing headers; `last` may be the target itself. */
  private async syncTo(target: number, last?: CertifiedHeader): Promise<void> {
    while (this.follower.height < target) {
      if (last !== undefined && decodeHeader(last.header).height === this.follower.height + 1) {
        await this.acceptCertified(last)
        continue
      }
      await this.fetchHeaders(target)
    }
  }

  private async fetchHeaders(target: number, opts: { stopWhenCurrent?: boolean } = {}): Promise<void> {
    for (const peer of this.validatorPeers()) {
      try {
        const resp = ChainResponse.decode(await this.endpoint!.request(peer, ChainRequest.encode({ kind: KIND.headers, from: this.follower.height + 1, max: MAX_HEADERS_PER_RESPONSE, terminalId: new Uint8Array(0), height: 0 })))
        if (resp.headers.length === 0) {
          if (opts.stopWhenCurrent === true && resp.head <= this.follower.height) { this.lastHeard = Date.now(); return }
          continue
        }
        for (const ch of resp.headers) await this.acceptCertified(ch)
        if (this.follower.height >= target || resp.head <= this.follower.height) return
      } catch (err) {
        this.log?.debug('header fetch failed', { peer: peer.toString(), error: (err as Error).message })
      }
    }
    if (this.follower.height < target) throw new Error(`could not reach height ${target}`)
  }

  private async acceptCertified(ch: CertifiedHeader, peer?: PeerId): Promise<void> {
    const header = decodeHeader(ch.header)
    const hash = headerHash(header)
    if (this.holds(header.height, hash)) return
    const cert = decodeCommitCertificate(ch.cert)
    let r = this.follower.accept(header, cert)
    if (!r.ok && r.reason === 'need-body') {
      const block = await this.fetchBlock(header.height, peer)
      if (!bytesEqual(headerHash(block.block.header!), hash)) throw new Error(`block ${header.height} does not match its header`)
      if (this.holds(header.height, hash)) return
      r = this.follower.acceptBlock(block.block, cert)
    }
    if (!r.ok) throw new Error(`header ${header.height} rejected: ${r.reason} (${r.detail})`)
    this.view.apply(header)
    this.keepCertified(header.height, ch)
    await this.ctx!.datastore.put(headerKey(header.height), ChainPush.encode({ head: ch }))
    this.wake()
  }

  /**
   * Whether this follower already holds exactly the header `hash` at `height`. Pushes from every validator and record
   * lookups sync at once, so a header often arrives after another sync accepted it: that is no
   * error (refusing it sent the fetch on to the next validator and delayed the lookup behind it).
   * A different header at a height we hold is not skipped: accept() refuses it and it is reported.
   */
  private holds(height: number, hash: Uint8Array): boolean {
    // Synchronous, so that no other sync accepts the header between this check and accept().
    // Only the in-memory window is looked at: a header older than that is not the next one,
    // and accept() refuses it.
    const have = this.follower.header(height)
    return have !== undefined && bytesEqual(headerHash(have), hash)
  }

  /** The follower's certified header at `height` as accepted and stored (see acceptCertified). */
  private async storedCertified(height: number): Promise<CertifiedHeader | undefined> {
    try {
      return ChainPush.decode(await this.ctx!.datastore.get(headerKey(height))).head
    } catch {
      return undefined
    }
  }

  /** Keeps a certified header while it is in the follower's window; the one leaving it is dropped. */
  private keepCertified(height: number, ch: CertifiedHeader): void {
    this.followerCerts.set(height, ch)
    for (const h of this.followerCerts.keys()) {
      if (h >= this.follower.oldest) break
      this.followerCerts.delete(h)
    }
  }

  private async fetchBlock(height: number, prefer?: PeerId): Promise<{ block: Block, cert: CommitCertificate }> {
    const peers = prefer === undefined ? this.validatorPeers() : [prefer, ...this.validatorPeers()]
    for (const peer of peers) {
      try {
        const resp = ChainResponse.decode(await this.endpoint!.request(peer, ChainRequest.encode({ kind: KIND.block, from: 0, max: 0, terminalId: new Uint8Array(0), height })))
        return { block: decodeBlock(resp.block), cert: decodeCommitCertificate(resp.cert) }
      } catch { /* next */ }
    }
    throw new Error(`no validator served block ${height}`)
  }

  private async catchUp(): Promise<void> {
    if (this.syncing !== undefined) return await this.syncing
    this.syncing = (async () => {
      try {
        await this.subscribe()
        // Pushes keep a subscribed follower current; the poll is for pushes lost. One validator
        // saying nothing is newer ends it (the next poll asks the next one in turn): asking every
        // validator at each poll was 2 requests/s per idle terminal, 0.5/s x terminals at each validator.
        if (Date.now() - this.lastHeard < POLL_INTERVAL_MS) return
        await this.fetchHeaders(this.follower.height + 1, { stopWhenCurrent: true }).catch(() => {})
      } finally {
        this.syncing = undefined
      }
    })()
    await this.syncing
  }

  private async subscribe(): Promise<void> {
    const connected = new Set(this.ctx!.libp2p.getConnections().map((c) => c.remotePeer.toString()))
    for (const key of [...this.subscribed]) if (!connected.has(key)) this.subscribed.delete(key)
    for (const peer of this.validatorPeers()) {
      if (this.subscribed.size >= SUBSCRIBE_TO) return
      if (this.subscribed.has(peer.toString())) continue
      try {
        await this.endpoint!.request(peer, ChainRequest.encode({ kind: KIND.subscribe, from: 0, max: 0, terminalId: new Uint8Array(0), height: 0 }), { timeoutMs: 3000 })
        this.subscribed.add(peer.toString())
      } catch { /* try the next validator */ }
    }
  }

  private async loadPersisted(): Promise<void> {
    let n = 0
    for await (const { value } of this.ctx!.datastore.query({ prefix: '/chain/headers/' })) {
      const push = ChainPush.decode(value)
      if (push.head === undefined) break
      const header = decodeHeader(push.head.header)
      if (header.height !== this.follower.height + 1) break
      // Stored headers were checked before they were written; a damaged one is refused here.
      const r = this.follower.accept(header, decodeCommitCertificate(push.head.cert))
      if (!r.ok) {
        this.log?.warn('stored header rejected; refetching from validators', { height: header.height, reason: r.reason })
        break
      }
      this.view.apply(header)
      this.keepCertified(header.height, push.head)
      n++
    }
    if (n > 0) this.log?.info('headers loaded', { height: this.follower.height })
  }

  private wake(): void {
    const h = this.height
    for (let i = this.waiters.length - 1; i >= 0; i--) {
      if (this.waiters[i].height <= h) this.waiters.splice(i, 1)[0].resolve()
    }
  }

  private followerInfo(count: number): { networkId: string, height: number, headHash: string, headers: ReturnType<typeof summarizeHeader>[] } {
    const headers = []
    for (let h = this.follower.height; h >= Math.max(0, this.follower.height - count + 1); h--) {
      const header = this.follower.header(h)
      if (header !== undefined) headers.push(summarizeHeader(header))
    }
    return { networkId: this.genesis.networkId, height: this.follower.height, headHash: this.follower.headHash, headers }
  }
}

