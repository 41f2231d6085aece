// The 'auth' component: the authentication flows of both papers on libp2p.
//   /gridauth/register/1.0.0  (validators serve) registration of an enrolled terminal (paper A 2.1)
//   /gridauth/access/1.0.0    (validators serve) access authentication by PBFT (paper A 2.2)
//   /gridauth/auth/1.0.0      (terminals serve)  hash-chain peer authentication (paper B 2.3)
// Terminal side: register(), access(), authenticate(peer). After a peer authentication the
// subject records its spent chain value and the verifier records the outcome (traceability),
// both through consensus, serialised per terminal and batched by the primary.
import { randomBytes } from 'node:crypto'
import type { PeerId } from '@libp2p/interface'
import { peerIdFromString } from '@libp2p/peer-id'
import { multiaddr } from '@multiformats/multiaddr'
import type { NodeComponent, NodeContext } from '../node/component.js'
import { ControlMethodError } from '../node/control-server.js'
import { RpcEndpoint, RpcError } from '../net/rpc.js'
import { SubmitRequest, SubmitResult, AuthHello, AuthReply, AuthJudged } from '../wire/auth.js'
import {
  decodeTx, makeAccessTx, makeAuthRecordTx, makeChainUpdateTx, makeChainRenewalTx, makeRegistrationTx, certificateHash, toHex, fromHex,
  encodeHeader, encodeCommitCertificate, encodeRecord, encodeRecordProof, proveRecord, decodeHeader,
  REASON_NAMES, Reason, TxType, type Genesis, type TerminalRecord
} from '../ledger/index.js'
import { codecs } from '../ledger/codec.js'
import { verifyChainValueWithin, hashChainStep } from '../crypto/hashchain.js'
import { MAX_CHAIN_SKIP } from '../ledger/constants.js'
import { recordOf, type ChainComponent } from '../chain/chain-component.js'
import type { LedgerComponent } from '../chain/ledger-component.js'
import { hedged } from '../util/hedged.js'
import type { SkipGraphService } from '../skipgraph/service/index.js'
import { TerminalState } from './terminal-state.js'
import { SerialSubmitter, type TxSubmitter, type TxReceipt } from './submitter.js'
import type { Logger } from '../util/log.js'
import type { SigningKey } from '../crypto/ed25519.js'
import { peerIdFromPublicKey } from '@libp2p/peer-id'
import { publicKeyFromRaw } from '@libp2p/crypto/keys'
import { bytesEqual } from '../crypto/merkle.js'
import { setTimeout as sleep } from 'node:timers/promises'

export const REGISTER_PROTOCOL = '/gridauth/register/1.0.0'
export const ACCESS_PROTOCOL = '/gridauth/access/1.0.0'
export const AUTH_PROTOCOL = '/gridauth/auth/1.0.0'
export const AUTH_MAX_FRAME_BYTES = 64 * 1024
/** Renew the hash chain (in the background) when this few values are left, or a quarter of a short chain. */
export const RENEW_THRESHOLD = 4
const renewThreshold = (t: TerminalState): number => Math.min(RENEW_THRESHOLD, Math.floor(t.wallet.length / 4))
/** A validator silent this long on a registration or access request gets company from the next. */
const VALIDATOR_HEDGE_MS = 3_000
/** Chain values a verifier remembers per subject, so one cannot be replayed before it is recorded. */
export const SEEN_VALUES_PER_TERMINAL = 64
/** Revealed values allowed out before their record commits (MAX_CHAIN_SKIP minus a crash margin). */
export const UNRECORDED_LIMIT = MAX_CHAIN_SKIP - 2
/**
 * How long an initiator waits for the verifier's verdict. The verifier may have to wait for the
 * subject's last renewal to commit (up to 5 s) and ask several validators for a fresh record.
 */
export const AUTH_REPLY_TIMEOUT_MS = 30_000
/**
 * How long an authentication this terminal starts may wait for a value to show (its spent values
 * not yet recorded fill the margin verifiers allow, so it waits for their records to commit).
 * Past it the request is refused `busy` rather than left waiting on a backlog of its own: with
 * AUTH_REPLY_TIMEOUT_MS after it, every request is answered within 90 s.
 */
export const NEXT_VALUE_WAIT_MS = 60_000
/** A peer's failed authentications go on the chain at most once per this interval (the rest are counted). */
export const FAILURE_RECORD_INTERVAL_MS = 10_000
/**
 * How long a verifier's own value from a mutual authentication waits for the initiator's
 * AuthJudged before it is recorded anyway (an initiator that crashed or lost the stream). The
 * initiator may take many seconds to check it on a busy network; recorded before, it would look
 * spent. The value also holds back a hash-chain renewal while it waits.
 */
export const MUTUAL_RECORD_DELAY_MS = 30_000
/** A verifier tells an initiator `busy` rather than let it time out waiting for a value to show. */
const MUTUAL_VALUE_WAIT_MS = AUTH_REPLY_TIMEOUT_MS - 10_000

