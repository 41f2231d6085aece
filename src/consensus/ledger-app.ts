// The ledger as the PBFT core's replicated application, and the node's PBFT crypto.
//
// Mapping (protocols/pbft.md "Blocks and certificates"):
// - A core Block carries the ledger block: `requests[i].op` are the ledger Tx envelopes (in order),
//   `root` = the ledger tx_root, `app` = the encoded ledger BlockHeader built by the primary with
//   buildBlock on the speculative state of the parent (pipelining: the parent may be only prepared).
//   The core digest covers the header bytes, so one digest <-> one ledger header.
// - header.vrfProof / vrfSeed = the core's VRF proof / next seed (RFC 9381 ECVRF of the proposer over
//   vrfAlpha(height, seed)), header.proposer = the proposer's public key, header.view = proposal view,
//   header.timestamp = the proposer's clock (monotonic; backups accept at most `clockToleranceMs` ahead).
// - Backups re-execute (executeBlock on the parent's speculative state) before they PREPARE.
// - Every COMMIT carries the ledger commit signature signCommit(key, header); the 2f+1 COMMITs that
//   commit a block therefore carry its ledger CommitCertificate (verifyCommitCertificate).
import { sha256 } from '../crypto/hash.js'
import { merkleRoot, bytesEqual } from '../crypto/merkle.js'
import { signDomain, verifyDomain, type SigningKey } from '../crypto/ed25519.js'
import { vrfProve, vrfProofToHash, vrfVerify } from '../crypto/vrf.js'
import { createHash } from 'node:crypto'
import {
  buildBlock, decodeHeader, decodeTx, encodeHeader, executeBlock, commitBlock, headerHash, makeCommitCertificate, signCommit, cacheOwnCommitSignature,
  verifyCommitSignature, SignatureCache, signaturesOf, toHex, type SignatureVerifier,
  type Block as LedgerBlock, type BlockHeader, type CommitCertificate as LedgerCert, type ExecutedBlock, type LedgerState, type ValidatorInfo
} from '../ledger/index.js'
import { blockHash, hex } from '../pbft/codec.js'
import type { Block, ClientRequest, PbftApp, PbftCrypto } from '../pbft/types.js'

const EMPTY = new Uint8Array(0)
const ZERO_PROOF = new Uint8Array(80)

/** The de-duplication client of a ledger transaction: terminal id hex, or "operator". */
export function clientOfTx(tx: Uint8Array): { client: string, requestId: number } {
  const d = decodeTx(tx)
  return { client: d.client === 'operator' ? 'operator' : toHex(d.client), requestId: d.requestId }
}

/** Request ids: epoch = floor(requestId / 2^32), counter = requestId mod 2^32 (protocols/tx.md). */
export const EPOCH_SPAN = 2 ** 32
/** A verifier that takes every signature as valid (see executeCertified). */
const TRUSTING: SignatureVerifier = { verify: () => true }

/**
 * Executes a block whose header is certified (a 2f+1 commit certificate: the core calls
 * `execute` for committed blocks only) without checking its transactions' signatures first.
 * executeBlock compares the results root, state root, validators hash and touched list with the
 * header: when they match, the state reached IS the certified one (the roots are hashes of it),
 * whatever the signatures. Only a block holding a transaction that the validators refused for
 * its signature can differ, and that one is executed again with every signature checked. A
 * replica catching up after a restart executes blocks whose transactions it never saw arrive
 * (nothing pre-verified): their signatures were half its CPU time.
 */
export function executeCertified(state: LedgerState, block: LedgerBlock, verifier: SignatureVerifier): ExecutedBlock {
  try {
    return executeBlock(state, block, { verifier: TRUSTING })
  } catch {
    return executeBlock(state, block, { verifier })
  }
}

export function requestOfTx(tx: Uint8Array): ClientRequest {
  const { client, requestId } = clientOfTx(tx)
  return { client, epoch: Math.floor(requestId / EPOCH_SPAN), counter: requestId % EPOCH_SPAN, op: tx, sig: EMPTY }
}

