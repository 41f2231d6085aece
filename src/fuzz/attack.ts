// The attacker: an in-process libp2p host (TCP, Noise, Yamux, identify, ping; its key derived
// from the campaign seed) that plays FuzzInputs against a target node, one fresh stream per
// planned stream, and tallies what the node did: answers by code, resets, closes, slow streams.
import { createLibp2p } from 'libp2p'
import { tcp } from '@libp2p/tcp'
import { noise } from '@chainsafe/libp2p-noise'
import { yamux } from '@chainsafe/libp2p-yamux'
import { identify } from '@libp2p/identify'
import { ping } from '@libp2p/ping'
import { generateKeyPairFromSeed } from '@libp2p/crypto/keys'
import type { Socket } from 'node:net'
import type { Connection, Libp2p, PeerId, PrivateKey, Stream } from '@libp2p/interface'
import { Rng } from './prng.js'
import { parseFields } from './wire.js'
import type { FuzzInput, StreamPlan } from './generate.js'
import { setTimeout as sleep } from 'node:timers/promises'

export type Host = Libp2p<{ identify: ReturnType<ReturnType<typeof identify>>, ping: ReturnType<ReturnType<typeof ping>> }>

/** A host with identify and ping; `seed` fixes its key (so its PeerId, used in inputs, is
 * reproducible), or `key` gives it one (an admitted terminal's). */
export async function createHost(seed?: string, key?: PrivateKey): Promise<Host> {
  const privateKey = key ?? (seed === undefined ? undefined : await generateKeyPairFromSeed('Ed25519', new Rng(seed, -1, 99).bytes(32)))
  return await createLibp2p({
    ...(privateKey !== undefined ? { privateKey } : {}),
    addresses: { listen: ['/ip4/127.0.0.1/tcp/0'] },
    transports: [tcp()],
    connectionEncrypters: [noise()],
    streamMuxers: [yamux()],
    connectionManager: { inboundConnectionThreshold: 10_000, maxIncomingPendingConnections: 1000 },
    services: { identify: identify(), ping: ping() }
  })
}

/**
 * Coalesces the socket writes of `host`'s connections: every write within one turn of the event
 * loop leaves in one writev when the turn ends. libp2p writes each yamux frame (a window update
 * per frame received, a stream's open, data and reset) to the socket on its own, and on loopback
 * each write is a system call that also runs the receiving side of TCP: they were the largest
 * share of the fuzzer's CPU. The nodes under test are not changed.
 */
export function autoCork(host: Host): void {
  const done = new WeakSet<Socket>()
  const wrap = (conn: Connection): void => {
    const sock = (conn as unknown as { maConn?: { socket?: Socket } }).maConn?.socket
    if (sock === undefined || typeof sock.cork !== 'function' || done.has(sock)) return
    done.add(sock)
    const write = sock.write.bind(sock) as (...a: unknown[]) => boolean
    let corked = false
    sock.write = ((...args: unknown[]): boolean => {
      if (!corked && !sock.destroyed) {
        corked = true
        sock.cork()
        setImmediate(() => { corked = false; if (!sock.destroyed) sock.uncork() })
      }
      return write(...args)
    }) as typeof sock.write
  }
  host.addEventListener('connection:open', (e) => { wrap(e.detail) })
  for (const c of host.getConnections()) wrap(c)
}

/** A new stream on the open connection to `peer` (dialing only when there is none): libp2p's
 * dialProtocol looks the peer up in its peer store on every call, a cost per stream. */
export async function openStream(host: Host, peer: PeerId, protocol: string): Promise<Stream> {
  const opts = { signal: AbortSignal.timeout(5_000), maxOutboundStreams: 4096, runOnLimitedConnection: true }
  const conn = host.getConnections(peer).find((c) => c.status === 'open')
  if (conn !== undefined) return await conn.newStream(protocol, opts)
  return await host.dialProtocol(peer, protocol, opts)
}

/** openStream, counted in `stats` (opened, time spent opening, failures): undefined if it failed. */
export async function openCounted(host: Host, peer: PeerId, protocol: string, stats: ExecStats): Promise<Stream | undefined> {
  const t = performance.now()
  try {
    const s = await openStream(host, peer, protocol)
    stats.streamsOpened++
    stats.openMs += performance.now() - t
    return s
  } catch {
    stats.openFailed++
    return undefined
  }
}

