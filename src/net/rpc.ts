// One gridauth stream protocol on libp2p: long-lived streams (one outbound per peer, opened on
// first use and reopened after failure), length-prefixed RpcFrames, one-way messages and
// request/response with ids, and every limit of protocols/rpc.md enforced and counted.
// A new stream per message costs 3-6x the round trip of a persistent one (bench: node), so
// everything rides on these long-lived streams.
import type { Connection, PeerId, Stream, StreamHandlerOptions, AbortOptions } from '@libp2p/interface'
import { Uint8ArrayList } from 'uint8arraylist'
import * as varint from 'uint8-varint'
import { RpcFrame } from '../wire/rpc.js'

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

export const DEFAULT_RPC_LIMITS: RpcLimits = {
  maxFrameBytes: 1 << 20,
  maxInboundStreams: 4,
  maxInflightPerPeer: 64,
  ratePerPeer: 2000,
  idleTimeoutMs: 5 * 60_000,
  requestTimeoutMs: 10_000,
  maxQueuedBytes: 8 << 20,
  maxViolationsPerStream: 20,
  readTimeoutMs: 10_000
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
export type RejectReason = 'oversized' | 'malformed-frame' | 'malformed-body' | 'unauthorized' | 'rate-limited' | 'busy' | 'unexpected-response' | 'handler-error' | 'slow-writer'

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

interface Pending { resolve: (b: Uint8Array) => void, reject: (e: Error) => void, timer: NodeJS.Timeout }

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

  constructor(readonly stream: Stream, readonly peer: PeerId, private readonly endpoint: RpcEndpoint) {
    stream.inactivityTimeout = endpoint.limits.idleTimeoutMs
    stream.maxWriteBufferLength = endpoint.limits.maxQueuedBytes
    stream.addEventListener('message', (e) => this.onData(e.data))
    stream.addEventListener('close', () => {
      this.closed = true
      clearTimeout(this.partialTimer)
      endpoint.channelClosed(this)
    })
    // A peer that ends its side gets ours closed too, so the stream does not sit half-open
    // (holding one of the few inbound stream slots) until the idle timeout.
    stream.addEventListener('remoteCloseWrite', () => {
      if (this.closed) return
      this.closed = true
      clearTimeout(this.partialTimer)
      endpoint.channelClosed(this)
      stream.close().catch(() => stream.abort(new RpcError('closed')))
    })
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
      this.endpoint.dispatch(this, frame)
      if (this.closed) return
    }
    this.watchPartial()
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
    clearTimeout(this.partialTimer)
    this.stream.abort(new RpcError('protocol-violation', why))
    this.endpoint.channelClosed(this)
  }
}

export class RpcEndpoint {
  readonly limits: RpcLimits
  readonly rejected = new Map<RejectReason, number>()
  private readonly peers = new Map<string, PeerState>()
  private readonly pending = new Map<bigint, Pending>()
  private readonly channels = new Set<Channel>()
  private nextId = 1n
  private started = false

  constructor(private readonly host: RpcHost, readonly protocol: string, private readonly handlers: RpcHandlers, limits: Partial<RpcLimits> = {}, private readonly now: () => number = Date.now) {
    this.limits = { ...DEFAULT_RPC_LIMITS, ...limits }
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
      this.channels.add(new Channel(stream, peer, this))
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
    const ch = await this.channel(peer)
    const id = this.nextId++
    return await new Promise<Uint8Array>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id)
        reject(new RpcError('timeout', `no response from ${peer.toString()} within ${opts.timeoutMs ?? this.limits.requestTimeoutMs} ms`))
      }, opts.timeoutMs ?? this.limits.requestTimeoutMs)
      this.pending.set(id, { resolve, reject, timer })
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
      const ch = new Channel(stream, peer, this)
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
      st = { inflight: 0, tokens: this.limits.ratePerPeer * 2, refilledAt: this.now() }
      this.peers.set(key, st)
    }
    return st
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
  dispatch(ch: Channel, frame: RpcFrame): void {
    if (frame.response) {
      const p = this.pending.get(frame.id)
      if (p === undefined) return ch.violation('unexpected-response', `no request ${frame.id}`)
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
    st.inflight++
    Promise.resolve().then(async () => await this.handlers.onRequest!(ch.peer, frame.body)).then((body) => {
      this.reply(ch, frame.id, body, '')
    }, (err: Error) => {
      const code = err instanceof RpcError ? err.code : 'internal'
      if (!(err instanceof RpcError)) this.reject(ch.peer, 'handler-error', err.message)
      else if (code === 'malformed') ch.violation('malformed-body', err.message)
      this.reply(ch, frame.id, undefined, code)
    }).finally(() => { st.inflight-- })
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
    this.handlers.onReject?.(peer, reason, detail)
  }

  /** @internal */
  channelClosed(ch: Channel): void {
    this.channels.delete(ch)
    const st = this.peers.get(ch.peer.toString())
    if (st?.outbound !== undefined) {
      void st.outbound.then((o) => { if (o === ch) st.outbound = undefined }, () => {})
    }
  }
}