interface Spec {
  height: number
  parent: string
  block: LedgerBlock
  executed: ExecutedBlock
  state?: LedgerState
}

export interface Executed {
  height: number
  coreHash: Uint8Array
  block: LedgerBlock
  executed: ExecutedBlock
}

export class LedgerApp implements PbftApp, PbftCrypto {
  /** State after the core's executed head. */
  headState: LedgerState
  /** Core digest of the executed head. */
  headCore: Uint8Array
  readonly cache = new SignatureCache()
  private readonly spec = new Map<string, Spec>()
  private readonly pubs: Uint8Array[]
  private readonly domain: string
  /** Filled by execute(); drained by the shell (ledger append + receipts). */
  readonly executedLog: Executed[] = []

  constructor(
    state: LedgerState, headCore: Uint8Array, readonly validators: readonly ValidatorInfo[], readonly me: number,
    private readonly key: SigningKey, private readonly now: () => number = Date.now, readonly clockToleranceMs = 2000
  ) {
    this.headState = state
    this.headCore = headCore
    this.pubs = validators.map(v => v.publicKey)
    this.domain = `pbft/1@${state.networkId}`
  }

  // ------------------------------------------------------------------ blocks

  static ledgerBlockOf(b: Block, header: BlockHeader): LedgerBlock {
    return { header, txs: b.requests.map(r => r.op) }
  }

  private baseFor(prevCore: Uint8Array): LedgerState | undefined {
    if (bytesEqual(prevCore, this.headCore)) return this.headState
    const s = this.spec.get(hex(prevCore))
    if (s === undefined) return undefined
    if (s.state === undefined) {
      const pb = this.baseFor(hex2(s.parent))
      if (pb === undefined) return undefined
      const st = pb.clone()
      commitBlock(st, s.executed)
      s.state = st
    }
    return s.state
  }

  /** Header of a null block (gap filler of a NEW-VIEW): deterministic from the parent's state. */
  private nullBlock(b: Block, base: LedgerState): { block: LedgerBlock, executed: ExecutedBlock } {
    return buildBlock(base, {
      view: 0, proposer: this.pubs[0], vrfProof: ZERO_PROOF, vrfSeed: createHash('sha512').update(b.nextSeed).digest(),
      timestamp: base.timestamp + 1, txs: []
    }, { verifier: this.cache })
  }

  /** The ledger header of a core block (null blocks need their parent's state). */
  headerOf(b: Block): BlockHeader | undefined {
    if (b.app !== undefined && b.app.length > 0) {
      const s = this.spec.get(hex(blockHash(b)))
      return s?.block.header ?? decodeHeader(b.app)
    }
    const key = hex(blockHash(b))
    const s = this.spec.get(key)
    if (s !== undefined) return s.block.header
    const base = this.baseFor(b.prevHash)
    if (base === undefined) return undefined
    const nb = this.nullBlock(b, base)
    this.spec.set(key, { height: b.height, parent: hex(b.prevHash), block: nb.block, executed: nb.executed })
    return nb.block.header
  }

  // ------------------------------------------------------------------ PbftApp

  digest(requests: readonly ClientRequest[]): Uint8Array {
    return merkleRoot(requests.map(r => r.op))
  }

  verifyRequest(req: ClientRequest): boolean {
    if (!(req.op instanceof Uint8Array)) return false
    try {
      const r = requestOfTx(req.op)
      return r.client === req.client && r.epoch === req.epoch && r.counter === req.counter
    } catch {
      return false
    }
  }

  /** Signature pre-verification on arrival; false only if a signature the ledger will check is invalid. */
  preverify(tx: Uint8Array): boolean {
    for (const c of signaturesOf(this.headState, tx)) if (!this.cache.verify(c.publicKey, c.domain, c.message, c.signature)) return false
    return true
  }