/** A mutual value shown to `peer`, as awaitingJudgement keys it. */
const judgementKey = (peer: PeerId, value: Uint8Array): string => `${peer.toString()} ${toHex(value)}`

/** Peer-authentication refusal reasons beyond the ledger's codes (auth.md). */
export const AuthReason = {
  WrongPeer: 100,
  LookupFailed: 101,
  VerifierNotReady: 102,
  BadRequest: 103
} as const

export function reasonName(code: number): string {
  return REASON_NAMES[code] ?? Object.entries(AuthReason).find(([, v]) => v === code)?.[0] ?? `reason-${code}`
}

export interface AuthOutcome {
  accepted: boolean
  reason: number
  reasonName: string
  detail: string
  latencyMs: number
  peerTerminal?: string
}

export interface AuthServiceOptions {
  genesis: Genesis
  /** The enrollment file from `gridauth enroll` (first start of a terminal). */
  enrollmentFile?: string
  /** How transactions reach consensus on this node (validators: local; others: /gridauth/tx). */
  submitter: (ctx: NodeContext) => TxSubmitter
}

export class AuthService implements NodeComponent {
  readonly name = 'auth'
  private ctx!: NodeContext
  private log!: Logger
  private chain!: ChainComponent
  private ledger: LedgerComponent | undefined
  /** This terminal's own transactions, one at a time (request ids must arrive in order). */
  private submitter!: SerialSubmitter
  /** Other terminals' transactions relayed by a validator: concurrent, batched by the primary. */
  private relay!: TxSubmitter
  private terminal: TerminalState | undefined
  private endpoints: RpcEndpoint[] = []
  private authEp: RpcEndpoint | undefined
  private readonly seen = new Map<string, string[]>()
  /** Background submissions (chain updates, auth records): awaited on stop. */
  private readonly background = new Set<Promise<unknown>>()
  private stopping = false

  constructor(private readonly opts: AuthServiceOptions) {}

  get key(): SigningKey {
    return this.ctx.signingKey
  }

  get terminalId(): Uint8Array | undefined {
    return this.terminal?.terminalId
  }

  async start(ctx: NodeContext): Promise<void> {
    this.ctx = ctx
    this.log = ctx.logger('auth')
    const chain = ctx.component<ChainComponent>('chain')
    if (chain === undefined) throw new Error('auth needs the chain component')
    this.chain = chain
    this.ledger = ctx.component<LedgerComponent>('ledger')
    this.relay = this.opts.submitter(ctx)
    this.submitter = new SerialSubmitter(this.relay)
    this.terminal = await TerminalState.open(ctx.datastore, {
      enrollmentFile: this.opts.enrollmentFile,
      publicKey: ctx.signingKey.publicKey,
      chainLength: this.opts.genesis.hashChainLength
    })
    if (this.ledger !== undefined) {
      this.endpoints.push(new RpcEndpoint(ctx.libp2p, REGISTER_PROTOCOL, { onRequest: async (_p, b) => await this.serveSubmit(b, TxType.Registration) }, { maxFrameBytes: AUTH_MAX_FRAME_BYTES, ratePerPeer: 20 }))
      this.endpoints.push(new RpcEndpoint(ctx.libp2p, ACCESS_PROTOCOL, { onRequest: async (_p, b) => await this.serveSubmit(b, TxType.Access) }, { maxFrameBytes: AUTH_MAX_FRAME_BYTES, ratePerPeer: 50 }))
    } else {
      // Clients of the validators' protocols: outbound streams only.
      this.endpoints.push(new RpcEndpoint(ctx.libp2p, REGISTER_PROTOCOL, {}, { maxFrameBytes: AUTH_MAX_FRAME_BYTES }))
      this.endpoints.push(new RpcEndpoint(ctx.libp2p, ACCESS_PROTOCOL, {}, { maxFrameBytes: AUTH_MAX_FRAME_BYTES }))
    }
    this.authEp = new RpcEndpoint(ctx.libp2p, AUTH_PROTOCOL, {
      onRequest: async (peer, body) => await this.serveAuth(peer, body),
      onMessage: (peer, body) => { this.judged(peer, AuthJudged.decode(body).value) }
    }, { maxFrameBytes: 4096, ratePerPeer: 50, maxInflightPerPeer: 8 })
    this.endpoints.push(this.authEp)
    for (const ep of this.endpoints) await ep.start()
    ctx.control.register('register', async () => await this.register())
    ctx.control.register('access', async (p) => await this.access(typeof p.resource === 'string' ? p.resource : ''))
    ctx.control.register('auth', async (p) => await this.authenticate(String(p.peer ?? ''), p.mutual === true))
    ctx.control.register('identity', () => this.identityInfo())
    ctx.control.register('submit', async (p) => {
      let tx: Uint8Array
      try {
        tx = fromHex(String(p.tx ?? ''))
        decodeTx(tx)
      } catch (err) {
        throw new ControlMethodError('bad-argument', `not a transaction: ${(err as Error).message}`)
      }
      const r = await this.relay.submit(tx)
      return { code: r.code, reason: reasonName(r.code), height: r.height }
    })
    if (this.terminal !== undefined) this.log.info('terminal identity', { terminal: toHex(this.terminal.terminalId), serial: this.terminal.enrollment.serial })
  }

