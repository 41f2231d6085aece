// Ledger state and the deterministic state machine.
//
// State = records (one per registered terminal, at a fixed leaf index) + meta (network,
// genesis hash, height, time, operator key, validator set, operator sequence, VRF seed).
//   stateRoot = SHA-256("gridauth/state/1" || recordTreeRoot || u64be(recordCount) || SHA-256(encoded LedgerMeta))
// Records are immutable values; LedgerState is a mutable container. Block execution is split:
//   executeBlock(state, block)  -> ExecutedBlock   pure, O(txs + changed*log n), state untouched
//   commitBlock(state, executed)                    mutates state in place, O(changed*log n)
//   apply(state, block) = commit(execute)           throws BlockError and leaves state intact
// For speculation (e.g. a replica validating a pre-prepare) use executeBlock, or state.clone()
// (O(n)) when a whole alternative history is needed.
//
// Replay protection is entirely in committed state: every terminal transaction carries a
// per-terminal request id that must strictly increase (records keep last_request_id), operator
// transactions an operator sequence number (meta op_seq); access requests and authentication
// records must also be timestamped within +-accessWindowMs of the block time. Hence no nonce
// set is needed; the nonce of an access request only makes each signed request unique.
import { sha256 } from '../crypto/hash.js'
import { bytesEqual, leafHash, merkleRoot } from '../crypto/merkle.js'
import type * as wire from '../wire/ledger.js'
import { defaultChainHash, type ChainHash } from './chainhash.js'
import { ab, certificateHash, codecs, decodeCanonical, headerHash, terminalIdOf, toHex, txHash, validatorsHash } from './codec.js'
import {
  Domain, HASH_LEN, LEDGER_VERSION, MAX_BLOCK_TXS, MAX_CHAIN_LENGTH, MAX_CHAIN_SKIP, MAX_CHAIN_VALUE_LEN, MAX_MEMBERSHIP_VECTOR_LEN,
  MAX_ADDRESS_LEN, MAX_REASON_LEN, MAX_RESOURCE_LEN, MAX_SHORT_FIELD_LEN, MAX_TX_BYTES, MAX_VERIFICATION_CODE_LEN,
  MIN_VERIFICATION_CODE_LEN, NONCE_MAX_LEN, NONCE_MIN_LEN, PUBLIC_KEY_LEN, Reason, SKIP_KEY_LEN, TxType,
  VRF_PROOF_LEN, VRF_SEED_LEN, netDomain, type ReasonCode
} from './constants.js'
import { validatorSetError, type Genesis } from './genesis.js'
import { RecordTree, type TreePlan } from './tree.js'
import { touchedList } from './touched.js'
import { directVerifier, type SignatureCache, type SignatureVerifier } from './sigcache.js'

export type TerminalRecord = wire.TerminalRecord
export type BlockHeader = wire.BlockHeader
export type TxResult = wire.TxResult
export type ValidatorInfo = wire.ValidatorInfo

export interface Block {
  header: BlockHeader
  /** Encoded Tx envelopes, exactly as signed and hashed. */
  txs: Uint8Array[]
}

export class BlockError extends Error {
  constructor (message: string) {
    super(message)
    this.name = 'BlockError'
  }
}

export interface LedgerOptions {
  /** Hash-chain step function; default SHA-256 (see chainhash.ts). */
  chainHash?: ChainHash
}

const STATE_TAG = new TextEncoder().encode('gridauth/state/1')
const ZERO_HASH = new Uint8Array(HASH_LEN)

function u64be(n: number): Uint8Array {
  const b = new Uint8Array(8)
  new DataView(b.buffer).setBigUint64(0, BigInt(n))
  return b
}

/** stateRoot = SHA-256(tag || recordsRoot || u64be(count) || metaHash). */
export function combineStateRoot(recordsRoot: Uint8Array, count: number, metaHash: Uint8Array): Uint8Array {
  return sha256(STATE_TAG, recordsRoot, u64be(count), metaHash)
}

export function serialKey(identity: wire.TerminalIdentity): string {
  return `${identity.vendor}\u0000${identity.serial}`
}

export function recordLeaf(record: TerminalRecord): Uint8Array {
  return leafHash(codecs.record.encode(record))
}

export class LedgerState {
  readonly genesis: Genesis
  readonly chainHash: ChainHash
  height = 0
  timestamp = 0
  lastHeaderHash: Uint8Array = ZERO_HASH
  validators: readonly ValidatorInfo[] = []
  opSeq = 0
  vrfSeed: Uint8Array = new Uint8Array(0)
  /** Records by leaf index (immutable values, replaced on change). */
  readonly records: TerminalRecord[]
  readonly tree: RecordTree
  /** Indexes (derived from records, not committed separately). Keys are hex / serialKey. */
  readonly byId: Map<string, number>
  readonly byKey: Map<string, number>
  readonly bySerial: Map<string, number>
  readonly bySkipKey: Map<string, number>
  /** Blockchain view: terminal id hex -> header hash of the block holding its latest data. */
  readonly headerOfLatest: Map<string, Uint8Array>
  private _metaHash: Uint8Array | null = null

