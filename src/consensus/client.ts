// Client side of /gridauth/tx/1.0.0 (protocols/tx.md): submit a ledger tx to a validator, fail over
// to the next validator on error or timeout (resending the same tx is safe: the request id
// de-duplicates it), and check the receipt against the validator set (self-verifying).
import { multiaddr } from '@multiformats/multiaddr'
import { peerIdFromString } from '@libp2p/peer-id'
import type { Libp2p, PeerId } from '@libp2p/interface'
import { RpcEndpoint } from '../net/rpc.js'
import { TxSubmit, TxReceipt } from '../wire/tx.js'
import {
  decodeCommitCertificate, decodeHeader, verifyCommitCertificate, decodeTx, toHex,
  type BlockHeader, type CommitCertificate, type ValidatorInfo
} from '../ledger/index.js'
import { TX_PROTOCOL } from './tx-protocol.js'

export interface ClientReceipt {
  txHash: Uint8Array
  code: number
  height: number
  header: BlockHeader
  certificate: CommitCertificate
  index: number
  /** Validator that answered. */
  validator: number
}

const endpoints = new WeakMap<Libp2p, { ep: RpcEndpoint, users: number, started?: Promise<void> }>()

export class TxClient {
  readonly endpoint: RpcEndpoint
  private readonly peers: PeerId[]
  private cur: number

  constructor(private readonly libp2p: Libp2p, readonly validators: readonly ValidatorInfo[], private readonly opts: { attemptTimeoutMs?: number, deadlineMs?: number, prefer?: number, verify?: boolean } = {}) {
    let e = endpoints.get(libp2p)
    if (e === undefined) {
      e = { ep: new RpcEndpoint(libp2p, TX_PROTOCOL, {}, { maxFrameBytes: 64 << 10, requestTimeoutMs: 10_000, maxInboundStreams: 1 }), users: 0 }
      endpoints.set(libp2p, e)
    }
    e.users++
    this.endpoint = e.ep
    this.peers = validators.map(v => peerIdFromString(multiaddr(v.address).getComponents().findLast(c => c.name === 'p2p')!.value!))
    this.cur = (opts.prefer ?? 0) % validators.length
  }

  async start(): Promise<void> {
    const e = endpoints.get(this.libp2p)!
    e.started ??= this.endpoint.start()
    await e.started
  }

  async stop(): Promise<void> {
    const e = endpoints.get(this.libp2p)
    if (e !== undefined && --e.users === 0) { endpoints.delete(this.libp2p); await this.endpoint.stop() }
  }

  get current(): number { return this.cur }

  /** Submits and waits for the commit receipt, failing over between validators until the deadline. */
  async submit(tx: Uint8Array): Promise<ClientReceipt> {
    const deadline = Date.now() + (this.opts.deadlineMs ?? 60_000)
    const body = TxSubmit.encode({ tx: tx as Uint8Array<ArrayBuffer>, wait: true })
    let lastErr: Error | undefined
    while (Date.now() < deadline) {
      const i = this.cur
      try {
        if (this.libp2p.getConnections(this.peers[i]).length === 0) await this.libp2p.dial(multiaddr(this.validators[i].address), { signal: AbortSignal.timeout(2000) })
        const resp = TxReceipt.decode(await this.endpoint.request(this.peers[i], body, { timeoutMs: this.opts.attemptTimeoutMs ?? 3000 }))
        if (resp.status === 0) return this.check(tx, resp, i)
        lastErr = new Error(`validator ${i} rejected the tx: ${resp.error}`)
        if (resp.error === 'malformed' || resp.error === 'bad-signature') throw lastErr
      } catch (err) {
        lastErr = err as Error
        if (/rejected the tx: (malformed|bad-signature)/.test(lastErr.message)) throw lastErr
      }
      this.cur = (this.cur + 1) % this.validators.length
    }
    throw lastErr ?? new Error('deadline passed')
  }

  private check(tx: Uint8Array, r: TxReceipt, validator: number): ClientReceipt {
    const header = decodeHeader(r.header)
    const certificate = decodeCommitCertificate(r.certificate)
    if (this.opts.verify !== false) {
      // Valid for the genesis set; after a validator-set change, check with the set before the block.
      if (!verifyCommitCertificate(header, certificate, this.validators)) throw new Error('receipt: invalid commit certificate')
      if (toHex(r.txHash) !== toHex(decodeTx(tx).hash)) throw new Error('receipt: for another transaction')
    }
    return { txHash: r.txHash, code: r.code, height: r.height, header, certificate, index: r.index, validator }
  }
}