  async stop(): Promise<void> {
    this.stopping = true
    for (const e of this.awaitingJudgement.values()) clearTimeout(e.timer)
    this.awaitingJudgement.clear()
    await Promise.allSettled([...this.background])
    for (const ep of this.endpoints) await ep.stop()
    this.endpoints = []
  }

  private identityInfo(): Record<string, unknown> {
    if (this.terminal === undefined) return { enrolled: false }
    const w = this.terminal.wallet
    return { enrolled: true, terminal: toHex(this.terminal.terminalId), serial: this.terminal.enrollment.serial, chainRemaining: w.remaining, chainLength: w.length, chainGeneration: w.generation }
  }

  private requireTerminal(): TerminalState {
    if (this.terminal === undefined) throw new ControlMethodError('not-enrolled', 'this node has no enrollment; start it with --enrollment <file from gridauth enroll>')
    return this.terminal
  }

  // ------------------------------------------------------------ validator side

  private async serveSubmit(body: Uint8Array, type: number): Promise<Uint8Array> {
    let tx: Uint8Array
    let client: Uint8Array | 'operator'
    try {
      tx = SubmitRequest.decode(body).tx
      const d = decodeTx(tx)
      if (d.tx.type !== type) throw new Error(`expected a ${type === TxType.Registration ? 'registration' : 'access request'}`)
      client = d.client
    } catch (err) {
      throw new RpcError('malformed', (err as Error).message)
    }
    // Replays answered at once from the committed state: a second registration of a registered
    // terminal, or a request id older than its last. (Consensus would drop them as duplicates.)
    // Its last request id goes to consensus, which answers a retry from its cached reply: the
    // terminal's own hedged copy of a request committed meanwhile must get that request's
    // outcome, not StaleRequest (a load run saw access refused that way).
    if (client !== 'operator') {
      const store = this.ledger!.store
      const rec = store.state.getRecord(client)
      const dup = rec !== undefined && type === TxType.Registration
      const stale = rec !== undefined && decodeTx(tx).requestId < rec.lastRequestId
      if (dup || stale) {
        const code = dup ? Reason.DuplicateTerminal : Reason.StaleRequest
        this.ctx.metrics.rejectedMessages.inc({ protocol: type === TxType.Registration ? REGISTER_PROTOCOL : ACCESS_PROTOCOL, reason: REASON_NAMES[code] })
        this.log.info('replayed request refused', { terminal: toHex(client), reason: REASON_NAMES[code] })
        return SubmitResult.encode(await this.resultFor({ code, height: store.head.height }, client))
      }
    }
    let receipt: TxReceipt
    try {
      receipt = await this.relay.submit(tx)
    } catch (err) {
      // Not committed in time, validator stopping: no verdict on the request, so no refusal
      // either (answering Malformed would tell an honest terminal its request was bad); the
      // terminal's hedged call goes on to the other validators.
      const errCode = (err as { code?: string }).code
      if (errCode !== 'bad-signature' && errCode !== 'malformed') throw new RpcError('unavailable', (err as Error).message)
      // Refused before consensus (a signature that does not verify, a malformed tx): answered
      // and counted, not put on the chain (that would let anyone fill it with junk).
      const code = errCode === 'bad-signature' ? Reason.BadSignature : Reason.Malformed
      this.ctx.metrics.rejectedMessages.inc({ protocol: type === TxType.Registration ? REGISTER_PROTOCOL : ACCESS_PROTOCOL, reason: REASON_NAMES[code] })
      this.log.warn('submission refused before consensus', { reason: REASON_NAMES[code], error: (err as Error).message })
      return SubmitResult.encode({ code, reason: REASON_NAMES[code], height: 0, header: new Uint8Array(0), cert: new Uint8Array(0), record: new Uint8Array(0), proof: new Uint8Array(0) })
    }
    return SubmitResult.encode(await this.resultFor(receipt, client === 'operator' ? undefined : client))
  }