  propose(p: { height: number, view: number, prevHash: Uint8Array, proposer: number, vrfProof: Uint8Array, nextSeed: Uint8Array, root: Uint8Array, requests: readonly ClientRequest[] }): Uint8Array | null {
    const base = this.baseFor(p.prevHash)
    if (base === undefined) return null
    try {
      const { block, executed } = buildBlock(base, {
        view: p.view, proposer: this.pubs[this.me], vrfProof: p.vrfProof, vrfSeed: p.nextSeed,
        timestamp: Math.max(this.now(), base.timestamp + 1), txs: p.requests.map(r => r.op)
      }, { verifier: this.cache })
      const app = encodeHeader(block.header)
      const core: Block = { height: p.height, prevHash: p.prevHash, proposer: p.proposer, vrfProof: p.vrfProof, nextSeed: p.nextSeed, root: p.root, requests: p.requests, app }
      this.spec.set(hex(blockHash(core)), { height: p.height, parent: hex(p.prevHash), block, executed })
      return app
    } catch {
      return null
    }
  }

  validateProposal(height: number, prevHash: Uint8Array, requests: readonly ClientRequest[], b?: Block): true | string {
    if (b === undefined || b.app === undefined || b.app.length === 0) return 'no ledger header'
    let header: BlockHeader
    try {
      header = decodeHeader(b.app)
    } catch (err) {
      return `bad header: ${(err as Error).message}`
    }
    if (header.height !== height || b.proposer < 0 || b.proposer >= this.pubs.length || !bytesEqual(header.proposer, this.pubs[b.proposer])) return 'header does not match the proposal'
    if (!bytesEqual(header.vrfProof, b.vrfProof) || !bytesEqual(header.vrfSeed, b.nextSeed) || !bytesEqual(header.txRoot, b.root)) return 'header VRF/root mismatch'
    if (header.timestamp > this.now() + this.clockToleranceMs) return 'timestamp too far ahead'
    const base = this.baseFor(prevHash)
    if (base === undefined) return 'defer'
    const block = LedgerApp.ledgerBlockOf(b, header)
    try {
      const executed = executeBlock(base, block, { verifier: this.cache })
      this.spec.set(hex(blockHash(b)), { height, parent: hex(prevHash), block, executed })
      return true
    } catch (err) {
      return (err as Error).message
    }
  }

  execute(height: number, coreHash: Uint8Array, applied: readonly ClientRequest[], b?: Block): Uint8Array[] {
    if (b === undefined) throw new Error('ledger app: execute needs the block')
    const key = hex(coreHash)
    let s = this.spec.get(key)
    if (s === undefined || !bytesEqual(hex2(s.parent), this.headCore)) {
      if (b.app !== undefined && b.app.length > 0) {
        const block = LedgerApp.ledgerBlockOf(b, decodeHeader(b.app))
        s = { height, parent: hex(b.prevHash), block, executed: executeCertified(this.headState, block, this.cache) }
      } else {
        const nb = this.nullBlock(b, this.headState)
        s = { height, parent: hex(b.prevHash), block: nb.block, executed: nb.executed }
      }
    }
    let post = s.state
    if (post === undefined) {
      post = this.headState.clone()
      commitBlock(post, s.executed)
    }
    this.headState = post
    this.headCore = coreHash
    this.executedLog.push({ height, coreHash, block: s.block, executed: s.executed })
    for (const [k, v] of this.spec) if (v.height <= height) this.spec.delete(k)
    const out: Uint8Array[] = []
    for (const r of applied) {
      const i = b.requests.indexOf(r)
      const code = i >= 0 ? s.executed.results[i].code : 0
      out.push(Uint8Array.of(0, 0, (code >> 8) & 255, code & 255))
    }
    return out
  }

  stateDigest(): Uint8Array {
    return sha256(this.headState.lastHeaderHash, this.headState.stateRoot())
  }

  snapshot(): Uint8Array {
    const out = new Uint8Array(64)
    out.set(this.headState.lastHeaderHash, 0)
    out.set(this.headState.stateRoot(), 32)
    return out
  }

  snapshotDigest(s: Uint8Array): Uint8Array | null {
    return s instanceof Uint8Array && s.length === 64 ? sha256(s.subarray(0, 32), s.subarray(32)) : null
  }