  constructor (genesis: Genesis, opts: LedgerOptions = {}, parts?: {
    records: TerminalRecord[], tree: RecordTree, byId: Map<string, number>, byKey: Map<string, number>,
    bySerial: Map<string, number>, bySkipKey: Map<string, number>, headerOfLatest: Map<string, Uint8Array>
  }) {
    this.genesis = genesis
    this.chainHash = opts.chainHash ?? defaultChainHash
    this.records = parts?.records ?? []
    this.tree = parts?.tree ?? new RecordTree()
    this.byId = parts?.byId ?? new Map()
    this.byKey = parts?.byKey ?? new Map()
    this.bySerial = parts?.bySerial ?? new Map()
    this.bySkipKey = parts?.bySkipKey ?? new Map()
    this.headerOfLatest = parts?.headerOfLatest ?? new Map()
  }

  get networkId (): string { return this.genesis.networkId }
  get recordCount (): number { return this.records.length }

  meta (): wire.LedgerMeta {
    return metaOf(this.genesis, this.height, this.timestamp, this.validators, this.opSeq, this.vrfSeed)
  }

  metaHash (): Uint8Array {
    return (this._metaHash ??= sha256(codecs.meta.encode(this.meta())))
  }

  stateRoot (): Uint8Array {
    return combineStateRoot(this.tree.root(), this.records.length, this.metaHash())
  }

  getRecord (terminalId: Uint8Array): TerminalRecord | undefined {
    const i = this.byId.get(toHex(terminalId))
    return i === undefined ? undefined : this.records[i]
  }

  getRecordByKey (publicKey: Uint8Array): TerminalRecord | undefined {
    const i = this.byKey.get(toHex(publicKey))
    return i === undefined ? undefined : this.records[i]
  }

  getRecordBySkipKey (skipKey: Uint8Array): TerminalRecord | undefined {
    const i = this.bySkipKey.get(toHex(skipKey))
    return i === undefined ? undefined : this.records[i]
  }

  isValidator (publicKey: Uint8Array): boolean {
    return this.validators.some(v => bytesEqual(v.publicKey, publicKey))
  }

  /** Deep enough copy for speculation: O(n) containers, records shared (immutable). */
  clone (): LedgerState {
    const s = new LedgerState(this.genesis, { chainHash: this.chainHash }, {
      records: this.records.slice(),
      tree: this.tree.clone(),
      byId: new Map(this.byId),
      byKey: new Map(this.byKey),
      bySerial: new Map(this.bySerial),
      bySkipKey: new Map(this.bySkipKey),
      headerOfLatest: new Map(this.headerOfLatest)
    })
    s.height = this.height
    s.timestamp = this.timestamp
    s.lastHeaderHash = this.lastHeaderHash
    s.validators = this.validators
    s.opSeq = this.opSeq
    s.vrfSeed = this.vrfSeed
    return s
  }

  /** @internal */
  invalidateMeta (): void { this._metaHash = null }
}

export function metaOf (g: Genesis, height: number, timestamp: number, validators: readonly ValidatorInfo[], opSeq: number, vrfSeed: Uint8Array): wire.LedgerMeta {
  return {
    networkId: g.networkId,
    genesisHash: ab(g.hash),
    height,
    timestamp,
    operatorKey: ab(g.operatorKey),
    validators: validators.slice(),
    opSeq,
    vrfSeed: ab(vrfSeed)
  }
}

// ------------------------------------------------------------------ genesis

/** Header of the genesis block (height 0). */
export function genesisHeader (g: Genesis, opts: LedgerOptions = {}): BlockHeader {
  return genesisState(g, opts).genesisHeaderCache!
}

interface GenesisStateExtra { genesisHeaderCache?: BlockHeader }

/** State after the genesis block: no records, the genesis validators, height 0. */
export function genesisState (g: Genesis, opts: LedgerOptions = {}): LedgerState & GenesisStateExtra {
  const s = new LedgerState(g, opts) as LedgerState & GenesisStateExtra
  s.height = 0
  s.timestamp = g.genesisTime
  s.validators = g.validators.slice()
  s.vrfSeed = g.vrfSeed
  const header: BlockHeader = {
    version: LEDGER_VERSION,
    networkId: g.networkId,
    height: 0,
    view: 0,
    prevHash: ab(ZERO_HASH),
    txRoot: ab(merkleRoot([])),
    txCount: 0,
    stateRoot: ab(s.stateRoot()),
    resultsRoot: ab(merkleRoot([])),
    validatorsHash: ab(validatorsHash(s.validators)),
    proposer: ab(new Uint8Array(0)),
    vrfProof: ab(new Uint8Array(0)),
    vrfSeed: ab(g.vrfSeed),
    timestamp: g.genesisTime,
    touched: ab(new Uint8Array(0))
  }
  s.lastHeaderHash = headerHash(header)
  s.genesisHeaderCache = header
  return s
}

