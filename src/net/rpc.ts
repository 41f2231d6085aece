// One gridauth stream protocol on libp2p: long-lived streams (one outbound per peer, opened on
// first use and reopened after failure), length-prefixed RpcFrames, one-way messages and
// request/response with ids, and every limit of protocols/rpc.md enforced and counted.
// A new stream per message costs 3-6x the round trip of a persistent one (bench: node), so
// everything rides on these long-lived streams.
import type { Connection, PeerId, Stream, StreamHandlerOptions, AbortOptions } from '@libp2p/interface'
import { Uint8ArrayList } from 'uint8arraylist'
import * as varint from 'uint8-varint'
import { RpcFrame } from '../wire/rpc.js'
import { createLogger } from '../util/log.js'

export interface RpcHost {
  handle(protocol: string, handler: (stream: Stream, connection: Connection) => void | Promise<void>, options?: StreamHandlerOptions): Promise<void>
  unhandle(protocol: string): Promise<void>
  dialProtocol(peer: PeerId, protocol: string, options?: AbortOptions): Promise<Stream>
}

export interface RpcLimits {
  /** Largest frame accepted or sent (bytes, after the length prefix). */
  maxFrameBytes: number
  /** Inbound streams of this protocol per connection. */
  maxInboundStreams: number
  /** Requests from one peer being handled at once; more are answered `busy`. */
  maxInflightPerPeer: number
  /** Sustained requests (and one-way messages) per second per peer; bursts up to 2x. */
  ratePerPeer: number
  /** A stream with no traffic for this long is closed (the next send reopens it). */
  idleTimeoutMs: number
  /** Default time a request waits for its response. */
  requestTimeoutMs: number
  /** Bytes queued for one outbound stream before sends fail with `backpressure`. */
  maxQueuedBytes: number
  /** Rejections from one stream before it is reset. */
  maxViolationsPerStream: number
  /** A frame begun but not finished within this long resets the stream (slow writers). */
  readTimeoutMs: number
}

/** A positive integer from the environment (operators and tests tighten limits this way). */
function envInt(name: string, dflt: number): number {
  const v = Number(process.env[name])
  return Number.isInteger(v) && v > 0 ? v : dflt
}

export const DEFAULT_RPC_LIMITS: RpcLimits = {
  maxFrameBytes: 1 << 20,
  maxInboundStreams: 4,
  maxInflightPerPeer: 64,
  ratePerPeer: envInt('GRIDAUTH_RPC_RATE_PER_PEER', 2000),
  idleTimeoutMs: 5 * 60_000,
  requestTimeoutMs: 10_000,
  maxQueuedBytes: 8 << 20,
  maxViolationsPerStream: 20,
  readTimeoutMs: envInt('GRIDAUTH_RPC_READ_TIMEOUT_MS', 10_000)
}

/** Limits over every gridauth protocol of one node (one libp2p host), not one protocol. */
export interface NodeLimits {
  /** Inbound gridauth streams one peer may hold open at once, all protocols together. */
  maxStreamsPerPeer: number
  /** Requests being handled at once, all peers and protocols together; more are answered `busy`. */
  maxPendingRequests: number
  /** Bytes of pending work: request bodies being handled plus partial frames buffered, all peers
   * and protocols together. Past it the stream whose partial frame has waited longest is reset,
   * and requests are answered `busy`. */
  maxPendingBytes: number
}

export const DEFAULT_NODE_LIMITS: NodeLimits = {
  maxStreamsPerPeer: envInt('GRIDAUTH_RPC_MAX_STREAMS_PER_PEER', 24),
  maxPendingRequests: envInt('GRIDAUTH_RPC_MAX_PENDING_REQUESTS', 8192),
  maxPendingBytes: envInt('GRIDAUTH_RPC_MAX_PENDING_BYTES', 64 << 20)
}

