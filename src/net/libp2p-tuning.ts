// Three per-message costs of the libp2p stack, removed for every host of this process. All keep
// the libraries' behaviour on the wire and their error handling; only wasted work goes.
//
// 1. Yamux receive-window updates as the yamux spec's reference implementation (hashicorp/yamux,
//    go-yamux) sends them: only once at least half of the receive window has been consumed.
//    @chainsafe/libp2p-yamux 8 sends a WINDOW_UPDATE frame after EVERY data frame it receives. On
//    gridauth's long-lived streams, where most frames are small (votes, pings, requests), that
//    doubled the frames on the wire: each update is one more Noise encryption, one more socket
//    write (a system call that on loopback also runs the receiver's TCP input) and one more
//    decryption and dispatch at the other end. The sender still gets its credit back before it can
//    run out (after half the window), exactly as from a Go peer.
// 2. @libp2p/utils' LengthPrefixedDecoder (Noise's frame decoder) learns that its buffer holds no
//    further frame by catching a RangeError that the length decoder throws, and it asks once more
//    after every chunk it decodes, so every chunk read from a socket constructed (and captured the
//    stack of) one RangeError: the largest single entry of a request/response CPU profile (10 %).
//    An empty buffer now throws one preallocated RangeError (no stack capture); the decoder's
//    loop treats it exactly as before.
// 3. One system call per burst of frames instead of one per buffer. A Noise frame reaches the TCP
//    connection as a list of buffers (length prefix, the yamux header, the payload's own length
//    prefix and payload, the tag), and @libp2p/tcp hands each to socket.write(): strace showed five
//    write() calls for every message, each a separate loopback segment the receiver's kernel
//    processes. The socket is now corked while a connection flushes its send queue and uncorked on
//    the next tick, so Node writes everything queued in this tick with one writev().
import { Socket } from 'node:net'
import { AbstractMultiaddrConnection } from '@libp2p/utils'
import { YamuxStream, StreamState } from '@chainsafe/libp2p-yamux/stream'
import { LengthPrefixedDecoder } from '@libp2p/utils'
import type { Uint8ArrayList } from 'uint8arraylist'

interface ReceiveWindow { state: StreamState, recvWindow: number, recvWindowCapacity: number }
interface DecoderInternals { lengthDecoder: (buf: Uint8ArrayList | Uint8Array) => number }

const NO_LENGTH_YET = new RangeError('no length prefix buffered')
let tuned = false

/** Applies the three changes to the libp2p classes of this process (idempotent). */
export function tuneLibp2p(): void {
  if (tuned) return
  tuned = true

  const stream = YamuxStream.prototype as unknown as { sendWindowUpdate: (this: ReceiveWindow) => void }
  const eagerUpdate = stream.sendWindowUpdate
  stream.sendWindowUpdate = function (this: ReceiveWindow): void {
    // Only an established stream may skip: in the other states the update carries a flag (SYN/ACK)
    // or the stream is paused, and the library's own logic must run.
    if (this.state === StreamState.Established && this.recvWindowCapacity > this.recvWindow / 2) return
    eagerUpdate.call(this)
  }

  const decoder = LengthPrefixedDecoder.prototype as unknown as { decode: (this: DecoderInternals, buf: Uint8ArrayList | Uint8Array) => Generator<Uint8ArrayList> }
  const decode = decoder.decode
  const guarded = new WeakSet<DecoderInternals>()
  decoder.decode = function (this: DecoderInternals, buf: Uint8ArrayList | Uint8Array): Generator<Uint8ArrayList> {
    if (!guarded.has(this)) {
      guarded.add(this)
      const lengthOf = this.lengthDecoder
      this.lengthDecoder = (b) => { if (b.byteLength === 0) throw NO_LENGTH_YET; return lengthOf(b) }
    }
    return decode.call(this, buf)
  }

  // Defined on AbstractMultiaddrConnection (transports' connections), not on AbstractMessageStream
  // (which muxed streams share); the base constructor binds processSendQueue per instance, so the
  // wrapper is what every connection created after this call uses.
  const conn = AbstractMultiaddrConnection.prototype as unknown as { processSendQueue: (this: { socket?: unknown }) => boolean }
  const processSendQueue = conn.processSendQueue
  conn.processSendQueue = function (this: { socket?: unknown }): boolean {
    const s = this.socket
    if (s instanceof Socket && s.writableCorked === 0 && !s.destroyed) {
      s.cork()
      process.nextTick(uncork, s)
    }
    return processSendQueue.call(this)
  }
}

function uncork (s: Socket): void {
  s.uncork()
}
