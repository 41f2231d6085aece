// The 'ledger' component of a validator (or any full node): the crash-safe LedgerStore under
// <data>/ledger, opened from the network's genesis. Consensus appends committed blocks through
// append(); every other component learns about commits through onCommit().
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import type { NodeComponent, NodeContext } from '../node/component.js'
import { LedgerStore } from '../ledger/store.js'
import { scanStoredChain, type ScanResult } from '../ledger/integrity.js'
import { headerHash, toHex, fromHex, viewOf, decodeTx, TxType, REASON_NAMES, TX_TYPE_NAMES, type Genesis, type Block, type CommitCertificate, type BlockHeader, type ExecutedBlock, type ApplyResult, type RecordAnnex, type SignatureVerifier } from '../ledger/index.js'
import { ControlMethodError } from '../node/control-server.js'
import type { Logger } from '../util/log.js'

export interface CommitEvent {
  block: Block
  cert: CommitCertificate
  result: ApplyResult
  headerHash: Uint8Array
  /** The block's record annex (each touched record with its proof against this block's state root). */
  annex: RecordAnnex
}

export interface AuditEntry {
  height: number
  /** Block time (ms since the epoch). */
  time: number
  type: string
  code: number
  result: string
  detail: Record<string, unknown>
}

export type CommitListener = (ev: CommitEvent) => void

export interface HeaderSummary {
  height: number
  hash: string
  prevHash: string
  view: number
  txCount: number
  timestamp: number
  proposer: string
  stateRoot: string
}

export function summarizeHeader(h: BlockHeader): HeaderSummary {
  return {
    height: h.height, hash: toHex(headerHash(h)), prevHash: toHex(h.prevHash), view: h.view, txCount: h.txCount,
    timestamp: h.timestamp, proposer: toHex(h.proposer), stateRoot: toHex(h.stateRoot)
  }
}

export class LedgerComponent implements NodeComponent {
  readonly name = 'ledger'
  private _store: LedgerStore | undefined
  private readonly listeners: CommitListener[] = []
  private log: Logger | undefined

  constructor(readonly genesis: Genesis, private readonly opts: { sync?: boolean } = {}) {}

  get store(): LedgerStore {
    if (this._store === undefined) throw new Error('ledger not started')
    return this._store
  }

  async start(ctx: NodeContext): Promise<void> {
    this.log = ctx.logger('ledger')
    this._store = await LedgerStore.open(join(ctx.paths.root, 'ledger'), this.genesis, { sync: this.opts.sync ?? true })
    ctx.metrics.chainHeight.collectWith(() => this.store.head.height)
    ctx.control.register('chain', async (p) => await this.chainInfo(typeof p.count === 'number' ? p.count : 10))
    ctx.control.register('view', (p) => this.viewInfo(typeof p.terminal === 'string' ? p.terminal : undefined))
    ctx.control.register('audit', async (p) => await this.audit(String(p.terminal ?? '')))
    this.log.info('ledger open', { height: this.store.head.height, network: this.genesis.networkId })
    void this.scanInBackground()
  }

  /** Result of the background integrity scan of the stored chain (null while it runs). */
  integrity: ScanResult | null = null

  private async scanInBackground(): Promise<void> {
    const t0 = Date.now()
    const from = this.store.head.height
    const r = await scanStoredChain(this.store, from, async () => {
      await sleep(5) // stay out of the way of consensus
      return this._store !== undefined
    }).catch((err: Error) => ({ checkedDownTo: from, corrupt: { height: -1, reason: err.message } }))
    if (this._store === undefined) return
    this.integrity = r
    if (r.corrupt !== undefined) this.log?.error('ledger integrity: stored chain is corrupt', { height: r.corrupt.height, reason: r.corrupt.reason })
    else if (r.checkedDownTo === 0) this.log?.info('ledger integrity: stored chain verified', { blocks: from + 1, ms: Date.now() - t0 })
  }

  async stop(): Promise<void> {
    await this._store?.close()
    this._store = undefined
  }

  onCommit(listener: CommitListener): void {
    this.listeners.push(listener)
  }

  /** Persists and applies a committed block (atomically), then tells the listeners. */
  async append(block: Block, cert: CommitCertificate, executed?: ExecutedBlock): Promise<ApplyResult> {
    const result = await this.store.appendBlock(block, cert, executed === undefined ? { annex: true } : { executed, annex: true })
    this.notify(block, cert, result)
    return result
  }