/** What one node has pending, shared by all its endpoints (keyed by the libp2p host). */
class NodeBudget {
  readonly limits: NodeLimits = { ...DEFAULT_NODE_LIMITS }
  /** Inbound streams per peer (all protocols). */
  readonly streams = new Map<string, number>()
  pendingRequests = 0
  pendingBytes = 0
  /** Channels holding a partial frame, to find the largest when over budget. */
  readonly partial = new Set<Channel>()
}
const budgets = new WeakMap<object, NodeBudget>()
function budgetOf(host: object): NodeBudget {
  let b = budgets.get(host)
  if (b === undefined) {
    b = new NodeBudget()
    budgets.set(host, b)
  }
  return b
}

/** Overrides the node-wide limits of `host` (for configuration and tests). */
export function setNodeLimits(host: object, limits: Partial<NodeLimits>): void {
  Object.assign(budgetOf(host).limits, limits)
}

/** What `host` has pending now (for tests, metrics and the load generator). */
export function nodePending(host: object): { requests: number, bytes: number, streamsByPeer: Record<string, number> } {
  const b = budgetOf(host)
  return { requests: b.pendingRequests, bytes: b.pendingBytes, streamsByPeer: Object.fromEntries(b.streams) }
}

/** Rejections are logged at warn level, at most one line per protocol, reason and peer every 10 s
 * (with the count since the last line), so a flood cannot flood the log too. */
const log = createLogger('rpc')
const LOG_EVERY_MS = 10_000
const lastLogged = new Map<string, { at: number, suppressed: number }>()
function logRejection(protocol: string, peer: PeerId, reason: RejectReason, detail: string): void {
  const key = `${protocol} ${reason} ${peer.toString()}`
  const now = Date.now()
  const l = lastLogged.get(key)
  if (l !== undefined && now - l.at < LOG_EVERY_MS) { l.suppressed++; return }
  if (lastLogged.size > 4096) lastLogged.clear()
  lastLogged.set(key, { at: now, suppressed: 0 })
  log.warn('rejected', { protocol, reason, peer: peer.toString(), detail: detail.slice(0, 200), ...(l !== undefined && l.suppressed > 0 ? { alsoRejectedSinceLastLine: l.suppressed } : {}) })
}

/** Every endpoint also reports its rejections here (the node points it at its metrics). */
let rejectionSink: ((protocol: string, reason: RejectReason) => void) | undefined
export function setRejectionSink(sink: ((protocol: string, reason: RejectReason) => void) | undefined): void {
  rejectionSink = sink
}

export class RpcError extends Error {
  constructor(readonly code: string, message?: string) {
    super(message ?? code)
    this.name = 'RpcError'
  }
}

/** Reason codes for rejected input; they label gridauth_rejected_messages_total. */
/** Timed-out request ids remembered per endpoint, so their late answers are not violations. */
const MAX_TIMED_OUT_REMEMBERED = 4096

export type RejectReason = 'oversized' | 'malformed-frame' | 'malformed-body' | 'unauthorized' | 'rate-limited' | 'busy' | 'unexpected-response' | 'handler-error' | 'slow-writer' | 'too-many-streams' | 'overloaded'

export interface RpcHandlers {
  /** A one-way message. Throwing counts as malformed-body. */
  onMessage?: (peer: PeerId, body: Uint8Array) => void
  /** A request; resolve with the response body or throw RpcError(code). */
  onRequest?: (peer: PeerId, body: Uint8Array) => Promise<Uint8Array> | Uint8Array
  /**
   * Whether this peer may use the protocol at all (e.g. validators only, admitted terminals).
   * May be async (a lookup): the stream's data waits in its buffer until the answer.
   */
  authorize?: (peer: PeerId) => boolean | Promise<boolean>
  /** Called for every rejection, for metrics and logs. */
  onReject?: (peer: PeerId, reason: RejectReason, detail: string) => void
}

interface Pending { resolve: (b: Uint8Array) => void, reject: (e: Error) => void, timer: NodeJS.Timeout, ch: Channel }

interface PeerState {
  outbound?: Promise<Channel>
  inflight: number
  tokens: number
  refilledAt: number
}

/** A stream carrying length-prefixed frames in both directions. */
class Channel {
  private readonly buf = new Uint8ArrayList()
  private partialTimer: NodeJS.Timeout | undefined
  violations = 0
  closed = false