export function genesisBlock (g: Genesis, opts: LedgerOptions = {}): Block {
  return { header: genesisHeader(g, opts), txs: [] }
}

// ------------------------------------------------------------------ execution

/** One record changed by a block: the new value, its leaf index and canonical bytes. */
export interface ChangedRecord {
  readonly index: number
  readonly record: TerminalRecord
  readonly bytes: Uint8Array
  readonly isNew: boolean
}

/** Result of executing a block against a state, not yet committed. */
export interface ExecutedBlock {
  readonly header: BlockHeader
  readonly headerHash: Uint8Array
  readonly results: TxResult[]
  readonly changed: readonly ChangedRecord[]
  readonly validators: readonly ValidatorInfo[]
  readonly opSeq: number
  readonly meta: wire.LedgerMeta
  readonly metaBytes: Uint8Array
  readonly stateRoot: Uint8Array
  readonly resultsRoot: Uint8Array
  /** Pre-state identity (commitBlock checks it). */
  readonly prevHeight: number
  readonly prevHeaderHash: Uint8Array
  /** @internal */
  readonly treePlan: TreePlan
}

class Exec {
  readonly changed = new Map<number, TerminalRecord>()
  count: number
  readonly newIds = new Map<string, number>()
  readonly newKeys = new Map<string, number>()
  readonly newSerials = new Map<string, number>()
  readonly newSkipKeys = new Map<string, number>()
  validators: readonly ValidatorInfo[]
  opSeq: number
  readonly net: string
  readonly operatorKey: Uint8Array

  constructor (readonly base: LedgerState, readonly height: number, readonly time: number, readonly sig: SignatureVerifier) {
    this.count = base.records.length
    this.validators = base.validators
    this.opSeq = base.opSeq
    this.net = base.networkId
    this.operatorKey = base.genesis.operatorKey
  }

  rec (i: number): TerminalRecord {
    return this.changed.get(i) ?? this.base.records[i]
  }

  indexOf (id: Uint8Array): number | undefined {
    const h = toHex(id)
    return this.newIds.get(h) ?? this.base.byId.get(h)
  }
}

type Outcome = { code: ReasonCode, terminalId?: Uint8Array }

const fail = (code: ReasonCode, terminalId?: Uint8Array): Outcome => ({ code, terminalId })

function isCanonicalDecodeOk<T> (codec: { encode: (o: T) => Uint8Array, decode: (b: Uint8Array) => T }, bytes: Uint8Array): T | null {
  try {
    return decodeCanonical(codec, bytes, 'body')
  } catch {
    return null
  }
}

function identityError (id: wire.TerminalIdentity | undefined): boolean {
  if (id === undefined) return true
  return id.networkAddress.length === 0 || id.networkAddress.length > MAX_ADDRESS_LEN ||
    id.verificationCode.length < MIN_VERIFICATION_CODE_LEN || id.verificationCode.length > MAX_VERIFICATION_CODE_LEN ||
    id.deviceType.length > MAX_SHORT_FIELD_LEN || id.vendor.length > MAX_SHORT_FIELD_LEN ||
    id.serial.length === 0 || id.serial.length > MAX_SHORT_FIELD_LEN ||
    id.skipKey.length !== SKIP_KEY_LEN || id.membershipVector.length > MAX_MEMBERSHIP_VECTOR_LEN ||
    id.publicKey.length !== PUBLIC_KEY_LEN
}

function chainValueOk (v: Uint8Array): boolean {
  return v.length >= 16 && v.length <= MAX_CHAIN_VALUE_LEN
}

/** Classifies a value that is not a preimage of `latest`: a replay if it is latest or a recent spent value. */
/** k in 1..MAX_CHAIN_SKIP with H^k(value) = latest, or 0. */
function chainSteps (ex: Exec, value: Uint8Array, latest: Uint8Array): number {
  let h = value
  for (let k = 1; k <= MAX_CHAIN_SKIP; k++) {
    h = ex.base.chainHash(h)
    if (bytesEqual(h, latest)) return k
  }
  return 0
}

function badChainValue (ex: Exec, value: Uint8Array, latest: Uint8Array): ReasonCode {
  let h = latest
  for (let k = 0; k < 16; k++) {
    if (bytesEqual(h, value)) return Reason.ReplayedChainValue
    h = ex.base.chainHash(h)
  }
  return Reason.InvalidChainValue
}

