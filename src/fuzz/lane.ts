// Lanes: long-lived streams per (attacker identity, node, protocol) on which single-stream inputs
// are written one after another without waiting for anything. Opening a stream costs far more
// than writing an input (a multistream round trip, a peer-store update on both sides, several
// socket writes), so a campaign is only fast if most inputs share streams. What makes that safe
// is knowing, before writing, what the node's framing layer (src/net/rpc.ts) will do with the
// bytes: shapeOf() parses them with the node's own RpcFrame decoder.
// - clean (whole frames, each small and decodable): the stream survives the framing layer, so the
//   next input may follow at once. Each frame may still be a counted violation (malformed body,
//   unexpected response, rate-limited...) and the node resets a stream at its 20th, so a lane
//   moves to a fresh stream before that many frames have been written on one.
// - dirty (a bad or oversized length prefix, an undecodable frame, a partial frame, a flood past
//   the violation limit): the node resets the stream (or would read the next input as the rest
//   of this one), so it gets a stream of its own (playDirty), written and ended without waiting,
//   several at once; the lane's stream goes on.
// A spare stream is opened ahead so a lane moving to a fresh stream does not wait for the open.
import type { PeerId, Stream } from '@libp2p/interface'
import * as varint from 'uint8-varint'
import { RpcFrame } from '../wire/rpc.js'
import { FrameReader, openCounted, type ExecStats, type Host } from './attack.js'
import type { StreamPlan } from './generate.js'
import { setTimeout as sleep } from 'node:timers/promises'

/** Frames larger than this are treated as dirty: the fuzzer does not know every protocol's exact
 * frame limit (64 KiB for tx, 1 MiB by default, more for PBFT and blocks). */
export const CLEAN_FRAME_MAX = 60 * 1024
/** The node resets a stream at its 20th violation (protocols/rpc.md); stay below. */
export const FRAMES_PER_STREAM = 18
/** Requests waiting for an answer on one lane stream (the node answers `busy` past 64 per peer). */
export const OUTSTANDING_PER_STREAM = 24

export interface Shape {
  /** Whole, decodable, small frames only: the stream survives the framing layer. */
  clean: boolean
  frames: number
  /** Requests (id > 0, not responses) among the frames. */
  requests: number
}

/** What the node's framing layer will make of `chunks` written on a fresh or clean stream. */
export function shapeOf(chunks: Uint8Array[], raw: boolean): Shape {
  if (raw) return { clean: false, frames: 0, requests: 0 }
  let n = 0
  for (const c of chunks) n += c.byteLength
  const buf = new Uint8Array(n)
  let o = 0
  for (const c of chunks) { buf.set(c, o); o += c.byteLength }
  let frames = 0
  let requests = 0
  o = 0
  while (o < buf.byteLength) {
    let len: number
    try {
      len = varint.decode(buf, o)
    } catch {
      return { clean: false, frames, requests } // a length prefix incomplete or invalid
    }
    if (len > CLEAN_FRAME_MAX) return { clean: false, frames, requests }
    const prefix = varint.encodingLength(len)
    // a non-minimal prefix decodes to a length the node would read with the wrong offset
    if (prefix > 5 || (buf[o + prefix - 1] & 0x80) !== 0 || len > CLEAN_FRAME_MAX || o + prefix + len > buf.byteLength) return { clean: false, frames, requests }
    let frame: RpcFrame
    try {
      frame = RpcFrame.decode(buf.subarray(o + prefix, o + prefix + len))
    } catch {
      return { clean: false, frames, requests }
    }
    frames++
    if (!frame.response && frame.id !== 0n) requests++
    o += prefix + len
  }
  return { clean: frames > 0 && frames <= FRAMES_PER_STREAM, frames, requests }
}

/** Plays a dirty input on a stream of its own: open, write, end (an abort drops what is still
 * queued, so after the bytes have left). What the node does with it is counted as it comes. */
export async function playDirty(host: Host, peer: PeerId, protocol: string, p: StreamPlan, stats: ExecStats): Promise<void> {
  const s = await openCounted(host, peer, protocol, stats)
  if (s === undefined) return
  stats.inputs++
  let ours = false
  s.addEventListener('close', () => {
    if (ours) return
    if (s.status === 'reset' || s.status === 'aborted') stats.resetByNode++
    else stats.closedByNode++
  })
  try {
    for (let i = 0; i < p.chunks.length; i++) {
      if (i > 0 && p.gapMs > 0) await sleep(p.gapMs)
      if (s.status !== 'open' || s.writeStatus !== 'writable') break
      stats.bytesSent += p.chunks[i].byteLength
      if (p.chunks[i].byteLength > 0 && !s.send(p.chunks[i])) await s.onDrain({ signal: AbortSignal.timeout(2_000) })
    }
    if (s.status === 'open' && s.writeBufferLength > 0) await s.onDrain({ signal: AbortSignal.timeout(2_000) })
  } catch {
    stats.backpressure++
  } finally {
    ours = true
    if (s.status === 'open') s.abort(new Error('fuzz: dirty input played'))
  }
}

interface LaneStream {
  s: Stream
  frames: number
  requests: number
  answers: number
  inputs: number
  endedByUs: boolean
  /** Wakes a lane waiting for answers. */
  wake?: () => void
}