  /** The shell brings the ledger store to the snapshot's header first (see component); here we adopt it. */
  restoreFrom: (() => LedgerState | undefined) | undefined
  restore(s: Uint8Array): void {
    const st = this.restoreFrom?.()
    if (st === undefined || !bytesEqual(st.lastHeaderHash, s.subarray(0, 32))) throw new Error('ledger app: snapshot state not available locally')
    this.headState = st
    this.spec.clear()
  }

  // ------------------------------------------------------------------ PbftCrypto

  sign(bytes: Uint8Array): Uint8Array {
    return signDomain(this.key, this.domain, bytes)
  }

  verify(replica: number, bytes: Uint8Array, sig: Uint8Array): boolean {
    const pub = this.pubs[replica]
    return pub !== undefined && sig instanceof Uint8Array && sig.length === 64 && verifyDomain(pub, this.domain, bytes, sig)
  }

  /** Proofs computed ahead of time (precomputeProof) or already used, by alpha. */
  private readonly proofs = new Map<string, { proof: Uint8Array, output: Uint8Array }>()
  /** VRF verification results by replica|alpha|proof (a proof is checked once per replica). */
  private readonly vrfOk = new Map<string, Uint8Array | null>()

  vrfProve(alpha: Uint8Array): { proof: Uint8Array, output: Uint8Array } {
    return this.precomputeProof(alpha)
  }

  /** The proof this replica will need to propose at `alpha`'s height (computed once, cached). */
  precomputeProof(alpha: Uint8Array): { proof: Uint8Array, output: Uint8Array } {
    const k = hex(alpha)
    let r = this.proofs.get(k)
    if (r === undefined) {
      const proof = vrfProve(this.key.seed, alpha)
      r = { proof, output: vrfProofToHash(proof) }
      if (this.proofs.size >= 64) this.proofs.delete(this.proofs.keys().next().value!)
      this.proofs.set(k, r)
    }
    return r
  }

  hasProof(alpha: Uint8Array): boolean { return this.proofs.has(hex(alpha)) }

  vrfVerify(replica: number, alpha: Uint8Array, proof: Uint8Array): Uint8Array | null {
    const pub = this.pubs[replica]
    if (pub === undefined || !(proof instanceof Uint8Array) || proof.length !== 80) return null
    const k = `${replica}|${hex(alpha)}|${hex(proof)}`
    const hit = this.vrfOk.get(k)
    if (hit !== undefined) return hit
    const out = vrfVerify(pub, alpha, proof)
    if (this.vrfOk.size >= 1024) this.vrfOk.delete(this.vrfOk.keys().next().value!)
    this.vrfOk.set(k, out)
    return out
  }

  commitExt(block: Block): Uint8Array {
    const h = this.headerOf(block)
    if (h === undefined) return EMPTY
    const s = signCommit(this.key, h)
    cacheOwnCommitSignature(this.cache, h, s)
    return s.signature
  }

  verifyCommitExt(replica: number, block: Block, ext: Uint8Array): boolean {
    const pub = this.pubs[replica]
    if (pub === undefined || ext.length !== 64) return false
    const h = this.headerOf(block)
    if (h === undefined) return false
    // through the cache: the ledger store checks the same signatures again when the block is
    // appended (appendMany is given this cache), and then finds them here
    return verifyCommitSignature(h, { publicKey: pub as Uint8Array<ArrayBuffer>, signature: ext as Uint8Array<ArrayBuffer> }, this.cache)
  }

  /** The ledger CommitCertificate carried by a core commit certificate's votes. */
  ledgerCert(header: BlockHeader, votes: readonly { replica: number, ext?: Uint8Array }[]): LedgerCert {
    return makeCommitCertificate(header, votes.map(v => ({ publicKey: this.pubs[v.replica] as Uint8Array<ArrayBuffer>, signature: (v.ext ?? EMPTY) as Uint8Array<ArrayBuffer> })))
  }
}

function hex2(h: string | Uint8Array): Uint8Array {
  return typeof h === 'string' ? Uint8Array.from(Buffer.from(h, 'hex')) : h
}
