// A light follower of the committed chain: the headers and their commit certificates, checked
// link by link, without executing blocks. Terminals and storage nodes use it to know what is
// committed, to check record proofs (verifyRecordProof against a header it holds) and blocks
// fetched from the skip graph (their header hash must be one it holds). Pure: no I/O.
// Memory is bounded: only the last `window` headers (the head among them) are held; the chain
// grows by a header per block for the node's whole life, so the shell keeps every accepted
// header on disk and reads older ones from there.
import type { Block, BlockHeader, ValidatorInfo } from './state.js'
import type { CommitCertificate } from './block.js'
import { verifyCommitCertificate } from './block.js'
import { headerHash, toHex, validatorsHash } from './codec.js'
import { decodeTx } from './tx.js'
import { TxType } from './constants.js'
import { merkleRoot, bytesEqual } from '../crypto/merkle.js'
import type { Genesis } from './genesis.js'
import { genesisHeader } from './state.js'

export type AcceptResult =
  | { ok: true }
  | { ok: false, reason: 'not-next' | 'bad-link' | 'bad-certificate' | 'wrong-network' | 'bad-body', detail: string }
  /** The header changes the validator set: hand the block body to acceptBlock instead. */
  | { ok: false, reason: 'need-body', detail: string }


/** Headers a HeaderChain holds in memory by default (~1 KB each). */
export const DEFAULT_HEADER_WINDOW = 1024

export class HeaderChain {
  /** Headers of heights oldest..height, and their hashes (hex). */
  private readonly headers: BlockHeader[] = []
  private readonly hashes: string[] = []
  private base = 0
  private readonly byHash = new Map<string, number>()
  /** The set that signs the next block. */
  private validators: readonly ValidatorInfo[]

  constructor(readonly genesis: Genesis, readonly window = DEFAULT_HEADER_WINDOW) {
    if (!Number.isInteger(window) || window < 1) throw new RangeError('window must be a positive integer')
    const g = genesisHeader(genesis)
    this.validators = genesis.validators
    this.push(g)
  }

  get height(): number {
    return this.base + this.headers.length - 1
  }

  /** Lowest height whose header is still held (older ones: header() is undefined). */
  get oldest(): number {
    return this.base
  }

  get head(): BlockHeader {
    return this.headers[this.headers.length - 1]
  }

  get headHash(): string {
    return this.hashes[this.hashes.length - 1]
  }

  get currentValidators(): readonly ValidatorInfo[] {
    return this.validators
  }

  /** The header at `height`, if it is on the chain and within the window held. */
  header(height: number): BlockHeader | undefined {
    return height >= this.base ? this.headers[height - this.base] : undefined
  }

  /** The height of a committed header with this hash (hex), if it is on the chain within the window held. */
  heightOf(hashHex: string): number | undefined {
    return this.byHash.get(hashHex)
  }

  /** Accepts the next header if it links to the head and carries a valid certificate. */
  accept(header: BlockHeader, cert: CommitCertificate): AcceptResult {
    const pre = this.check(header, cert)
    if (!pre.ok) return pre
    if (!bytesEqual(header.validatorsHash, this.head.validatorsHash)) {
      return { ok: false, reason: 'need-body', detail: `block ${header.height} changes the validator set` }
    }
    this.push(header)
    return { ok: true }
  }

  /** Accepts the next block with its body; needed when it changes the validator set. */
  acceptBlock(block: Block, cert: CommitCertificate): AcceptResult {
    const header = block.header!
    const pre = this.check(header, cert)
    if (!pre.ok) return pre
    if (!bytesEqual(merkleRoot(block.txs), header.txRoot)) return { ok: false, reason: 'bad-body', detail: 'transactions do not match tx_root' }
    if (!bytesEqual(header.validatorsHash, this.head.validatorsHash)) {
      // The certified header commits to the new set's hash; a set-change tx in its body that
      // hashes to it is the new set.
      let next: readonly ValidatorInfo[] | undefined
      for (const raw of block.txs) {
        try {
          const d = decodeTx(raw)
          if (d.tx.type === TxType.ValidatorSet && bytesEqual(validatorsHash(d.tx.body.validators), header.validatorsHash)) next = d.tx.body.validators
        } catch { /* other or malformed txs were recorded as failures by the ledger */ }
      }
      if (next === undefined) return { ok: false, reason: 'bad-body', detail: 'no validator-set change matches validators_hash' }
      this.push(header)
      this.validators = next
      return { ok: true }
    }
    this.push(header)
    return { ok: true }
  }

  private check(header: BlockHeader, cert: CommitCertificate): AcceptResult {
    if (header.networkId !== this.genesis.networkId) return { ok: false, reason: 'wrong-network', detail: header.networkId }
    if (header.height !== this.height + 1) return { ok: false, reason: 'not-next', detail: `expected height ${this.height + 1}, got ${header.height}` }
    if (!bytesEqual(header.prevHash, Buffer.from(this.headHash, 'hex'))) return { ok: false, reason: 'bad-link', detail: `block ${header.height} does not link to ${this.headHash.slice(0, 16)}` }
    if (!verifyCommitCertificate(header, cert, this.validators)) return { ok: false, reason: 'bad-certificate', detail: `block ${header.height}` }
    return { ok: true }
  }

  private push(header: BlockHeader): void {
    const h = toHex(headerHash(header))
    this.byHash.set(h, header.height)
    this.headers.push(header)
    this.hashes.push(h)
    while (this.headers.length > this.window) {
      this.headers.shift()
      this.byHash.delete(this.hashes.shift()!)
      this.base++
    }
  }
}