function execRegistration (ex: Exec, tx: wire.Tx): Outcome {
  const reg = isCanonicalDecodeOk(codecs.registration, tx.body)
  if (reg === null || reg.enrollment === undefined) return fail(Reason.Malformed)
  const enr = isCanonicalDecodeOk(codecs.enrollment, reg.enrollment.body)
  if (enr === null || identityError(enr.identity)) return fail(Reason.Malformed)
  const identity = enr.identity!
  const terminalId = terminalIdOf(identity)
  if (reg.chainAnchor.length !== HASH_LEN || reg.chainLength < 2 || reg.chainLength > MAX_CHAIN_LENGTH) return fail(Reason.Malformed, terminalId)
  if (enr.networkId !== ex.net) return fail(Reason.WrongNetwork, terminalId)
  if (!ex.sig.verify(ex.operatorKey, netDomain(Domain.Enrollment, ex.net), reg.enrollment.body, reg.enrollment.signature)) {
    return fail(Reason.UnknownOperator, terminalId)
  }
  if (enr.expiresAt !== 0 && ex.time > enr.expiresAt) return fail(Reason.EnrollmentInvalid, terminalId)
  if (!ex.sig.verify(identity.publicKey, netDomain(Domain.tx(TxType.Registration), ex.net), tx.body, tx.signature)) {
    return fail(Reason.BadSignature, terminalId)
  }
  const idHex = toHex(terminalId)
  if (ex.newIds.has(idHex) || ex.base.byId.has(idHex)) return fail(Reason.DuplicateTerminal, terminalId)
  const keyHex = toHex(identity.publicKey)
  if (ex.newKeys.has(keyHex) || ex.base.byKey.has(keyHex)) return fail(Reason.DuplicateKey, terminalId)
  const ser = serialKey(identity)
  if (ex.newSerials.has(ser) || ex.base.bySerial.has(ser)) return fail(Reason.DuplicateSerial, terminalId)
  const skip = toHex(identity.skipKey)
  if (ex.newSkipKeys.has(skip) || ex.base.bySkipKey.has(skip)) return fail(Reason.DuplicateSkipKey, terminalId)
  const index = ex.count++
  const certificate: wire.Certificate = {
    networkId: ex.net,
    terminalId: ab(terminalId),
    publicKey: identity.publicKey,
    notBefore: ex.time,
    notAfter: ex.time + ex.base.genesis.certificateValidityMs,
    issuedHeight: ex.height
  }
  const record: TerminalRecord = {
    terminalId: ab(terminalId),
    identity,
    certificate,
    leafIndex: index,
    latestIdentityHash: reg.chainAnchor,
    chainHeight: reg.chainLength,
    chainLength: reg.chainLength,
    chainEpoch: 0,
    lastRequestId: reg.requestId,
    lastUpdateHeight: ex.height,
    revoked: false,
    revokedHeight: 0,
    lastAccessTime: 0
  }
  ex.changed.set(index, record)
  ex.newIds.set(idHex, index)
  ex.newKeys.set(keyHex, index)
  ex.newSerials.set(ser, index)
  ex.newSkipKeys.set(skip, index)
  return { code: Reason.Ok, terminalId }
}

/** Common checks of a terminal-signed transaction; returns the signer's record index or a failure. */
function terminalPrecheck (ex: Exec, tx: wire.Tx, terminalId: Uint8Array, requestId: number): Outcome | number {
  if (terminalId.length !== HASH_LEN) return fail(Reason.Malformed)
  const i = ex.indexOf(terminalId)
  if (i === undefined) return fail(Reason.UnknownTerminal, terminalId)
  const r = ex.rec(i)
  if (!ex.sig.verify(r.identity!.publicKey, netDomain(Domain.tx(tx.type), ex.net), tx.body, tx.signature)) {
    return fail(Reason.BadSignature, terminalId)
  }
  if (r.revoked) return fail(Reason.Revoked, terminalId)
  if (ex.time > r.certificate!.notAfter) return fail(Reason.CertificateExpired, terminalId)
  if (requestId <= r.lastRequestId) return fail(Reason.StaleRequest, terminalId)
  return i
}

function withinWindow (ex: Exec, t: number): boolean {
  return Math.abs(t - ex.time) <= ex.base.genesis.accessWindowMs
}

function execAccess (ex: Exec, tx: wire.Tx): Outcome {
  const req = isCanonicalDecodeOk(codecs.access, tx.body)
  if (req === null) return fail(Reason.Malformed)
  if (req.nonce.length < NONCE_MIN_LEN || req.nonce.length > NONCE_MAX_LEN || req.resource.length > MAX_RESOURCE_LEN ||
    req.certificateHash.length !== HASH_LEN) return fail(Reason.Malformed, req.terminalId)
  const i = terminalPrecheck(ex, tx, req.terminalId, req.requestId)
  if (typeof i !== 'number') return i
  const r = ex.rec(i)
  if (!bytesEqual(req.certificateHash, certificateHash(r.certificate!))) return fail(Reason.CertificateMismatch, req.terminalId)
  if (!withinWindow(ex, req.timestamp)) return fail(Reason.TimestampOutOfWindow, req.terminalId)
  ex.changed.set(i, { ...r, lastRequestId: req.requestId, lastAccessTime: req.timestamp, lastUpdateHeight: ex.height })
  return { code: Reason.Ok, terminalId: req.terminalId }
}