  /** Bytes of this channel's partial frame counted in the node budget. */
  buffered = 0
  /** When the partial frame now buffered began arriving. */
  partialSince = 0

  constructor(readonly stream: Stream, readonly peer: PeerId, private readonly endpoint: RpcEndpoint, readonly inbound: boolean) {
    stream.inactivityTimeout = endpoint.limits.idleTimeoutMs
    stream.maxWriteBufferLength = endpoint.limits.maxQueuedBytes
    stream.addEventListener('message', (e) => this.onData(e.data))
    stream.addEventListener('close', () => {
      this.closed = true
      this.release()
      endpoint.channelClosed(this)
    })
    // A peer that ends its side gets ours closed too, so the stream does not sit half-open
    // (holding one of the few inbound stream slots) until the idle timeout.
    stream.addEventListener('remoteCloseWrite', () => {
      if (this.closed) return
      this.closed = true
      this.release()
      endpoint.channelClosed(this)
      stream.close().catch(() => stream.abort(new RpcError('closed')))
    })
  }

  /** Drops the partial frame and its share of the node budget. */
  private release(): void {
    clearTimeout(this.partialTimer)
    this.partialTimer = undefined
    this.account(0)
  }

  /** Sets this channel's partial-frame bytes in the node budget. */
  private account(bytes: number): void {
    const b = this.endpoint.budget
    b.pendingBytes += bytes - this.buffered
    this.buffered = bytes
    if (bytes > 0) b.partial.add(this)
    else b.partial.delete(this)
  }

  send(frame: RpcFrame): void {
    if (this.closed || this.stream.status !== 'open') throw new RpcError('closed', 'stream closed')
    const body = RpcFrame.encode(frame)
    if (body.byteLength > this.endpoint.limits.maxFrameBytes) throw new RpcError('oversized', `frame of ${body.byteLength} bytes exceeds ${this.endpoint.limits.maxFrameBytes}`)
    if (this.stream.writeBufferLength + body.byteLength > this.endpoint.limits.maxQueuedBytes) throw new RpcError('backpressure', 'peer is not reading fast enough')
    this.stream.send(new Uint8ArrayList(varint.encode(body.byteLength), body))
  }

  private onData(data: Uint8Array | Uint8ArrayList): void {
    if (this.closed) return
    let frameStarted = this.buf.byteLength === 0
    this.buf.append(data)
    while (this.buf.byteLength > 0) {
      let len: number
      try {
        len = varint.decode(this.buf)
      } catch {
        if (this.buf.byteLength > 5) return this.fatal('malformed-frame', 'bad length prefix')
        break // length prefix incomplete
      }
      if (len > this.endpoint.limits.maxFrameBytes) return this.fatal('oversized', `frame of ${len} bytes exceeds ${this.endpoint.limits.maxFrameBytes}`)
      const prefix = varint.encodingLength(len)
      if (this.buf.byteLength < prefix + len) break
      const frameBytes = this.buf.subarray(prefix, prefix + len)
      this.buf.consume(prefix + len)
      let frame: RpcFrame
      try {
        frame = RpcFrame.decode(frameBytes)
      } catch (err) {
        return this.fatal('malformed-frame', (err as Error).message)
      }
      frameStarted = true
      this.endpoint.dispatch(this, frame, len)
      if (this.closed) return
    }
    if (frameStarted) this.partialSince = Date.now()
    this.account(this.buf.byteLength)
    this.watchPartial()
    this.endpoint.enforceBudget()
  }

  /** A partial frame must complete within readTimeoutMs. */
  private watchPartial(): void {
    if (this.buf.byteLength === 0) {
      clearTimeout(this.partialTimer)
      this.partialTimer = undefined
    } else if (this.partialTimer === undefined) {
      this.partialTimer = setTimeout(() => {
        this.partialTimer = undefined
        if (this.buf.byteLength > 0) this.fatal('slow-writer', `partial frame not completed within ${this.endpoint.limits.readTimeoutMs} ms`)
      }, this.endpoint.limits.readTimeoutMs)
      this.partialTimer.unref()
    }
  }

