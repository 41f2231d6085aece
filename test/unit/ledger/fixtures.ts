// Deterministic fixtures for ledger tests: keys, genesis, terminals with hash chains, and a
// small block producer that signs commit certificates.
import { sha256 } from '../../../src/crypto/hash.js'
import { hashChainStep } from '../../../src/crypto/hashchain.js'
import { signingKeyFromSeed, type SigningKey } from '../../../src/crypto/ed25519.js'
import {
  apply, buildBlock, certificateHash, genesisState, loadGenesis, makeAccessTx, makeAuthRecordTx, makeChainRenewalTx,
  makeChainUpdateTx, makeCommitCertificate, makeEnrollment, makeRegistrationTx, quorumSize, signCommit, terminalIdOf,
  type Block, type CommitCertificate, type Genesis, type LedgerState, type TerminalIdentity, type TxResult
} from '../../../src/ledger/index.js'

const te = new TextEncoder()
export const seedOf = (label: string): Uint8Array => sha256(te.encode(label))
export const keyOf = (label: string): SigningKey => signingKeyFromSeed(seedOf(label))
export const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex')

export const NET = 'gridauth-test'
export const operator = keyOf('operator')
export const validatorKeys = [0, 1, 2, 3].map(i => keyOf(`validator-${i}`))

export function genesisJson (overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    version: 1,
    networkId: NET,
    genesisTime: 1_700_000_000_000,
    operatorPublicKey: hex(operator.publicKey),
    validators: validatorKeys.map((k, i) => ({ publicKey: hex(k.publicKey), address: `/ip4/10.0.0.${i + 1}/tcp/4001` })),
    redundancy: 2,
    hashChainLength: 100,
    batching: { maxTxPerBlock: 1000, windowMs: 50 },
    timeouts: { requestMs: 2000, viewChangeMs: 4000 },
    vrfSeed: hex(new Uint8Array(64).fill(7)),
    certificateValidityMs: 3_600_000,
    accessWindowMs: 30_000,
    ...overrides
  }
}

export const genesis: Genesis = loadGenesis(JSON.stringify(genesisJson()))

/** A terminal with its key, identity and an in-memory hash chain h_i = H^i(seed). */
export class Terminal {
  readonly key: SigningKey
  readonly identity: TerminalIdentity
  readonly id: Uint8Array
  chain: Uint8Array[] = []
  /** Index of the latest published value (chain[pos] is on the ledger). */
  pos = 0
  requestId = 0
  epoch = 0

  constructor (readonly label: string, opts: { serial?: string, skipKey?: Uint8Array, key?: SigningKey, chainLength?: number } = {}) {
    this.key = opts.key ?? keyOf(`terminal-${label}`)
    this.identity = {
      networkAddress: `/dns4/${label}.grid.local/tcp/4001`,
      verificationCode: seedOf(`vc-${label}`).slice(0, 16),
      deviceType: 'DTU',
      vendor: 'acme',
      serial: opts.serial ?? `SN-${label}`,
      skipKey: opts.skipKey ?? seedOf(`skip-${label}`),
      membershipVector: Uint8Array.of(label.length & 0xff, 0x5a),
      publicKey: this.key.publicKey
    } as TerminalIdentity
    this.id = terminalIdOf(this.identity)
    this.newChain(opts.chainLength ?? 8)
  }

  newChain (n: number): void {
    const c = [seedOf(`chain-${this.label}-${this.epoch++}`)]
    for (let i = 1; i <= n; i++) c.push(hashChainStep(c[i - 1]))
    this.chain = c
    this.pos = n
  }

  get anchor (): Uint8Array { return this.chain[this.chain.length - 1] }

  enrollment (opts: { expiresAt?: number, operatorKey?: SigningKey, networkId?: string } = {}) {
    return makeEnrollment(opts.operatorKey ?? operator, opts.networkId ?? NET, this.identity, { enrolledAt: 1, expiresAt: opts.expiresAt ?? 0 })
  }

  registerTx (opts: { expiresAt?: number, operatorKey?: SigningKey, networkId?: string, signer?: SigningKey } = {}): Uint8Array {
    return makeRegistrationTx(opts.signer ?? this.key, NET, this.enrollment(opts), {
      chainAnchor: this.anchor, chainLength: this.chain.length - 1, requestId: ++this.requestId
    })
  }

  /** Next unspent chain value (does not advance). */
  nextValue (): Uint8Array { return this.chain[this.pos - 1] }

  updateTx (value?: Uint8Array, requestId?: number): Uint8Array {
    const v = value ?? this.chain[--this.pos]
    return makeChainUpdateTx(this.key, NET, { terminalId: this.id, value: v, requestId: requestId ?? ++this.requestId })
  }

  renewTx (n: number): Uint8Array {
    const last = this.chain[this.pos - 1]
    this.newChain(n)
    return makeChainRenewalTx(this.key, NET, { terminalId: this.id, lastValue: last, newAnchor: this.anchor, newLength: n, requestId: ++this.requestId })
  }

  accessTx (state: LedgerState, time: number, opts: { certHash?: Uint8Array, requestId?: number } = {}): Uint8Array {
    const rec = state.getRecord(this.id)
    const certHash = opts.certHash ?? (rec !== undefined ? certificateHash(rec.certificate!) : new Uint8Array(32))
    return makeAccessTx(this.key, NET, {
      terminalId: this.id, certificateHash: certHash, timestamp: time, nonce: seedOf(`nonce-${this.requestId}`).slice(0, 16),
      requestId: opts.requestId ?? ++this.requestId, resource: 'scada'
    })
  }

  authRecordTx (subject: Terminal, time: number, success = true): Uint8Array {
    return makeAuthRecordTx(this.key, NET, { verifierId: this.id, subjectId: subject.id, time, success, requestId: ++this.requestId })
  }
}

/** Produces, certifies and applies blocks on a state. */
export class Producer {
  readonly state: LedgerState
  readonly blocks: Array<{ block: Block, cert: CommitCertificate }> = []
  view = 0
  keys = validatorKeys

  constructor (g: Genesis = genesis, state?: LedgerState) {
    this.state = state ?? genesisState(g)
  }

  get time (): number { return this.state.timestamp }

  make (txs: Uint8Array[], dt = 1000): { block: Block, cert: CommitCertificate } {
    const proposer = this.keys[this.state.height % this.keys.length]
    const { block } = buildBlock(this.state, {
      view: this.view,
      proposer: proposer.publicKey,
      vrfProof: Uint8Array.from([...seedOf(`p1-${this.state.height}`), ...seedOf(`p2-${this.state.height}`), ...seedOf(`p3-${this.state.height}`).slice(0, 16)]),
      vrfSeed: Uint8Array.from([...seedOf(`s1-${this.state.height}`), ...seedOf(`s2-${this.state.height}`)]),
      timestamp: this.state.timestamp + dt,
      txs
    })
    const q = quorumSize(this.keys.length)
    const cert = makeCommitCertificate(block.header, this.keys.slice(0, q).map(k => signCommit(k, block.header)))
    return { block, cert }
  }

  /** Builds, certifies and applies a block; returns the results. */
  step (txs: Uint8Array[], dt = 1000): TxResult[] {
    const bc = this.make(txs, dt)
    const { results } = apply(this.state, bc.block)
    this.blocks.push(bc)
    return results
  }
}