function execChainUpdate (ex: Exec, tx: wire.Tx): Outcome {
  const up = isCanonicalDecodeOk(codecs.chainUpdate, tx.body)
  if (up === null) return fail(Reason.Malformed)
  if (!chainValueOk(up.value)) return fail(Reason.Malformed, up.terminalId)
  const i = terminalPrecheck(ex, tx, up.terminalId, up.requestId)
  if (typeof i !== 'number') return i
  const r = ex.rec(i)
  const k = chainSteps(ex, up.value, r.latestIdentityHash)
  if (k === 0) return fail(badChainValue(ex, up.value, r.latestIdentityHash), up.terminalId)
  // The last preimage (chain height 0) is reserved for authenticating a renewal.
  if (r.chainHeight - k < 1) return fail(Reason.ChainExhausted, up.terminalId)
  ex.changed.set(i, {
    ...r, latestIdentityHash: up.value, chainHeight: r.chainHeight - k, lastRequestId: up.requestId, lastUpdateHeight: ex.height
  })
  return { code: Reason.Ok, terminalId: up.terminalId }
}

function execChainRenewal (ex: Exec, tx: wire.Tx): Outcome {
  const rn = isCanonicalDecodeOk(codecs.chainRenewal, tx.body)
  if (rn === null) return fail(Reason.Malformed)
  if (!chainValueOk(rn.lastValue) || rn.newAnchor.length !== HASH_LEN || rn.newLength < 2 || rn.newLength > MAX_CHAIN_LENGTH) {
    return fail(Reason.Malformed, rn.terminalId)
  }
  const i = terminalPrecheck(ex, tx, rn.terminalId, rn.requestId)
  if (typeof i !== 'number') return i
  const r = ex.rec(i)
  if (chainSteps(ex, rn.lastValue, r.latestIdentityHash) === 0) {
    return fail(badChainValue(ex, rn.lastValue, r.latestIdentityHash), rn.terminalId)
  }
  ex.changed.set(i, {
    ...r,
    latestIdentityHash: rn.newAnchor,
    chainHeight: rn.newLength,
    chainLength: rn.newLength,
    chainEpoch: r.chainEpoch + 1,
    lastRequestId: rn.requestId,
    lastUpdateHeight: ex.height
  })
  return { code: Reason.Ok, terminalId: rn.terminalId }
}

function execAuthRecord (ex: Exec, tx: wire.Tx): Outcome {
  const ar = isCanonicalDecodeOk(codecs.authRecord, tx.body)
  if (ar === null) return fail(Reason.Malformed)
  if (ar.subjectId.length !== HASH_LEN || ar.reason > 0xffff) return fail(Reason.Malformed, ar.verifierId)
  const i = terminalPrecheck(ex, tx, ar.verifierId, ar.requestId)
  if (typeof i !== 'number') return i
  if (!withinWindow(ex, ar.time)) return fail(Reason.TimestampOutOfWindow, ar.verifierId)
  const r = ex.rec(i)
  ex.changed.set(i, { ...r, lastRequestId: ar.requestId, lastUpdateHeight: ex.height })
  return { code: Reason.Ok, terminalId: ar.verifierId }
}

function operatorSigOk (ex: Exec, tx: wire.Tx): boolean {
  return ex.sig.verify(ex.operatorKey, netDomain(Domain.tx(tx.type), ex.net), tx.body, tx.signature)
}

function execRevocation (ex: Exec, tx: wire.Tx): Outcome {
  const rv = isCanonicalDecodeOk(codecs.revocation, tx.body)
  if (rv === null) return fail(Reason.Malformed)
  if (rv.terminalId.length !== HASH_LEN || rv.reason.length > MAX_REASON_LEN) return fail(Reason.Malformed)
  if (!operatorSigOk(ex, tx)) return fail(Reason.BadSignature, rv.terminalId)
  if (rv.opSeq <= ex.opSeq) return fail(Reason.StaleOperatorSeq, rv.terminalId)
  const i = ex.indexOf(rv.terminalId)
  if (i === undefined) return fail(Reason.UnknownTerminal, rv.terminalId)
  const r = ex.rec(i)
  if (r.revoked) return fail(Reason.AlreadyRevoked, rv.terminalId)
  ex.opSeq = rv.opSeq
  ex.changed.set(i, { ...r, revoked: true, revokedHeight: ex.height, lastUpdateHeight: ex.height })
  return { code: Reason.Ok, terminalId: rv.terminalId }
}