  /** Input this bad ends the stream at once. */
  fatal(reason: RejectReason, detail: string): void {
    this.endpoint.reject(this.peer, reason, detail)
    this.abort(`${reason}: ${detail}`)
  }

  /** Counted rejections; past the limit the stream is reset. */
  violation(reason: RejectReason, detail: string): void {
    this.endpoint.reject(this.peer, reason, detail)
    if (++this.violations >= this.endpoint.limits.maxViolationsPerStream) this.abort(`too many violations (last: ${reason})`)
  }

  abort(why: string): void {
    if (this.closed) return
    this.closed = true
    this.release()
    this.stream.abort(new RpcError('protocol-violation', why))
    this.endpoint.channelClosed(this)
  }
}

export class RpcEndpoint {
  readonly limits: RpcLimits
  readonly rejected = new Map<RejectReason, number>()
  private readonly peers = new Map<string, PeerState>()
  private readonly pending = new Map<bigint, Pending>()
  /** Ids of requests that timed out (oldest first): their late answers are dropped quietly. */
  private readonly timedOut = new Set<bigint>()
  private readonly channels = new Set<Channel>()
  private nextId = 1n
  private started = false
  /** @internal the node-wide budget this endpoint shares with the host's other endpoints */
  readonly budget: NodeBudget

  constructor(private readonly host: RpcHost, readonly protocol: string, private readonly handlers: RpcHandlers, limits: Partial<RpcLimits> = {}, private readonly now: () => number = Date.now) {
    this.limits = { ...DEFAULT_RPC_LIMITS, ...limits }
    this.budget = budgetOf(host)
  }

  async start(): Promise<void> {
    await this.host.handle(this.protocol, async (stream, connection) => {
      const peer = connection.remotePeer
      let allowed = true
      try {
        allowed = this.handlers.authorize === undefined || await this.handlers.authorize(peer)
      } catch {
        allowed = false // fail closed
      }
      if (!allowed) {
        this.reject(peer, 'unauthorized', 'peer may not use this protocol')
        stream.abort(new RpcError('unauthorized'))
        return
      }
      if (stream.status !== 'open') return // gone while we looked the peer up
      const key = peer.toString()
      const open = this.budget.streams.get(key) ?? 0
      if (open >= this.budget.limits.maxStreamsPerPeer) {
        this.reject(peer, 'too-many-streams', `${open} inbound streams open (limit ${this.budget.limits.maxStreamsPerPeer} per peer, all protocols)`)
        stream.abort(new RpcError('too-many-streams'))
        return
      }
      this.budget.streams.set(key, open + 1)
      this.channels.add(new Channel(stream, peer, this, true))
    }, { maxInboundStreams: this.limits.maxInboundStreams, maxOutboundStreams: 4, runOnLimitedConnection: false })
    this.started = true
  }

  async stop(): Promise<void> {
    this.started = false
    await this.host.unhandle(this.protocol)
    for (const c of this.channels) c.abort('stopping')
    for (const [id, p] of this.pending) {
      clearTimeout(p.timer)
      p.reject(new RpcError('stopped'))
      this.pending.delete(id)
    }
  }

  /** Sends a one-way message on the long-lived stream to `peer` (opening it if needed). */
  async send(peer: PeerId, body: Uint8Array): Promise<void> {
    const ch = await this.channel(peer)
    ch.send({ id: 0n, response: false, body: body as Uint8Array<ArrayBuffer>, error: '' })
  }