  /** The receipt, plus the terminal's record and its proof against the current head. */
  private async resultFor(receipt: Pick<TxReceipt, 'code' | 'height'>, terminalId: Uint8Array | undefined): Promise<SubmitResult> {
    const store = this.ledger!.store
    // A receipt comes once the commit is durable in the consensus log; the ledger store applies
    // the block just after. The record must come from a state that holds the transaction.
    if (store.head.height < receipt.height) await this.chain.waitForHeight(receipt.height, 10_000).catch(() => {})
    // Header, record and proof from one moment of the state (the await below lets it move on).
    const { height: headHeight, header } = store.head
    const record = terminalId === undefined ? undefined : store.state.getRecord(terminalId)
    const proof = terminalId === undefined || record === undefined ? undefined : proveRecord(store.state, terminalId)
    const cert = (await store.getCommitCertificate(headHeight))!
    return {
      code: receipt.code,
      reason: reasonName(receipt.code),
      height: receipt.height,
      header: encodeHeader(header) as Uint8Array<ArrayBuffer>,
      cert: encodeCommitCertificate(cert) as Uint8Array<ArrayBuffer>,
      record: (record === undefined ? new Uint8Array(0) : encodeRecord(record)) as Uint8Array<ArrayBuffer>,
      proof: (proof === undefined ? new Uint8Array(0) : encodeRecordProof(proof)) as Uint8Array<ArrayBuffer>
    }
  }

  // ------------------------------------------------------------ terminal side: paper A

  /**
   * Sends a registration or access request to the validators: connected ones first; one that has
   * not answered within VALIDATOR_HEDGE_MS (partitioned, frozen, overloaded) gets company from the
   * next. Safe: the same transaction reaching two validators is one request to consensus.
   */
  private async sendToValidators(protocol: string, tx: Uint8Array): Promise<SubmitResult> {
    const ep = this.endpoints.find((e) => e.protocol === protocol)!
    const ordered = this.chain.validatorPeers({ connectedFirst: true })
    let last: Error | undefined
    try {
      return await hedged(ordered, async (peer) => {
        try {
          return SubmitResult.decode(await ep.request(peer, SubmitRequest.encode({ tx: tx as Uint8Array<ArrayBuffer> }), { timeoutMs: 15_000 }))
        } catch (err) {
          this.log.debug('validator did not answer', { peer: peer.toString(), protocol, error: (err as Error).message })
          throw err
        }
      }, { hedgeMs: VALIDATOR_HEDGE_MS })
    } catch (err) {
      last = err as Error
    }
    if (this.ledger !== undefined) {
      // A validator that is also a terminal submits to its own consensus.
      const receipt = await this.relay.submit(tx)
      const d = decodeTx(tx)
      return await this.resultFor(receipt, d.client === 'operator' ? undefined : d.client)
    }
    throw new ControlMethodError('unavailable', `no validator answered: ${last?.message ?? 'none known'}`)
  }

  /** Checks a validator's answer: its header must be on our certified chain and the proof verify. */
  private async checkResult(res: SubmitResult, terminalId: Uint8Array): Promise<TerminalRecord | undefined> {
    if (res.record.length === 0) return undefined
    const v = await this.chain.checkRecordResponse(recordOf(terminalId), {
      head: decodeHeader(res.header).height,
      headers: [{ header: res.header, cert: res.cert }],
      record: res.record,
      proof: res.proof,
      block: new Uint8Array(0),
      cert: new Uint8Array(0)
    }).catch(async (err: Error) => {
      // Our chain may have moved on since the validator answered: ask again, freshly proven.
      this.log.debug('registration answer not current, re-reading the record', { error: err.message })
      return await this.chain.getRecord(terminalId)
    })
    if (v === 'absent' || v === undefined) return undefined
    return v.record
  }

  async register(): Promise<Record<string, unknown>> {
    const t = this.requireTerminal()
    const tx = await t.registrationTx(async () => makeRegistrationTx(this.key, this.opts.genesis.networkId, codecs.signedEnrollment.decode(t.enrollment.signed), {
      chainAnchor: t.wallet.anchor, chainLength: t.wallet.length, requestId: await t.requestId()
    }))
    const t0 = performance.now()
    const res = await this.submitter.run(async () => await this.sendToValidators(REGISTER_PROTOCOL, tx))
    const record = await this.checkResult(res, t.terminalId)
    // Retrying after a lost reply is safe: the same transaction comes back as a duplicate of
    // our own registration, which counts as success.
    const ours = record !== undefined && bytesEqual(record.identity!.publicKey, this.key.publicKey)
    const registered = res.code === Reason.Ok || (res.code === Reason.DuplicateTerminal && ours)
    if (registered && res.code === Reason.Ok) await t.setMinHeight(res.height)
    return {
      registered, code: res.code, reason: res.reason, height: res.height, terminal: toHex(t.terminalId),
      latencyMs: Math.round((performance.now() - t0) * 100) / 100,
      certificate: ours && record!.certificate !== undefined
        ? { notBefore: record!.certificate.notBefore, notAfter: record!.certificate.notAfter, issuedHeight: record!.certificate.issuedHeight, hash: toHex(certificateHash(record!.certificate)) }
        : null
    }
  }