function execValidatorSet (ex: Exec, tx: wire.Tx): Outcome {
  const vs = isCanonicalDecodeOk(codecs.validatorSet, tx.body)
  if (vs === null) return fail(Reason.Malformed)
  if (!operatorSigOk(ex, tx)) return fail(Reason.BadSignature)
  if (vs.opSeq <= ex.opSeq) return fail(Reason.StaleOperatorSeq)
  if (validatorSetError(vs.validators) !== null) return fail(Reason.InvalidValidatorSet)
  ex.opSeq = vs.opSeq
  ex.validators = vs.validators
  return { code: Reason.Ok }
}

function execTx (ex: Exec, bytes: Uint8Array): TxResult {
  const hash = txHash(bytes)
  let type = 0
  let out: Outcome
  if (bytes.length > MAX_TX_BYTES) {
    out = fail(Reason.TxTooLarge)
  } else {
    const tx = isCanonicalDecodeOk(codecs.tx, bytes)
    if (tx === null) {
      out = fail(Reason.Malformed)
    } else {
      type = tx.type
      switch (tx.type) {
        case TxType.Registration: out = execRegistration(ex, tx); break
        case TxType.Access: out = execAccess(ex, tx); break
        case TxType.ChainUpdate: out = execChainUpdate(ex, tx); break
        case TxType.ChainRenewal: out = execChainRenewal(ex, tx); break
        case TxType.AuthRecord: out = execAuthRecord(ex, tx); break
        case TxType.Revocation: out = execRevocation(ex, tx); break
        case TxType.ValidatorSet: out = execValidatorSet(ex, tx); break
        default: out = fail(Reason.UnknownTxType)
      }
    }
  }
  const tid = out.terminalId !== undefined && out.terminalId.length === HASH_LEN ? out.terminalId : new Uint8Array(0)
  return { txHash: ab(hash), type, code: out.code, terminalId: ab(tid) }
}

/** Header fields a proposer chooses; the roots are computed by buildBlock. */
export interface ProposalFields {
  view: number
  proposer: Uint8Array
  vrfProof: Uint8Array
  vrfSeed: Uint8Array
  timestamp: number
  txs: Uint8Array[]
}

function checkHeaderStatic (state: LedgerState, h: BlockHeader, txs: Uint8Array[]): void {
  if (h.version !== LEDGER_VERSION) throw new BlockError(`unsupported block version ${h.version}`)
  if (h.networkId !== state.networkId) throw new BlockError(`block for network "${h.networkId}", expected "${state.networkId}"`)
  if (h.height !== state.height + 1) throw new BlockError(`block height ${h.height}, expected ${state.height + 1}`)
  if (!bytesEqual(h.prevHash, state.lastHeaderHash)) throw new BlockError(`block ${h.height}: previous hash does not match`)
  if (!Number.isSafeInteger(h.timestamp) || h.timestamp <= state.timestamp) {
    throw new BlockError(`block ${h.height}: timestamp ${h.timestamp} not after previous ${state.timestamp}`)
  }
  if (!state.isValidator(h.proposer)) throw new BlockError(`block ${h.height}: proposer is not a validator`)
  if (h.vrfProof.length !== VRF_PROOF_LEN) throw new BlockError(`block ${h.height}: VRF proof must be ${VRF_PROOF_LEN} bytes`)
  if (h.vrfSeed.length !== VRF_SEED_LEN) throw new BlockError(`block ${h.height}: VRF seed must be ${VRF_SEED_LEN} bytes`)
  if (txs.length > MAX_BLOCK_TXS) throw new BlockError(`block ${h.height}: more than ${MAX_BLOCK_TXS} transactions`)
  if (h.txCount !== txs.length) throw new BlockError(`block ${h.height}: tx_count ${h.txCount} but ${txs.length} transactions`)
}

/** Execution options. */
export interface ExecOptions {
  /** Signature verifier, e.g. a SignatureCache filled when requests arrived. Default: verify each. */
  verifier?: SignatureVerifier
}

function run (state: LedgerState, header: BlockHeader, txs: Uint8Array[], opts: ExecOptions): Omit<ExecutedBlock, 'header' | 'headerHash'> {
  const ex = new Exec(state, header.height, header.timestamp, opts.verifier ?? directVerifier)
  const results = txs.map(t => execTx(ex, t))
  const changed: ChangedRecord[] = []
  const leafUpdates = new Map<number, Uint8Array>()
  for (const [index, record] of [...ex.changed.entries()].sort((a, b) => a[0] - b[0])) {
    const bytes = codecs.record.encode(record)
    leafUpdates.set(index, leafHash(bytes))
    changed.push({ index, record, bytes, isNew: index >= state.records.length })
  }
  const treePlan = state.tree.plan(leafUpdates, ex.count)
  const meta = metaOf(state.genesis, header.height, header.timestamp, ex.validators, ex.opSeq, header.vrfSeed)
  const metaBytes = codecs.meta.encode(meta)
  const stateRoot = combineStateRoot(treePlan.root, ex.count, sha256(metaBytes))
  const resultsRoot = merkleRoot(results.map(r => codecs.txResult.encode(r)))
  return {
    results, changed, validators: ex.validators, opSeq: ex.opSeq, meta, metaBytes, stateRoot, resultsRoot,
    prevHeight: state.height, prevHeaderHash: state.lastHeaderHash, treePlan
  }
}