export interface ExecStats {
  inputs: number
  streamsOpened: number
  /** Total ms spent opening streams (multistream-select negotiation). */
  openMs: number
  /** Stream negotiation failed (protocol refused, connection gone, limit hit at open). */
  openFailed: number
  /** Streams the node reset (or closed) before we ended them. */
  resetByNode: number
  closedByNode: number
  /** Slow-writer streams: closed by the node while we held them / still open when we gave up. */
  slowClosedByNode: number
  slowStillOpen: number
  /** Streams we half-closed (graceful close of our write side) that the node did not close in
   * turn within the linger time (we then reset them so the campaign is not locked out). */
  halfCloseIgnored: number
  halfCloseAnswered: number
  /** Writes that could not drain (the node stopped reading). */
  backpressure: number
  bytesSent: number
  /** Response frames by error code ('' = ok). */
  responses: Record<string, number>
  /** Requests that got no answer before the stream ended or the wait ran out. */
  unanswered: number
  /** Lane streams the node ended while clean inputs were on them (the lane did not expect it:
   * the gate refused the identity, or violations, busy or rate-limited answers added up). */
  laneUnexpectedEnds: number
  /** Inputs written on those streams (some may have been read before the end). */
  laneInputsOnUnexpectedEnds: number
}

export function emptyStats(): ExecStats {
  return { inputs: 0, streamsOpened: 0, openMs: 0, openFailed: 0, resetByNode: 0, closedByNode: 0, slowClosedByNode: 0, slowStillOpen: 0, halfCloseIgnored: 0, halfCloseAnswered: 0, backpressure: 0, bytesSent: 0, responses: {}, unanswered: 0, laneUnexpectedEnds: 0, laneInputsOnUnexpectedEnds: 0 }
}

/** Reads length-prefixed frames leniently and reports each response's error code. */
export class FrameReader {
  private buf = new Uint8Array(0)
  constructor(private readonly onFrame: (error: string, response: boolean) => void) {}
  push(data: Uint8Array): void {
    const b = new Uint8Array(this.buf.byteLength + data.byteLength)
    b.set(this.buf); b.set(data, this.buf.byteLength)
    this.buf = b
    for (;;) {
      let len = 0; let shift = 0; let o = 0
      for (; o < this.buf.byteLength && o < 10; o++) { len += (this.buf[o] & 0x7f) * 2 ** shift; shift += 7; if ((this.buf[o] & 0x80) === 0) break }
      if (o >= this.buf.byteLength || o >= 10) return
      const start = o + 1
      if (this.buf.byteLength < start + len) return
      const fields = parseFields(this.buf.subarray(start, start + len))
      this.buf = this.buf.slice(start + len)
      const err = fields.find((f) => f.field === 4)?.payload
      const response = fields.some((f) => f.field === 2)
      this.onFrame(err === undefined ? '' : new TextDecoder().decode(err).slice(0, 40), response)
    }
  }
}

export interface ExecOptions {
  /** How long to wait for answers to requests. */
  responseWaitMs: number
  /** How long to linger after writing when no answer is expected (to see resets). */
  settleMs: number
  /** After our graceful close, how long to wait for the node to close its side. */
  halfCloseLingerMs: number
  rawFraming?: boolean
  label?: string
}