  async access(resource = ''): Promise<Record<string, unknown>> {
    const t = this.requireTerminal()
    const mine = await this.chain.getRecord(t.terminalId)
    if (mine === undefined || mine.record.certificate === undefined) throw new ControlMethodError('not-registered', 'this terminal is not registered yet; run `gridauth register`')
    const t0 = performance.now()
    const res = await this.submitter.run(async () => {
      const tx = makeAccessTx(this.key, this.opts.genesis.networkId, {
        terminalId: t.terminalId, certificateHash: certificateHash(mine.record.certificate!), timestamp: Date.now(),
        nonce: randomBytes(16), requestId: await t.requestId(), resource
      })
      return await this.sendToValidators(ACCESS_PROTOCOL, tx)
    })
    const latencyMs = performance.now() - t0
    // Admitted now: the skip graph lets this node in (earlier join attempts were turned away).
    if (res.code === Reason.Ok) this.ctx.component<SkipGraphService>('skipgraph')?.retryJoinNow()
    this.ctx.metrics.authLatency.observe(latencyMs / 1000)
    this.ctx.metrics.authTotal.inc({ outcome: res.code === Reason.Ok ? 'accepted' : 'denied' })
    return { granted: res.code === Reason.Ok, code: res.code, reason: res.reason, height: res.height, latencyMs: Math.round(latencyMs * 100) / 100 }
  }

  // ------------------------------------------------------------ paper B: peer authentication

  /** Authenticates this terminal to `target` (a peer id or a multiaddr ending in /p2p/<id>). */
  async authenticate(target: string, mutual: boolean): Promise<AuthOutcome> {
    const t = this.requireTerminal()
    let peer: PeerId
    try {
      if (target.startsWith('/')) {
        const ma = multiaddr(target)
        const id = ma.getComponents().findLast((c) => c.name === 'p2p')?.value
        if (id === undefined) throw new Error('multiaddr must end in /p2p/<peer id>')
        peer = peerIdFromString(id)
        await this.ctx.libp2p.peerStore.merge(peer, { multiaddrs: [ma] })
      } else {
        peer = peerIdFromString(target)
      }
    } catch (err) {
      throw new ControlMethodError('bad-argument', `'${target}' is not a peer id or multiaddr: ${(err as Error).message}`)
    }
    const t0 = performance.now()
    const deadline = Date.now() + NEXT_VALUE_WAIT_MS
    await this.renewalFirst(t, deadline)
    const value = await this.nextValue(t, deadline) // persisted as spent before it leaves this node
    const t1 = performance.now()
    let reply: AuthReply
    try {
      reply = AuthReply.decode(await this.authEp!.request(peer, AuthHello.encode({ terminalId: t.terminalId as Uint8Array<ArrayBuffer>, value: value as Uint8Array<ArrayBuffer>, mutual, minHeight: await t.getMinHeight() }), { timeoutMs: AUTH_REPLY_TIMEOUT_MS }))
    } catch (err) {
      this.release(t, value) // it left this node: spent whatever happened
      this.ctx.metrics.authTotal.inc({ outcome: 'error' })
      throw new ControlMethodError('unavailable', `peer ${peer.toString()} did not answer: ${(err as Error).message}`)
    }
    this.release(t, value)
    const t2 = performance.now()
    let outcome: AuthOutcome = { accepted: reply.accepted, reason: reply.reason, reasonName: reasonName(reply.reason), detail: reply.detail, latencyMs: 0 }
    if (reply.accepted && mutual) {
      // B proved itself the same way: check its value against its record.
      const check = await this.verifySubject(peer, reply.terminalId, reply.value, reply.minHeight)
      outcome = { ...outcome, accepted: check.reason === 0, reason: check.reason, reasonName: reasonName(check.reason), detail: check.detail, peerTerminal: toHex(reply.terminalId) }
      // B may record its value as spent now (if this is lost, B does after MUTUAL_RECORD_DELAY_MS).
      this.authEp!.send(peer, AuthJudged.encode({ value: reply.value })).catch(() => {})
      this.inBackground(this.recordAuth(t, reply.terminalId, check.reason === 0, check.reason, check.chainHeight))
    }
    outcome.latencyMs = Math.round((performance.now() - t0) * 100) / 100
    this.log.debug('authentication', { peer: peer.toString(), valueMs: Math.round(t1 - t0), replyMs: Math.round(t2 - t1), checkMs: Math.round(performance.now() - t2), accepted: outcome.accepted })
    this.ctx.metrics.authLatency.observe(outcome.latencyMs / 1000)
    this.ctx.metrics.authTotal.inc({ outcome: outcome.accepted ? 'accepted' : 'denied' })
    return outcome
  }