/** The header's touched list for the records a block changed (view.ts). */
function touchedOf (changed: readonly ChangedRecord[]): Uint8Array<ArrayBuffer> {
  return touchedList(changed.map(c => c.record.terminalId))
}

/** Builds the next block from proposal fields (computes all roots). Does not mutate state. */
export function buildBlock (state: LedgerState, p: ProposalFields, opts: ExecOptions = {}): { block: Block, executed: ExecutedBlock } {
  const header: BlockHeader = {
    version: LEDGER_VERSION,
    networkId: state.networkId,
    height: state.height + 1,
    view: p.view,
    prevHash: ab(state.lastHeaderHash),
    txRoot: ab(merkleRoot(p.txs)),
    txCount: p.txs.length,
    stateRoot: ab(ZERO_HASH),
    resultsRoot: ab(ZERO_HASH),
    validatorsHash: ab(ZERO_HASH),
    proposer: ab(p.proposer),
    vrfProof: ab(p.vrfProof),
    vrfSeed: ab(p.vrfSeed),
    timestamp: p.timestamp,
    touched: ab(new Uint8Array(0))
  }
  checkHeaderStatic(state, header, p.txs)
  const r = run(state, header, p.txs, opts)
  header.stateRoot = ab(r.stateRoot)
  header.resultsRoot = ab(r.resultsRoot)
  header.validatorsHash = ab(validatorsHash(r.validators))
  header.touched = touchedOf(r.changed)
  const block: Block = { header, txs: p.txs }
  return { block, executed: { ...r, header, headerHash: headerHash(header) } }
}

/** Validates and executes a block against state without changing it. Throws BlockError. */
export function executeBlock (state: LedgerState, block: Block, opts: ExecOptions = {}): ExecutedBlock {
  const h = block.header
  checkHeaderStatic(state, h, block.txs)
  if (!bytesEqual(h.txRoot, merkleRoot(block.txs))) throw new BlockError(`block ${h.height}: transaction root does not match`)
  const r = run(state, h, block.txs, opts)
  if (!bytesEqual(h.resultsRoot, r.resultsRoot)) throw new BlockError(`block ${h.height}: results root does not match`)
  if (!bytesEqual(h.stateRoot, r.stateRoot)) throw new BlockError(`block ${h.height}: state root does not match`)
  if (!bytesEqual(h.validatorsHash, validatorsHash(r.validators))) throw new BlockError(`block ${h.height}: validators hash does not match`)
  if (!bytesEqual(h.touched, touchedOf(r.changed))) throw new BlockError(`block ${h.height}: touched list does not match`)
  return { ...r, header: h, headerHash: headerHash(h) }
}

/** Commits an executed block into state (in place). O(changed records * log n). */
export function commitBlock (state: LedgerState, ex: ExecutedBlock): void {
  if (state.height !== ex.prevHeight || !bytesEqual(state.lastHeaderHash, ex.prevHeaderHash)) {
    throw new BlockError(`executed block ${ex.header.height} does not extend the current state (height ${state.height})`)
  }
  for (const c of ex.changed) {
    state.records[c.index] = c.record
    const idHex = toHex(c.record.terminalId)
    if (c.isNew) {
      const idn = c.record.identity!
      state.byId.set(idHex, c.index)
      state.byKey.set(toHex(idn.publicKey), c.index)
      state.bySerial.set(serialKey(idn), c.index)
      state.bySkipKey.set(toHex(idn.skipKey), c.index)
    }
    state.headerOfLatest.set(idHex, ex.headerHash)
  }
  state.tree.commit(ex.treePlan)
  state.height = ex.header.height
  state.timestamp = ex.header.timestamp
  state.lastHeaderHash = ex.headerHash
  state.validators = ex.validators
  state.opSeq = ex.opSeq
  state.vrfSeed = ex.header.vrfSeed
  state.invalidateMeta()
}

export interface ApplyResult {
  state: LedgerState
  results: TxResult[]
  headerHash: Uint8Array
}

/** Applies a block in place (see module comment). Throws BlockError and leaves state unchanged on an invalid block. */
export function apply (state: LedgerState, block: Block, opts: ExecOptions = {}): ApplyResult {
  const ex = executeBlock(state, block, opts)
  commitBlock(state, ex)
  return { state, results: ex.results, headerHash: ex.headerHash }
}

// ------------------------------------------------------------------ blockchain view

export interface ViewEntry {
  /** Header hash of the block that holds the terminal's latest data. */
  headerHash: Uint8Array
  height: number
  chainHeight: number
  latestIdentityHash: Uint8Array
  revoked: boolean
}

