// The admission gate (issue 6): protocols beyond registration, access, chain reads and peer
// authentication (the skip graph and its blocks) serve only admitted peers. Validators decide
// from their own state; other nodes from records read by public key with a Merkle proof
// (ChainComponent.getRecordByKey), cached for a while. Connected peers are checked again every
// sweep, so a revocation takes effect on every node within one sweep: a revoked peer is hung up
// on and put on the deny list (the libp2p connection gater), which refuses it from then on.
import type { PeerId } from '@libp2p/interface'
import type { NodeComponent, NodeContext } from '../node/component.js'
import type { ChainComponent } from '../chain/chain-component.js'
import { validatorPeerId } from '../chain/chain-component.js'
import type { Genesis } from '../ledger/index.js'
import type { Logger } from '../util/log.js'
import { DenyList } from './deny-list.js'
import { allows, verdictOf, verdictTtlMs, type Verdict } from './verdict.js'

// Every sweep costs one verified record read per connected peer: every 30 s keeps it small.
export const ADMISSION_TTL_MS = 30_000
/** A verdict older than this is not used when a lookup fails (fail closed). */
export const ADMISSION_STALE_LIMIT_MS = 300_000
/** How long a validator waits for its ledger store to catch up with its commits before refusing. */
const CATCH_UP_WAIT_MS = 2_000

export class AdmissionGate implements NodeComponent {
  readonly name = 'admission'
  private readonly validators: Set<string>
  private readonly cache = new Map<string, { verdict: Verdict, at: number, until: number }>()
  private readonly inflight = new Map<string, Promise<Verdict>>()
  private chain: ChainComponent | undefined
  private ctx: NodeContext | undefined
  private log: Logger | undefined
  private sweeper: NodeJS.Timeout | undefined

  private readonly denyList = new DenyList()

  constructor(genesis: Genesis, private readonly ttlMs = ADMISSION_TTL_MS) {
    this.validators = new Set(genesis.validators.map((v) => validatorPeerId(v.publicKey).toString()))
  }

  async start(ctx: NodeContext): Promise<void> {
    this.ctx = ctx
    this.log = ctx.logger('admission')
    this.chain = ctx.component<ChainComponent>('chain')
    this.sweeper = setInterval(() => { void this.sweep() }, this.ttlMs)
    this.sweeper.unref()
    ctx.control.register('admission', () => ({
      denied: this.denyList.size,
      verdicts: [...this.cache].map(([peer, v]) => ({ peer, verdict: v.verdict, ageMs: Date.now() - v.at }))
    }))
  }

  async stop(): Promise<void> {
    clearInterval(this.sweeper)
  }

  connectionGater(): ReturnType<DenyList['gater']> {
    return this.denyList.gater()
  }

  /** Whether `peer` may use a gated protocol (the RpcEndpoint authorize hook). */
  async admits(peer: PeerId): Promise<boolean> {
    if (this.ctx !== undefined && peer.equals(this.ctx.libp2p.peerId)) return true
    return allows(await this.verdict(peer))
  }

  async verdict(peer: PeerId): Promise<Verdict> {
    const key = peer.toString()
    if (this.validators.has(key)) return 'validator'
    const now = Date.now()
    const cached = this.cache.get(key)
    // A full node reads its own state (cheap, and current): no cache.
    if (cached !== undefined && now < cached.until && this.chain?.full !== true) return cached.verdict
    let p = this.inflight.get(key)
    if (p === undefined) {
      p = this.lookUp(peer, cached).finally(() => this.inflight.delete(key))
      this.inflight.set(key, p)
    }
    return await p
  }

  private async lookUp(peer: PeerId, cached: { verdict: Verdict, at: number } | undefined): Promise<Verdict> {
    const key = peer.toString()
    let verdict: Verdict
    try {
      if (this.chain === undefined || peer.publicKey === undefined) return 'unknown'
      const rec = await this.chain.getRecordByKey(peer.publicKey.raw)
      verdict = verdictOf(rec?.record, Date.now())
      // A validator's ledger store follows its commits a few blocks behind: a peer admitted by a
      // block committed a moment ago is not turned away (its first skip-graph join would be lost).
      const committed = this.chain.committedHeight
      if (!allows(verdict) && committed > this.chain.height) {
        await this.chain.waitForHeight(committed, CATCH_UP_WAIT_MS).catch(() => {})
        verdict = verdictOf((await this.chain.getRecordByKey(peer.publicKey.raw))?.record, Date.now())
      }
    } catch (err) {
      // The validators cannot be reached: keep a recent verdict, else turn the peer away.
      const usable = cached !== undefined && Date.now() - cached.at < ADMISSION_STALE_LIMIT_MS
      this.log?.debug('admission lookup failed', { peer: key, error: (err as Error).message, kept: usable })
      return usable ? cached.verdict : 'unknown'
    }
    const now = Date.now()
    this.cache.set(key, { verdict, at: now, until: now + verdictTtlMs(verdict, this.ttlMs) })
    if (verdict === 'revoked' && !this.denyList.has(peer)) {
      this.denyList.deny(peer, 'revoked')
      this.log?.info('revoked peer denied', { peer: key })
      await this.ctx?.libp2p.hangUp(peer).catch(() => {})
    }
    return verdict
  }

  /** Checks the connected peers again (a revocation reaches every node within one sweep). */
  private async sweep(): Promise<void> {
    const libp2p = this.ctx?.libp2p
    if (libp2p === undefined) return
    for (const peer of new Set(libp2p.getConnections().map((c) => c.remotePeer))) {
      if (this.validators.has(peer.toString())) continue
      await this.verdict(peer).catch(() => undefined)
    }
    // Forget verdicts of peers long gone.
    const now = Date.now()
    for (const [k, v] of this.cache) if (now - v.at > ADMISSION_STALE_LIMIT_MS) this.cache.delete(k)
  }
}