  private async serveAuth(peer: PeerId, body: Uint8Array): Promise<Uint8Array> {
    let hello: AuthHello
    try {
      hello = AuthHello.decode(body)
      if (hello.terminalId.length !== 32 || hello.value.length === 0 || hello.value.length > 64) throw new Error('bad field sizes')
    } catch (err) {
      throw new RpcError('malformed', (err as Error).message)
    }
    const me = this.terminal
    if (me === undefined) {
      return AuthReply.encode({ accepted: false, reason: AuthReason.VerifierNotReady, detail: 'this node is not an enrolled terminal', terminalId: new Uint8Array(0), value: new Uint8Array(0) })
    }
    const t0 = performance.now()
    const check = await this.verifySubject(peer, hello.terminalId, hello.value, hello.minHeight)
    this.ctx.metrics.authVerify.observe((performance.now() - t0) / 1000)
    if (check.reason === 0 || this.mayRecordFailure(peer)) {
      this.inBackground(this.recordAuth(me, hello.terminalId, check.reason === 0, check.reason, check.chainHeight))
    } else {
      // Anyone may send hellos: failures from one peer reach the chain at most once per interval.
      this.ctx.metrics.rejectedMessages.inc({ protocol: AUTH_PROTOCOL, reason: reasonName(check.reason) })
    }
    const reply: AuthReply = { accepted: check.reason === 0, reason: check.reason, detail: check.detail, terminalId: new Uint8Array(0), value: new Uint8Array(0), minHeight: 0 }
    if (check.reason === 0 && hello.mutual) {
      let mine: Uint8Array
      try {
        mine = await this.nextValue(me, Date.now() + MUTUAL_VALUE_WAIT_MS)
      } catch (err) {
        throw new RpcError('busy', (err as Error).message)
      }
      reply.terminalId = me.terminalId as Uint8Array<ArrayBuffer>
      reply.value = mine as Uint8Array<ArrayBuffer>
      reply.minHeight = await me.getMinHeight()
      // The initiator checks it right after this reply and says so (AuthJudged); only then is it
      // recorded as spent, else the initiator's check would find it spent already. A value seen
      // meanwhile by anyone else is useless to them: it only counts from B's PeerId.
      const timer = setTimeout(() => { this.judged(peer, mine) }, MUTUAL_RECORD_DELAY_MS)
      timer.unref()
      this.awaitingJudgement.set(judgementKey(peer, mine), { value: mine, timer })
    }
    return AuthReply.encode(reply)
  }

  /** Mutual values shown to an initiator and not yet judged, by peer and value. */
  private readonly awaitingJudgement = new Map<string, { value: Uint8Array, timer: NodeJS.Timeout }>()

  /** `peer` has judged the value this terminal showed it (or its time is up): record it. */
  private judged(peer: PeerId, value: Uint8Array): void {
    const key = judgementKey(peer, value)
    const e = this.awaitingJudgement.get(key)
    if (e === undefined || this.terminal === undefined) return // unknown or already released
    clearTimeout(e.timer)
    this.awaitingJudgement.delete(key)
    this.log.debug('mutual value judged', { peer: peer.toString(), awaiting: this.awaitingJudgement.size })
    this.release(this.terminal, e.value)
  }

  private readonly failureRecorded = new Map<string, number>()

  /** At most one failure record per peer per FAILURE_RECORD_INTERVAL_MS (the rest are counted). */
  private mayRecordFailure(peer: PeerId): boolean {
    const now = Date.now()
    const key = peer.toString()
    if (now - (this.failureRecorded.get(key) ?? -Infinity) < FAILURE_RECORD_INTERVAL_MS) return false
    this.failureRecorded.set(key, now)
    if (this.failureRecorded.size > 4096) {
      for (const [k, t] of this.failureRecorded) if (now - t >= FAILURE_RECORD_INTERVAL_MS) this.failureRecorded.delete(k)
    }
    return true
  }