/** Paper B's blockchain view entry for a terminal. */
export function viewOf (state: LedgerState, terminalId: Uint8Array): ViewEntry | undefined {
  const r = state.getRecord(terminalId)
  if (r === undefined) return undefined
  return {
    headerHash: state.headerOfLatest.get(toHex(terminalId)) ?? ZERO_HASH,
    height: r.lastUpdateHeight,
    chainHeight: r.chainHeight,
    latestIdentityHash: r.latestIdentityHash,
    revoked: r.revoked
  }
}

// ------------------------------------------------------------------ loading

/**
 * Rebuilds a state from stored parts (records in leaf order + meta + last header hash),
 * e.g. after a restart. Derived indexes and the tree are recomputed: O(n).
 * headerOfLatest is filled from `headerHashAt` (height -> header hash) when given.
 */
export function stateFromParts (genesis: Genesis, opts: LedgerOptions, records: TerminalRecord[], meta: wire.LedgerMeta,
  lastHeaderHash: Uint8Array, headerHashAt?: (height: number) => Uint8Array | undefined): LedgerState {
  const s = new LedgerState(genesis, opts, {
    records,
    tree: RecordTree.fromLeaves(records.map(recordLeaf)),
    byId: new Map(), byKey: new Map(), bySerial: new Map(), bySkipKey: new Map(), headerOfLatest: new Map()
  })
  records.forEach((r, i) => {
    if (r.leafIndex !== i) throw new Error(`record at ${i} has leaf index ${r.leafIndex}`)
    const idHex = toHex(r.terminalId)
    s.byId.set(idHex, i)
    s.byKey.set(toHex(r.identity!.publicKey), i)
    s.bySerial.set(serialKey(r.identity!), i)
    s.bySkipKey.set(toHex(r.identity!.skipKey), i)
    const hh = headerHashAt?.(r.lastUpdateHeight)
    if (hh !== undefined) s.headerOfLatest.set(idHex, hh)
  })
  s.height = meta.height
  s.timestamp = meta.timestamp
  s.validators = meta.validators
  s.opSeq = meta.opSeq
  s.vrfSeed = meta.vrfSeed
  s.lastHeaderHash = lastHeaderHash
  return s
}

// ------------------------------------------------------------------ signature pre-verification

/** One signature a transaction needs checked: ship to a worker, then SignatureCache.addVerified. */
export interface SignatureCheck {
  publicKey: Uint8Array
  domain: string
  message: Uint8Array
  signature: Uint8Array
}

/**
 * The signatures `txBytes` carries, with the keys the state machine will check them against
 * in `state` (terminal keys come from the registry). Empty if the tx is malformed or its
 * signer unknown (execution will then fail it anyway).
 */
export function signaturesOf (state: LedgerState, txBytes: Uint8Array): SignatureCheck[] {
  const tx = txBytes.length <= MAX_TX_BYTES ? isCanonicalDecodeOk(codecs.tx, txBytes) : null
  if (tx === null) return []
  const net = state.networkId
  const own = (publicKey: Uint8Array): SignatureCheck => ({ publicKey, domain: netDomain(Domain.tx(tx.type), net), message: tx.body, signature: tx.signature })
  const byId = (id: Uint8Array | undefined): SignatureCheck[] => {
    const r = id === undefined ? undefined : state.getRecord(id)
    return r === undefined ? [] : [own(r.identity!.publicKey)]
  }
  switch (tx.type) {
    case TxType.Registration: {
      const reg = isCanonicalDecodeOk(codecs.registration, tx.body)
      const enr = reg?.enrollment === undefined ? null : isCanonicalDecodeOk(codecs.enrollment, reg.enrollment.body)
      if (reg === null || enr === null || enr.identity === undefined) return []
      return [
        { publicKey: state.genesis.operatorKey, domain: netDomain(Domain.Enrollment, net), message: reg.enrollment!.body, signature: reg.enrollment!.signature },
        own(enr.identity.publicKey)
      ]
    }
    case TxType.Access: return byId(isCanonicalDecodeOk(codecs.access, tx.body)?.terminalId)
    case TxType.ChainUpdate: return byId(isCanonicalDecodeOk(codecs.chainUpdate, tx.body)?.terminalId)
    case TxType.ChainRenewal: return byId(isCanonicalDecodeOk(codecs.chainRenewal, tx.body)?.terminalId)
    case TxType.AuthRecord: return byId(isCanonicalDecodeOk(codecs.authRecord, tx.body)?.verifierId)
    case TxType.Revocation:
    case TxType.ValidatorSet: return [own(state.genesis.operatorKey)]
    default: return []
  }
}

/** Verifies a transaction's signatures now and caches successes; true if all are valid. */
export function preverifyTx (state: LedgerState, txBytes: Uint8Array, cache: SignatureCache): boolean {
  const checks = signaturesOf(state, txBytes)
  return checks.length > 0 && checks.every(c => cache.verify(c.publicKey, c.domain, c.message, c.signature))
}