async function runStream(host: Host, peer: PeerId, protocol: string, p: StreamPlan, stats: ExecStats, opts: ExecOptions): Promise<void> {
  const stream = await openCounted(host, peer, protocol, stats)
  if (stream === undefined) return
  let endedByUs = false
  let remoteEnded = false
  let answered = 0
  let wake: (() => void) | undefined
  const reader = new FrameReader((error, response) => {
    if (!response) return
    answered++
    const k = error === '' ? 'ok' : error
    stats.responses[k] = (stats.responses[k] ?? 0) + 1
    wake?.()
  })
  stream.addEventListener('message', (e) => {
    const d = e.data
    if (opts.rawFraming !== true) reader.push(d instanceof Uint8Array ? d : d.subarray())
  })
  let remoteClosedWrite = false
  let counted = false
  const countRemoteEnd = (): void => {
    if (counted || endedByUs) return
    counted = true
    if (stream.status === 'reset' || stream.status === 'aborted') stats.resetByNode++
    else stats.closedByNode++
  }
  stream.addEventListener('close', () => {
    if (!endedByUs) { remoteEnded = true; countRemoteEnd() }
    wake?.()
  })
  stream.addEventListener('remoteCloseWrite', () => {
    remoteClosedWrite = true
    if (!endedByUs) { remoteEnded = true; countRemoteEnd() }
    wake?.()
  })
  // the 'close' event can trail the status change: look at the status too
  const gone = (): boolean => {
    if (!remoteEnded && (stream.status === 'reset' || stream.status === 'closed')) { remoteEnded = true; countRemoteEnd() }
    return remoteEnded
  }
  const waitUntil = async (ms: number, done: () => boolean): Promise<void> => {
    const deadline = Date.now() + ms
    while (!done() && Date.now() < deadline) {
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, Math.max(1, deadline - Date.now()))
        wake = () => { clearTimeout(t); resolve() }
      })
      wake = undefined
    }
  }
  try {
    for (let i = 0; i < p.chunks.length && !gone(); i++) {
      if (i > 0 && p.gapMs > 0) await sleep(p.gapMs)
      const bytes = p.chunks[i]
      if (bytes.byteLength === 0) continue
      stats.bytesSent += bytes.byteLength
      if (stream.status !== 'open' || stream.writeStatus !== 'writable') break
      if (!stream.send(bytes)) {
        try {
          await stream.onDrain({ signal: AbortSignal.timeout(2_000) })
        } catch {
          stats.backpressure++
          break
        }
      }
    }
    if (p.end === 'hold') {
      await waitUntil(p.holdMs, gone)
      if (remoteEnded) stats.slowClosedByNode++
      else stats.slowStillOpen++
    } else if (p.expect > 0) {
      await waitUntil(opts.responseWaitMs, () => gone() || answered >= p.expect)
    } else if (opts.settleMs > 0) {
      await waitUntil(opts.settleMs, gone)
    }
    if (p.expect > answered) {
      stats.unanswered += p.expect - answered
      if (process.env.FUZZ_DEBUG === '2') console.log(`unanswered ${opts.label ?? ''} ${protocol} expect ${p.expect} got ${answered} remoteEnded ${remoteEnded} status ${stream.status} ${stream.readStatus} ${stream.writeStatus}`)
    }
  } finally {
    endedByUs = true
    if (p.end === 'close' && stream.status === 'open' && stream.writeStatus === 'writable') {
      // graceful half-close, as a well-behaved libp2p peer ends a stream; a node should close
      // its side in turn. If it does not within the linger time, reset (and count it).
      stream.close({ signal: AbortSignal.timeout(opts.halfCloseLingerMs * 2) }).catch(() => {})
      await waitUntil(opts.halfCloseLingerMs, () => remoteClosedWrite || stream.status !== 'open')
      if (remoteClosedWrite || (stream.status as string) === 'closed') stats.halfCloseAnswered++
      else if ((stream.status as string) === 'open') stats.halfCloseIgnored++
      if ((stream.status as string) === 'open' || (stream.status as string) === 'closing') stream.abort(new Error('fuzz: node kept its side open'))
    } else if (stream.status === 'open' || stream.status === 'closing') {
      stream.abort(new Error('fuzz: done'))
    }
  }
}

/** Plays one input against `peer` (all its streams at once). */
export async function execute(host: Host, peer: PeerId, input: FuzzInput, stats: ExecStats, opts: ExecOptions): Promise<void> {
  stats.inputs++
  await Promise.all(input.streams.map(async (p) => { await runStream(host, peer, input.protocol, p, stats, { ...opts, rawFraming: !input.protocol.startsWith('/gridauth/'), label: `#${input.index} ${input.kind} ${input.note.slice(0, 80)}` }) }))
}

/** Inputs that can ride on a lane: one stream, not held open on purpose. */
export function laneable(input: FuzzInput): boolean {
  return input.streams.length === 1 && input.streams[0].end !== 'hold'
}