  /**
   * Paper B's check, hardened: the subject's record comes verified and current from the chain
   * (never from the subject), the stream must come from the PeerId registered for it (so a value
   * shown to one verifier cannot be replayed to another), it is neither revoked nor expired, and
   * H^k(value) is its latest identity hash for a small k (values a crash skipped).
   */
  private async verifySubject(peer: PeerId, terminalId: Uint8Array, value: Uint8Array, minHeight: number): Promise<{ reason: number, detail: string, chainHeight: number }> {
    let rec
    try {
      // The subject's last renewal may be committed at some validators and not yet at others:
      // insist on a record at least that new (a subject lying about it only delays itself).
      if (minHeight > this.chain.height) await this.chain.waitForHeight(minHeight, 5_000)
      rec = await this.chain.getRecord(terminalId)
      for (let i = 0; rec !== undefined && rec.height < minHeight && i < 10; i++) {
        await sleep(50)
        rec = await this.chain.getRecord(terminalId)
      }
      if (rec !== undefined && rec.height < minHeight) throw new Error(`no record as new as height ${minHeight}`)
    } catch (err) {
      return { reason: AuthReason.LookupFailed, detail: (err as Error).message, chainHeight: 0 }
    }
    if (rec === undefined) return { reason: Reason.UnknownTerminal, detail: 'no such terminal on the chain', chainHeight: 0 }
    const r = rec.record
    const registeredPeer = peerIdFromPublicKey(publicKeyFromRaw(r.identity!.publicKey))
    if (!registeredPeer.equals(peer)) return { reason: AuthReason.WrongPeer, detail: `terminal is registered to ${registeredPeer.toString()}`, chainHeight: r.chainHeight }
    if (r.revoked) return { reason: Reason.Revoked, detail: `revoked at height ${r.revokedHeight}`, chainHeight: r.chainHeight }
    if (r.certificate === undefined || Date.now() > r.certificate.notAfter) return { reason: Reason.CertificateExpired, detail: 'certificate expired', chainHeight: r.chainHeight }
    const key = toHex(terminalId)
    const v = toHex(value)
    const seen = this.seen.get(key) ?? []
    if (seen.includes(v)) return { reason: Reason.ReplayedChainValue, detail: 'value already used', chainHeight: r.chainHeight }
    const steps = verifyChainValueWithin(r.latestIdentityHash, value, MAX_CHAIN_SKIP)
    if (steps === null) {
      // A value already spent and recorded sits at or after the latest hash on the chain.
      let x: Uint8Array = r.latestIdentityHash
      for (let k = 0; k <= 2 * MAX_CHAIN_SKIP; k++, x = hashChainStep(x)) {
        if (bytesEqual(x, value)) return { reason: Reason.ReplayedChainValue, detail: 'value already spent', chainHeight: r.chainHeight }
      }
      return { reason: Reason.InvalidChainValue, detail: 'value does not hash to the latest identity hash', chainHeight: r.chainHeight }
    }
    seen.push(v)
    if (seen.length > SEEN_VALUES_PER_TERMINAL) seen.shift()
    this.seen.set(key, seen)
    return { reason: 0, detail: '', chainHeight: r.chainHeight - steps }
  }

  /**
   * Values revealed but not yet recorded on the chain, oldest first. A value is recorded only
   * once released: after the verifier has judged it (recording it earlier would make the
   * verifier see it as already spent).
   */
  private unrecorded: Array<{ value: Uint8Array, released: boolean }> = []

  /** The verifier has judged `value`: it may now be recorded as spent. */
  private release(t: TerminalState, value: Uint8Array): void {
    const e = this.unrecorded.find((u) => u.value === value)
    if (e !== undefined) e.released = true
    this.recordSpent(t)
  }
  private recorder: Promise<void> | undefined

  /**
   * The next chain value to show a verifier. Verifiers accept a value at most MAX_CHAIN_SKIP
   * steps below the recorded one, so at most UNRECORDED_LIMIT values may be out before their
   * record commits (the rest of the margin covers values a crash skipped).
   *
   * Reveals never wait for a renewal while the chain has values left: a renewal must wait until
   * no value is out unjudged (it would void them), and a value this terminal showed as initiator
   * is judged only when its peer answers, which may in turn need that peer's next value. Waiting
   * here would let terminals authenticating one another mutually wait on each other in a cycle.
   * The renewal runs in the background instead, at a moment when nothing is out (an initiator
   * lets it go first before it comes here: renewalFirst).
   */
  private async nextValue(t: TerminalState, deadline = Infinity): Promise<Uint8Array> {
    const run = async (): Promise<Uint8Array> => {
      while (this.unrecorded.length >= UNRECORDED_LIMIT) {
        if (Date.now() > deadline) throw new ControlMethodError('busy', `${this.unrecorded.length} spent values are still waiting for their record on the chain; try again`)
        if (this.recorder !== undefined) await Promise.race([this.recorder, sleep(Math.max(20, Math.min(1_000, deadline - Date.now())))])
        else await sleep(20)
      }
      // Only an exhausted chain (or a renewal a crash interrupted) makes a reveal wait.
      if (t.wallet.remaining <= 0 || t.wallet.renewalPending) await this.renew(t)
      const value = await t.wallet.reveal()
      this.unrecorded.push({ value, released: false })
      if (t.wallet.needsRenewal(renewThreshold(t))) this.renewSoon(t)
      return value
    }
    return await this.serialized(run)
  }

  /**
   * An initiator near the end of its chain lets the background renewal go first: it waits for
   * a moment with no value out unjudged, and values this terminal keeps showing as initiator
   * would keep that moment from coming (a mutual verifier's values, judged within a round trip,
   * do not; they go on meanwhile, from the margin). Waiting here holds nothing out, so no two
   * terminals wait on each other. Past `deadline` the reveal goes ahead while values remain.
   */
  private async renewalFirst(t: TerminalState, deadline: number): Promise<void> {
    if (!t.wallet.needsRenewal(renewThreshold(t))) return
    this.renewSoon(t)
    const renewal = this.renewing
    if (renewal === undefined) return
    let timer: NodeJS.Timeout | undefined
    await Promise.race([renewal, new Promise<void>((resolve) => { timer = setTimeout(resolve, Math.max(0, deadline - Date.now())) })])
    clearTimeout(timer)
  }