  /**
   * Persists consecutive blocks executed by consensus with one atomic write (one fsync), applies
   * them, then tells the listeners about each one in order. All or nothing (see appendExecuted).
   */
  async appendMany(items: ReadonlyArray<{ block: Block, cert: CommitCertificate, executed: ExecutedBlock }>, verifier?: SignatureVerifier): Promise<ApplyResult[]> {
    const results = await this.store.appendExecuted(items, { annex: true, verifier })
    items.forEach(({ block, cert }, i) => this.notify(block, cert, results[i]))
    return results
  }

  /** Tells every listener about a stored block; a failing listener is logged, not propagated. */
  private notify(block: Block, cert: CommitCertificate, result: ApplyResult & { annex?: RecordAnnex }): void {
    const ev: CommitEvent = { block, cert, result, headerHash: headerHash(block.header), annex: result.annex! }
    for (const l of this.listeners) {
      try {
        l(ev)
      } catch (err) {
        this.log?.error('commit listener failed', { error: (err as Error).message })
      }
    }
  }

  async chainInfo(count: number): Promise<{ networkId: string, height: number, headHash: string, headers: HeaderSummary[], integrity: ScanResult | null }> {
    const head = this.store.head
    const headers: HeaderSummary[] = []
    for (let h = head.height; h >= Math.max(0, head.height - count + 1); h--) {
      const header = await this.store.getHeader(h)
      if (header !== undefined) headers.push(summarizeHeader(header))
    }
    return { networkId: this.genesis.networkId, height: head.height, headHash: toHex(head.headerHash), headers, integrity: this.integrity }
  }

  /**
   * Every transaction and recorded outcome on the chain that concerns a terminal, oldest first:
   * its registration, access requests, chain updates and renewals, authentications as subject or
   * verifier (paper B traceability), revocation, and every refusal with its reason.
   */
  async audit(terminal: string): Promise<AuditEntry[]> {
    const id = parseTerminalId(terminal)
    const hex = toHex(id)
    const out: AuditEntry[] = []
    for (let h = 1; h <= this.store.head.height; h++) {
      const block = await this.store.getBlock(h)
      const results = await this.store.getResults(h) ?? []
      if (block === undefined) continue
      block.txs.forEach((raw, i) => {
        const res = results[i]
        let d: ReturnType<typeof decodeTx> | undefined
        try { d = decodeTx(raw) } catch { d = undefined }
        const involved = new Set<string>()
        if (res !== undefined && res.terminalId.length > 0) involved.add(toHex(res.terminalId))
        if (d !== undefined && d.client !== 'operator') involved.add(toHex(d.client))
        let detail: Record<string, unknown> = {}
        if (d?.tx.type === TxType.AuthRecord) {
          const ar = d.tx.body
          involved.add(toHex(ar.subjectId))
          detail = { verifier: toHex(ar.verifierId), subject: toHex(ar.subjectId), success: ar.success, outcome: ar.success ? 'accepted' : REASON_NAMES[ar.reason] ?? `reason-${ar.reason}`, time: ar.time }
        } else if (d?.tx.type === TxType.Revocation) {
          involved.add(toHex(d.tx.body.terminalId))
          detail = { reason: d.tx.body.reason }
        } else if (d?.tx.type === TxType.Access) {
          detail = { resource: d.tx.body.resource, time: d.tx.body.timestamp }
        }
        if (!involved.has(hex)) return
        out.push({
          height: h, time: block.header!.timestamp, type: TX_TYPE_NAMES[res?.type ?? d?.tx.type ?? 0] ?? 'unknown',
          code: res?.code ?? -1, result: res === undefined ? 'unknown' : REASON_NAMES[res.code] ?? `reason-${res.code}`, detail
        })
      })
    }
    return out
  }

  viewInfo(terminal?: string): Array<{ terminal: string, headerHash: string, height: number, chainHeight: number, latestIdentityHash: string, revoked: boolean }> {
    const state = this.store.state
    const ids: Uint8Array[] = []
    if (terminal !== undefined) {
      const id = parseTerminalId(terminal)
      if (state.getRecord(id) === undefined) throw new ControlMethodError('not-found', `no terminal ${terminal} on the chain`)
      ids.push(id)
    } else {
      for (const r of state.records) ids.push(r.terminalId)
    }
    return ids.map((id) => {
      const v = viewOf(state, id)!
      return { terminal: toHex(id), headerHash: toHex(v.headerHash), height: v.height, chainHeight: v.chainHeight, latestIdentityHash: toHex(v.latestIdentityHash), revoked: v.revoked }
    })
  }
}

/** A terminal id given to a control method: 32 bytes in hex, or a bad-argument error. */
export function parseTerminalId(terminal: string): Uint8Array {
  try {
    const id = fromHex(terminal)
    if (id.length === 32) return id
  } catch { /* reported below */ }
  throw new ControlMethodError('bad-argument', `'${terminal}' is not a terminal id (64 hex digits)`)
}