export interface LaneStats extends ExecStats {
  /** Lane streams the node reset with clean inputs on them that the lane did not expect to end. */
  laneUnexpectedEnds: number
  /** Clean inputs written on those streams (some may have been read before the reset). */
  laneInputsOnUnexpectedEnds: number
}

export class Lane {
  private cur: LaneStream | undefined
  private spare: Promise<LaneStream | undefined> | undefined
  private tail: Promise<void> = Promise.resolve()
  private closed = false

  constructor(private readonly host: Host, private readonly peer: PeerId, private readonly protocol: string, private readonly stats: ExecStats, private readonly onUnexpected: (inputs: number) => void = () => {}) {}

  /** Queues one single-stream input; resolves once it is written (inputs are written in call
   * order). Meant for clean inputs; a dirty one ends the lane's stream after it. */
  async play(p: StreamPlan, shape: Shape): Promise<void> {
    const run = this.tail.then(async () => { await this.playNow(p, shape) })
    this.tail = run.catch(() => {})
    await run
  }

  private async open(): Promise<LaneStream | undefined> {
    const s = await openCounted(this.host, this.peer, this.protocol, this.stats)
    if (s === undefined) return undefined
    const ls: LaneStream = { s, frames: 0, requests: 0, answers: 0, inputs: 0, endedByUs: false }
    const raw = !this.protocol.startsWith('/gridauth/')
    const reader = new FrameReader((error, response) => {
      if (!response) return
      ls.answers++
      const k = error === '' ? 'ok' : error
      this.stats.responses[k] = (this.stats.responses[k] ?? 0) + 1
      ls.wake?.()
    })
    s.addEventListener('message', (e) => { if (!raw) reader.push(e.data instanceof Uint8Array ? e.data : e.data.subarray()) })
    s.addEventListener('close', () => {
      ls.wake?.()
      if (ls.endedByUs) return
      if (s.status === 'reset' || s.status === 'aborted') this.stats.resetByNode++
      else this.stats.closedByNode++
      if (ls.inputs > 0) this.onUnexpected(ls.inputs)
    })
    return ls
  }

  private usable(ls: LaneStream | undefined): ls is LaneStream {
    return ls !== undefined && ls.s.status === 'open' && ls.s.writeStatus === 'writable' && ls.s.readStatus === 'readable'
  }

  private retire(ls: LaneStream): void {
    ls.endedByUs = true
    if (ls.s.status === 'open') ls.s.abort(new Error('fuzz: lane moves on'))
    if (this.cur === ls) this.cur = undefined
  }

  private async stream(shape: Shape): Promise<LaneStream | undefined> {
    const c = this.cur
    if (c !== undefined) {
      if (!this.usable(c) || (shape.clean && c.frames + shape.frames > FRAMES_PER_STREAM)) this.retire(c)
      else if (c.requests - c.answers + shape.requests > OUTSTANDING_PER_STREAM) {
        // let the node answer before piling on more (it answers `busy` past 64 per peer)
        const until = Date.now() + 2_000
        while (this.usable(c) && c.requests - c.answers + shape.requests > OUTSTANDING_PER_STREAM && Date.now() < until) {
          await new Promise<void>((resolve) => { const t = setTimeout(resolve, 50); c.wake = () => { clearTimeout(t); resolve() } })
          c.wake = undefined
        }
        if (c.requests - c.answers + shape.requests > OUTSTANDING_PER_STREAM) this.retire(c)
      }
    }
    if (this.usable(this.cur)) return this.cur
    for (let attempt = 0; attempt < 2 && !this.usable(this.cur); attempt++) {
      const next = this.spare ?? this.open()
      this.spare = undefined
      const ls = await next
      // a spare the node has ended meanwhile (the gate refuses this identity) is not used
      this.cur = this.usable(ls) ? ls : undefined
    }
    if (!this.closed) this.spare = this.open()
    return this.cur
  }

  private async playNow(p: StreamPlan, shape: Shape): Promise<void> {
    if (this.closed) return
    const ls = await this.stream(shape)
    if (ls === undefined) return
    this.stats.inputs++
    ls.inputs++
    ls.frames += shape.frames
    ls.requests += shape.requests
    for (let i = 0; i < p.chunks.length; i++) {
      if (i > 0 && p.gapMs > 0) await sleep(p.gapMs)
      const bytes = p.chunks[i]
      if (bytes.byteLength === 0) continue
      if (!this.usable(ls)) break
      this.stats.bytesSent += bytes.byteLength
      if (!ls.s.send(bytes)) {
        try {
          await ls.s.onDrain({ signal: AbortSignal.timeout(2_000) })
        } catch {
          this.stats.backpressure++
          this.retire(ls)
          return
        }
      }
    }
    // the node will reset this stream (or misread what follows): the input ends it, once its
    // bytes have left (an abort drops what is still queued)
    if (!shape.clean) {
      if (this.usable(ls) && ls.s.writeBufferLength > 0) await ls.s.onDrain({ signal: AbortSignal.timeout(2_000) }).catch(() => {})
      this.retire(ls)
    }
  }

  /** Ends the lane's streams, after the inputs queued on it. */
  async close(): Promise<void> {
    await this.tail
    this.closed = true
    if (this.cur !== undefined) this.retire(this.cur)
    const sp = await this.spare
    if (sp !== undefined) this.retire(sp)
  }
}