  /** One reveal or renewal at a time: a renewal must not interleave with a reveal. */
  private async serialized<T>(fn: () => Promise<T>): Promise<T> {
    const p = this.revealQueue.then(fn, fn)
    this.revealQueue = p.catch(() => undefined)
    return await p
  }

  private renewing: Promise<void> | undefined

  /** Renews in the background as soon as no revealed value is out unjudged. */
  private renewSoon(t: TerminalState): void {
    if (this.renewing !== undefined) return
    const attempt = async (): Promise<void> => {
      while (!this.stopping && t.wallet.needsRenewal(renewThreshold(t))) {
        if (this.unrecorded.some((u) => !u.released)) { await sleep(25); continue }
        // Holding the reveal queue from here on: nothing new goes out while the renewal commits.
        const done = await this.serialized(async () => {
          if (this.unrecorded.some((u) => !u.released)) return false
          if (t.wallet.needsRenewal(renewThreshold(t))) await this.renew(t)
          return true
        })
        if (done) return
      }
    }
    const p = attempt().catch((err: Error) => { this.log.warn('hash-chain renewal failed', { error: err.message }) }).finally(() => {
      this.renewing = undefined
      this.background.delete(p)
    })
    this.renewing = p
    this.background.add(p)
  }

  private revealQueue: Promise<unknown> = Promise.resolve()

  /**
   * Records spent values through consensus, coalesced: recording the newest value proves the
   * older ones spent too (H^k), so one update covers a burst of authentications.
   */
  private recordSpent(t: TerminalState): void {
    if (this.recorder !== undefined) return
    const run = async (): Promise<void> => {
      for (;;) {
        let n = 0
        while (n < this.unrecorded.length && this.unrecorded[n].released) n++
        if (n === 0) break
        // The values stay counted as unrecorded until their record commits: revealing more
        // meanwhile could carry this terminal past the MAX_CHAIN_SKIP verifiers allow (the load
        // run saw honest authentications refused InvalidChainValue that way).
        const value = this.unrecorded[n - 1].value
        const r = await this.submitter.submitBuilt(async () => makeChainUpdateTx(this.key, this.opts.genesis.networkId, { terminalId: t.terminalId, value, requestId: await t.requestId() }))
        this.unrecorded.splice(0, n)
        if (r.code !== Reason.Ok) this.log.warn('chain update refused', { reason: reasonName(r.code), height: r.height })
        // verifiers must judge later values against a record at least this new (not a stale read)
        else if (r.height > await t.getMinHeight()) await t.setMinHeight(r.height)
      }
    }
    const p = run().catch((err: Error) => { this.log.warn('chain update failed', { error: err.message }) }).finally(() => {
      this.recorder = undefined
      this.background.delete(p)
    })
    this.recorder = p
    this.background.add(p)
  }

  /** Renews the hash chain; called with the reveal queue held. */
  private async renew(t: TerminalState): Promise<void> {
    // Record what is outstanding first: the renewal's value must be within reach of the record,
    // and a value still being judged would be void once the renewal commits.
    while (this.unrecorded.some((u) => !u.released)) await sleep(50)
    this.recordSpent(t)
    while (this.recorder !== undefined) await this.recorder
    const msg = await t.wallet.renew(randomBytes(32), this.opts.genesis.hashChainLength)
    const r = await this.submitter.submitBuilt(async () => makeChainRenewalTx(this.key, this.opts.genesis.networkId, {
      terminalId: t.terminalId, lastValue: msg.revealed, newAnchor: msg.newAnchor, newLength: msg.newLength, requestId: await t.requestId()
    }))
    this.log.info('hash chain renewed', { code: reasonName(r.code), height: r.height, length: msg.newLength })
    if (r.code !== Reason.Ok) throw new ControlMethodError('renewal-failed', `hash-chain renewal refused: ${reasonName(r.code)}`)
    await t.setMinHeight(r.height)
  }

  private async recordAuth(me: TerminalState, subject: Uint8Array, success: boolean, reason: number, chainHeight: number): Promise<void> {
    // Stamped when its turn comes: validators refuse times outside their window, and a record
    // may wait behind the terminal's own transactions.
    const r = await this.submitter.submitBuilt(async () => makeAuthRecordTx(this.key, this.opts.genesis.networkId, {
      verifierId: me.terminalId, subjectId: subject, time: Date.now(), success, reason, subjectChainHeight: Math.max(0, chainHeight), requestId: await me.requestId()
    }), 'records')
    if (r.code !== Reason.Ok) this.log.warn('authentication record refused', { reason: reasonName(r.code), height: r.height })
  }

  private inBackground(p: Promise<unknown>): void {
    const q = p.catch((err: Error) => this.log.warn('background submission failed', { error: err.message }))
    this.background.add(q)
    void q.finally(() => this.background.delete(q))
  }
}