  /** Sends a request and waits for its response body; failures reject with RpcError. */
  async request(peer: PeerId, body: Uint8Array, opts: { timeoutMs?: number } = {}): Promise<Uint8Array> {
    let ch = await this.channel(peer)
    // A stream found closed as we write (the peer or the connection just dropped it): one more
    // try on a fresh stream; nothing reached the peer yet.
    if (ch.closed || ch.stream.status !== 'open') ch = await this.channel(peer)
    const id = this.nextId++
    return await new Promise<Uint8Array>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id)
        this.timedOut.add(id)
        if (this.timedOut.size > MAX_TIMED_OUT_REMEMBERED) this.timedOut.delete(this.timedOut.values().next().value!)
        reject(new RpcError('timeout', `no response from ${peer.toString()} within ${opts.timeoutMs ?? this.limits.requestTimeoutMs} ms`))
      }, opts.timeoutMs ?? this.limits.requestTimeoutMs)
      this.pending.set(id, { resolve, reject, timer, ch })
      try {
        ch.send({ id, response: false, body: body as Uint8Array<ArrayBuffer>, error: '' })
      } catch (err) {
        clearTimeout(timer)
        this.pending.delete(id)
        reject(err)
      }
    })
  }

  /** Number of open streams (both directions), for tests and metrics. */
  get openStreams(): number {
    return this.channels.size
  }

  private async channel(peer: PeerId): Promise<Channel> {
    if (!this.started) throw new RpcError('stopped', 'endpoint not started')
    const st = this.peerState(peer)
    if (st.outbound !== undefined) {
      const ch = await st.outbound.catch(() => undefined)
      if (ch !== undefined && !ch.closed && ch.stream.status === 'open' && ch.stream.writeStatus === 'writable') return ch
    }
    st.outbound = this.host.dialProtocol(peer, this.protocol).then((stream) => {
      const ch = new Channel(stream, peer, this, false)
      this.channels.add(ch)
      return ch
    })
    st.outbound.catch(() => { st.outbound = undefined })
    return await st.outbound
  }

  private peerState(peer: PeerId): PeerState {
    const key = peer.toString()
    let st = this.peers.get(key)
    if (st === undefined) {
      if (this.peers.size >= 1024) this.prunePeers()
      st = { inflight: 0, tokens: this.limits.ratePerPeer * 2, refilledAt: this.now() }
      this.peers.set(key, st)
    }
    return st
  }

  /** Forgets peers with nothing open or in flight whose bucket has refilled (nothing to remember). */
  private prunePeers(): void {
    const busy = new Set<string>()
    for (const c of this.channels) busy.add(c.peer.toString())
    const t = this.now()
    for (const [key, st] of this.peers) {
      const full = st.tokens + ((t - st.refilledAt) / 1000) * this.limits.ratePerPeer >= this.limits.ratePerPeer * 2
      if (!busy.has(key) && st.inflight === 0 && st.outbound === undefined && full) this.peers.delete(key)
    }
  }

  /** Over the node's pending-bytes budget: reset the stream whose partial frame has waited
   * longest (a slow writer hoarding memory; a large frame from a peer sending at full speed is
   * recent), whoever it belongs to. @internal */
  enforceBudget(): void {
    const b = this.budget
    while (b.pendingBytes > b.limits.maxPendingBytes && b.partial.size > 0) {
      let worst: Channel | undefined
      for (const c of b.partial) if (worst === undefined || c.partialSince < worst.partialSince || (c.partialSince === worst.partialSince && c.buffered > worst.buffered)) worst = c
      if (worst === undefined) break
      worst.fatal('overloaded', `node holds ${b.pendingBytes} pending bytes (limit ${b.limits.maxPendingBytes}); this stream's partial frame (${worst.buffered} bytes, begun ${Date.now() - worst.partialSince} ms ago) is the oldest`)
    }
  }

  /** Token bucket: ratePerPeer per second, burst of 2 seconds' worth. */
  private takeToken(st: PeerState): boolean {
    const t = this.now()
    st.tokens = Math.min(this.limits.ratePerPeer * 2, st.tokens + ((t - st.refilledAt) / 1000) * this.limits.ratePerPeer)
    st.refilledAt = t
    if (st.tokens < 1) return false
    st.tokens -= 1
    return true
  }

  /** @internal */
  dispatch(ch: Channel, frame: RpcFrame, frameBytes = 0): void {
    if (frame.response) {
      const p = this.pending.get(frame.id)
      if (p === undefined) {
        // An answer after we gave up waiting is normal on a slow network, not the peer's fault.
        if (this.timedOut.delete(frame.id)) return
        return ch.violation('unexpected-response', `no request ${frame.id}`)
      }
      this.pending.delete(frame.id)
      clearTimeout(p.timer)
      if (frame.error !== '') p.reject(new RpcError(frame.error, `${ch.peer.toString()} answered ${frame.error}`))
      else p.resolve(frame.body)
      return
    }
    const st = this.peerState(ch.peer)
    if (!this.takeToken(st)) {
      if (frame.id !== 0n) this.reply(ch, frame.id, undefined, 'rate-limited')
      return ch.violation('rate-limited', `over ${this.limits.ratePerPeer}/s`)
    }
    if (frame.id === 0n) {
      if (this.handlers.onMessage === undefined) return ch.violation('malformed-body', 'protocol takes no one-way messages')
      try {
        this.handlers.onMessage(ch.peer, frame.body)
      } catch (err) {
        ch.violation('malformed-body', (err as Error).message)
      }
      return
    }
    if (this.handlers.onRequest === undefined) {
      this.reply(ch, frame.id, undefined, 'unsupported')
      return ch.violation('malformed-body', 'protocol takes no requests')
    }
    if (st.inflight >= this.limits.maxInflightPerPeer) {
      this.reply(ch, frame.id, undefined, 'busy')
      return ch.violation('busy', `${st.inflight} requests in flight`)
    }
    const b = this.budget
    if (b.pendingRequests >= b.limits.maxPendingRequests || b.pendingBytes + frameBytes > b.limits.maxPendingBytes) {
      this.reply(ch, frame.id, undefined, 'busy')
      return ch.violation('overloaded', `node has ${b.pendingRequests} requests / ${b.pendingBytes} bytes pending (limits ${b.limits.maxPendingRequests} / ${b.limits.maxPendingBytes})`)
    }
    st.inflight++
    b.pendingRequests++
    b.pendingBytes += frameBytes
    Promise.resolve().then(async () => await this.handlers.onRequest!(ch.peer, frame.body)).then((body) => {
      this.reply(ch, frame.id, body, '')
    }, (err: Error) => {
      const code = err instanceof RpcError ? err.code : 'internal'
      if (!(err instanceof RpcError)) this.reject(ch.peer, 'handler-error', err.message)
      else if (code === 'malformed') ch.violation('malformed-body', err.message)
      this.reply(ch, frame.id, undefined, code)
    }).finally(() => {
      st.inflight--
      b.pendingRequests--
      b.pendingBytes -= frameBytes
    })
  }

  private reply(ch: Channel, id: bigint, body: Uint8Array | undefined, error: string): void {
    try {
      ch.send({ id, response: true, body: (body ?? new Uint8Array(0)) as Uint8Array<ArrayBuffer>, error })
    } catch { /* the stream is gone; the requester times out */ }
  }

  /** @internal */
  reject(peer: PeerId, reason: RejectReason, detail: string): void {
    this.rejected.set(reason, (this.rejected.get(reason) ?? 0) + 1)
    rejectionSink?.(this.protocol, reason)
    logRejection(this.protocol, peer, reason, detail)
    this.handlers.onReject?.(peer, reason, detail)
  }

  /** @internal */
  channelClosed(ch: Channel): void {
    if (!this.channels.delete(ch)) return
    // Requests waiting on this stream will get no answer: fail them now, not at their timeout.
    if (!ch.inbound) {
      for (const [id, p] of this.pending) {
        if (p.ch !== ch) continue
        clearTimeout(p.timer)
        this.pending.delete(id)
        p.reject(new RpcError('closed', `stream to ${ch.peer.toString()} closed before the answer`))
      }
    }
    if (ch.inbound) {
      const key = ch.peer.toString()
      const n = (this.budget.streams.get(key) ?? 1) - 1
      if (n <= 0) this.budget.streams.delete(key)
      else this.budget.streams.set(key, n)
    }
    const st = this.peers.get(ch.peer.toString())
    if (st?.outbound !== undefined) {
      void st.outbound.then((o) => { if (o === ch) st.outbound = undefined }, () => {})
    }
  }
}
